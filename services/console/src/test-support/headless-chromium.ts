import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Re-exported for tests outside this package (test/e2e), where playwright-core does not resolve. */
export type { Browser, Page } from 'playwright-core';
import { OperationalError } from '@dms/service-kit';

/** Debian's Chromium, as deploy/local/chromium.sh installs it; DMS_CHROMIUM overrides. */
export const CHROMIUM = process.env['DMS_CHROMIUM'] ?? '/usr/bin/chromium';

export class BrowserMissingError extends OperationalError {
  constructor(path: string) {
    super('BROWSER_MISSING', `${path} not found: run bash deploy/local/chromium.sh first`, {
      retriable: false,
    });
  }
}

/**
 * Headless Chromium for the console's browser tests. The flags are the ones this kind of
 * machine needs: no sandbox when running as root (Chromium refuses otherwise), /tmp instead of
 * a small /dev/shm in containers, no GPU.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new BrowserMissingError(CHROMIUM);
  const asRoot = process.getuid?.() === 0;
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...(asRoot ? ['--no-sandbox'] : []), '--disable-dev-shm-usage', '--disable-gpu'],
  });
}
