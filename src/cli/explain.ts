// `netguide explain PATH... [--lang zh|en]`: the explanations and packet walks
// as readable text, each with its evidence as file:line.

import type { Command } from 'commander';
import type { Topology } from '../topology/model.js';
import { formatDiagnostic } from '../diagnostics.js';
import { msg } from '../message.js';
import { forgetMissingMessages, say } from '../i18n/messages.js';
import { at } from './topology.js';

interface ExplainOptions { lang?: string; strict?: boolean }

export function register(program: Command): void {
  program
    .command('explain')
    .description('explanations and packet walks of guides and capture bundles, as text')
    .argument('<paths...>', 'guides and capture bundle folders')
    .option('--lang <lang>', 'zh or en', 'en')
    .option('--strict', 'exit non-zero when a capture line is not understood or a claim is contradicted')
    .action(async (paths: string[], options: ExplainOptions) => {
      process.exitCode = await runExplain(paths, options, (s) => process.stdout.write(s), (s) => process.stderr.write(s));
    });
}

// The pipeline is imported when the command runs, so `netguide --help` and the
// other commands do not pay for loading it.
export async function runExplain(paths: string[], options: ExplainOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (options.lang !== undefined && options.lang !== 'zh' && options.lang !== 'en') {
    err(`netguide explain: --lang must be zh or en, not ${options.lang}\n`);
    return 2;
  }
  const [{ understand, missingMessageDiagnostics }, { exitStatus }] = await Promise.all([import('../pipeline.js'), import('./exit-status.js')]);
  const lang = options.lang === 'zh' ? 'zh' : 'en';
  forgetMissingMessages();
  const run = understand(paths, lang);
  for (const d of run.diagnostics) err(formatDiagnostic(d) + '\n');
  // nothing read: the diagnostics say why, and no empty heading pretends otherwise
  if (run.sources.captures.length > 0) out(explainText(run.topology, lang));
  for (const d of missingMessageDiagnostics()) err(formatDiagnostic(d) + '\n');
  return exitStatus(run, Boolean(options.strict));
}

export function explainText(t: Topology, lang: 'zh' | 'en'): string {
  const lines: string[] = [`# ${say(msg('cli:explanations'), lang)}`, ''];
  for (const e of t.explanations) lines.push(`- ${say(e.message, lang)}${at(e.evidence)}`);
  for (const w of t.walks) {
    lines.push('', `# ${say(w.title, lang)}`, '');
    for (const s of w.steps) {
      lines.push(`${say(s.message, lang)}${at(s.evidence)}`);
      // a bridge's flows, table by table, under the step
      for (const t of s.tables ?? []) lines.push(`${'  '.repeat(t.depth + 1)}- ${say(t.message, lang)}${at(t.evidence)}`);
    }
  }
  const claims = t.findings.filter((f) => f.claim);
  if (claims.length) {
    lines.push('', `# ${say(msg('cli:claims'), lang)}`, '');
    for (const f of claims) lines.push(`- [${f.kind}] ${f.claim!.file}:${f.claim!.line} «${f.claim!.text}»: ${say(f.message, lang)}${at(f.evidence)}`);
  }
  return lines.join('\n') + '\n';
}
