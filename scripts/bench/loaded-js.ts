/**
 * What a kiosk REALLY loads before its first screen, per mode, measured in Chromium: every
 * script and stylesheet response (CDP-backed `page.on('response')`) until the mode's first
 * screen is up — the attract screen (kiosk), the first slide (display), the scrolling line
 * (ticker). Sizes are the gzip size of each body (what a compressing server sends), so the
 * figure does not depend on how the reference server is configured.
 */
import { gzipSync } from 'node:zlib';
import type { Browser, Response } from '@playwright/test';

export type Mode = 'kiosk' | 'display' | 'ticker';

/** Selector that is on screen once the mode's first real screen has rendered. */
export const FIRST_SCREEN: Record<Mode, string> = {
  kiosk: '.attract',
  display: '[data-slide]',
  ticker: '.marquee',
};

export interface LoadedFile {
  path: string;
  kind: 'js' | 'css';
  bytes: number;
  gzip: number;
}

export interface LoadedSummary {
  mode: Mode;
  files: LoadedFile[];
  jsGzip: number;
  cssGzip: number;
}

export function summarise(mode: Mode, files: LoadedFile[]): LoadedSummary {
  const sum = (k: LoadedFile['kind']) => files.filter((f) => f.kind === k).reduce((n, f) => n + f.gzip, 0);
  return { mode, files, jsGzip: sum('js'), cssGzip: sum('css') };
}

/** Classify a response as a script or stylesheet of the app (not content, not the page). */
export function kindOf(url: string, contentType: string): LoadedFile['kind'] | undefined {
  const path = new URL(url).pathname;
  if (path.startsWith('/content/')) return undefined;
  if (/javascript/.test(contentType) || /\.m?js$/.test(path)) return 'js';
  if (/text\/css/.test(contentType) || path.endsWith('.css')) return 'css';
  return undefined;
}

export async function measureLoaded(browser: Browser, baseUrl: string, site: string, mode: Mode): Promise<LoadedSummary> {
  // A fresh context: nothing cached, no service worker yet — the first start of a kiosk.
  const context = await browser.newContext({
    viewport: mode === 'kiosk' ? { width: 1080, height: 1920 } : { width: 1920, height: 1080 },
    hasTouch: mode === 'kiosk',
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  const pending: Promise<LoadedFile | undefined>[] = [];
  let done = false;
  page.on('response', (r: Response) => {
    if (done) return;
    const kind = kindOf(r.url(), r.headers()['content-type'] ?? '');
    if (!kind) return;
    pending.push(
      r.body().then(
        (body) => ({ path: new URL(r.url()).pathname, kind, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length }),
        () => undefined,
      ),
    );
  });
  await page.goto(`${baseUrl}/?site=${encodeURIComponent(site)}&mode=${mode}`);
  await page.locator(FIRST_SCREEN[mode]).first().waitFor({ timeout: 60_000 });
  done = true;
  const files = (await Promise.all(pending)).filter((f): f is LoadedFile => f !== undefined);
  await context.close();
  const unique = new Map(files.map((f) => [f.path, f]));
  return summarise(
    mode,
    [...unique.values()].sort((a, b) => (a.path < b.path ? -1 : 1)),
  );
}
