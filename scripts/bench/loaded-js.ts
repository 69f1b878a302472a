/**
 * What a kiosk REALLY loads before its first screen, per mode, measured in Chromium: every
 * script and stylesheet the page requested (Resource Timing, its start time) before the mode's
 * first screen was painted — the attract screen (kiosk), the first slide (display), the
 * scrolling line (ticker). The page itself notes that moment (an init script: a
 * MutationObserver sees the screen's element, then the frame after it is painted), so what is
 * requested at the first idle moment after it (the uplink, the watchdog, the update check) is
 * listed apart and not counted. Two starts per mode: the first one (nothing stored: the content
 * is downloaded, verified and assembled first) and a restart with the content stored (every
 * later start of the machine). Sizes are the gzip size of each file as the server sends it, so
 * the figure does not depend on how the reference server compresses.
 */
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from '@playwright/test';

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

export interface StartLoads {
  /** Requested before the first screen was painted. */
  before: LoadedSummary;
  /** Requested in the 3 s after it (idle-time loads). */
  after: LoadedSummary;
  /** ms from navigation to the first screen painted. */
  paintedAt: number;
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

/** Set in every page before its scripts: `__firstScreenPaintedAt` once `selector` is on screen and painted. */
const firstScreenWatcher = (selector: string) => `
  try { performance.setResourceTimingBufferSize(100000); } catch {}
  window.__firstScreenPaintedAt = 0;
  const seen = () => {
    if (!document.querySelector(${JSON.stringify(selector)})) return false;
    // rAF runs before the frame is painted; the task after it runs once it has been.
    requestAnimationFrame(() => setTimeout(() => { window.__firstScreenPaintedAt = performance.now(); }, 0));
    return true;
  };
  new MutationObserver((_, obs) => { if (seen()) obs.disconnect(); })
    .observe(document, { childList: true, subtree: true });
`;

async function startOnce(
  page: Page,
  mode: Mode,
  sizeOf: (path: string) => Promise<LoadedFile | undefined>,
  load: () => Promise<unknown>,
): Promise<StartLoads> {
  await load();
  const handle = await page.waitForFunction(() => (window as unknown as { __firstScreenPaintedAt: number }).__firstScreenPaintedAt, null, {
    timeout: 60_000,
  });
  const paintedAt = (await handle.jsonValue()) as number;
  await page.waitForTimeout(3000);
  const entries = (await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => ({ name: e.name, start: e.startTime })),
  )) as { name: string; start: number }[];
  const pick = async (list: { name: string }[]) => {
    const paths = [...new Set(list.filter((e) => kindOf(e.name, '')).map((e) => new URL(e.name).pathname))].sort();
    return summarise(
      mode,
      (await Promise.all(paths.map(sizeOf))).filter((f): f is LoadedFile => f !== undefined),
    );
  };
  return {
    before: await pick(entries.filter((e) => e.start <= paintedAt)),
    after: await pick(entries.filter((e) => e.start > paintedAt)),
    paintedAt,
  };
}

export async function measureLoaded(
  browser: Browser,
  baseUrl: string,
  site: string,
  mode: Mode,
): Promise<{ first: StartLoads; stored: StartLoads }> {
  const sizes = new Map<string, Promise<LoadedFile | undefined>>();
  const sizeOf = (path: string) => {
    let s = sizes.get(path);
    if (!s) {
      s = fetch(`${baseUrl}${path}`).then(async (r) => {
        const kind = kindOf(`${baseUrl}${path}`, r.headers.get('content-type') ?? '');
        if (!r.ok || !kind) return undefined;
        const body = Buffer.from(await r.arrayBuffer());
        return { path, kind, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
      });
      sizes.set(path, s);
    }
    return s;
  };
  // A fresh context: nothing cached, no service worker — the first start of a kiosk; then a
  // restart of the same page with its content stored.
  const context = await browser.newContext({
    viewport: mode === 'kiosk' ? { width: 1080, height: 1920 } : { width: 1920, height: 1080 },
    hasTouch: mode === 'kiosk',
    serviceWorkers: 'block',
  });
  await context.addInitScript(firstScreenWatcher(FIRST_SCREEN[mode]));
  const page = await context.newPage();
  try {
    const first = await startOnce(page, mode, sizeOf, () => page.goto(`${baseUrl}/?site=${encodeURIComponent(site)}&mode=${mode}`));
    const stored = await startOnce(page, mode, sizeOf, () => page.reload());
    return { first, stored };
  } finally {
    await context.close();
  }
}
