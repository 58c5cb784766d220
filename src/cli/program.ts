// The `netguide` command: one sub-command per file in src/cli/, registered here
// in the order `--help` lists them. src/cli.ts starts it (from the bundle when
// there is a fresh one).
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { registerCommands } from './commands.js';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const program = new Command('netguide')
  .description('Turn network guides (reStructuredText) and captured command output into a bilingual static site.')
  .version(pkg.version)
  .showHelpAfterError()
  .configureHelp({ sortSubcommands: false });

registerCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`netguide: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
