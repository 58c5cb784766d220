// V8 settings for the one-document reStructuredText commands (rst2xml,
// rst2html): a process that parses one document and exits. On 1–4 MB of real
// RST (PEPs, docutils' docs) such a process spent about a third of its CPU in
// TurboFan, compiling the reader's many functions for a run too short to pay
// the compilation back; with Sparkplug's baseline code only, the same runs
// took 30–35 % less CPU. `netguide parse` keeps the defaults (its hot loop over
// 100,000 alike flow lines does pay TurboFan back: 2.9 s CPU against 4.4 s
// without), as does long-lived work (a site build, tests).
// NETGUIDE_V8_DEFAULTS=1 keeps the defaults here too (the bench compares both).
import { setFlagsFromString } from 'node:v8';

export function fastStart(): void {
  if (process.env.NETGUIDE_V8_DEFAULTS) return;
  setFlagsFromString('--no-opt');
}
