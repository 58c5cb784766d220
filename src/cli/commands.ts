// The table of contents of the CLI: each sub-command lives in its own file and
// exports `register(program)`.
import type { Command } from 'commander';

type Registrar = (program: Command) => void;

const registrars: Registrar[] = [];

export function registerCommands(program: Command): void {
  for (const register of registrars) register(program);
}
