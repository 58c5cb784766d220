// The table of contents of the CLI: each sub-command lives in its own file and
// exports `register(program)`.
import type { Command } from 'commander';
import { register as registerParse } from './parse.js';
import { register as registerRst2Xml } from './rst2xml.js';
import { register as registerRst2Html } from './rst2html.js';
import { register as registerTopology } from './topology.js';
import { register as registerExplain } from './explain.js';
import { register as registerTrace } from './trace.js';
import { register as registerI18n } from './i18n.js';
import { register as registerDiff } from './diff.js';
import { register as registerImport } from './import.js';
import { register as registerCapture } from './capture.js';
import { register as registerBuild } from './build.js';

type Registrar = (program: Command) => void;

const registrars: Registrar[] = [];
registrars.push(registerRst2Xml);
registrars.push(registerRst2Html);
registrars.push(registerParse);
registrars.push(registerTopology);
registrars.push(registerExplain);
registrars.push(registerTrace);
registrars.push(registerI18n);
registrars.push(registerCapture);
registrars.push(registerImport);
registrars.push(registerDiff);
registrars.push(registerBuild);

export function registerCommands(program: Command): void {
  for (const register of registrars) register(program);
}
