/**
 * Finds the Chromium the e2e tests drive (Playwright's own browser downloads cannot work on
 * the county's closed network): env CHROMIUM_PATH, then the usual system paths.
 */
import { accessSync, constants } from 'node:fs';
import { execFileSync } from 'node:child_process';

export const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium/chromium',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** Flags that keep Chromium quiet and working in containers and on closed networks. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | null {
  try {
    const out = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return out && executable(out) ? out : null;
  } catch {
    return null;
  }
}

/** Path of a Chromium executable, or null. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env.CHROMIUM_PATH?.trim();
  if (fromEnv) return executable(fromEnv) ? fromEnv : null;
  for (const p of CHROMIUM_CANDIDATES) if (executable(p)) return p;
  return onPath('chromium') ?? onPath('chromium-browser');
}
