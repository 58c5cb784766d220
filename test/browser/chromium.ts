// Debian's Chromium driven by playwright-core: never a downloaded browser.
// Where /usr/bin/chromium is missing, `missingChromium` says so, and the suites
// are skipped with that reason (never passed).

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.NETGUIDE_CHROMIUM ?? '/usr/bin/chromium';

export const missingChromium: string | false = existsSync(CHROMIUM)
  ? false
  : `no Chromium at ${CHROMIUM} (install Debian's chromium package: apt-get install -y chromium)`;

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh Chromium with its own profile folder. */
export async function launch(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'netguide-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
