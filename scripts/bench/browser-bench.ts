/**
 * Kiosk start-up and display memory, measured in the system Chromium:
 * - time from navigation to the site's content on screen: first visit (network, verify, store)
 *   as the baseline, then a reload with stored content, then a reload with the network off;
 * - the wall display's JS heap after GC before and after hours of simulated running (page.clock).
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../find-chromium.ts';
import { startServer } from '../serve.ts';
import { median, ratio, type Row } from './measure.ts';

/** ms since navigation start when the site's name is on screen and no status screen is up. */
async function readyAt(page: Page, siteName: string): Promise<number> {
  const handle = await page.waitForFunction(
    (name) => (!document.querySelector('.status-title') && document.body.innerText.includes(name) ? performance.now() : 0),
    siteName,
    { timeout: 30_000, polling: 'raf' },
  );
  return (await handle.jsonValue()) as number;
}

async function startTimes(browser: Browser, url: string, siteName: string, runs: number) {
  const first: number[] = [];
  const warm: number[] = [];
  const offline: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
    const page = await context.newPage();
    await page.goto(url);
    first.push(await readyAt(page, siteName));
    await page
      .waitForFunction(() => navigator.serviceWorker?.controller !== null || !('serviceWorker' in navigator), null, { timeout: 30_000 })
      .catch(() => {});
    await page.reload();
    warm.push(await readyAt(page, siteName));
    await context.setOffline(true);
    await page.reload();
    offline.push(await readyAt(page, siteName));
    await context.close();
  }
  return { first: median(first), warm: median(warm), offline: median(offline) };
}

async function heapAfterGc(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (n: string) => metrics.find((m) => m.name === n)?.value ?? 0;
  await cdp.detach();
  return { heap: get('JSHeapUsedSize'), nodes: get('Nodes') };
}

async function displayMemory(browser: Browser, url: string, hours: number) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.clock.install({ time: new Date('2026-11-25T09:00:00+08:00') });
  await page.goto(url);
  // Warm up: a full hour of slides, so caches and lazily built parts exist before the baseline.
  for (let m = 0; m < 12; m++) await page.clock.runFor(5 * 60_000);
  const before = await heapAfterGc(page);
  for (let h = 0; h < hours; h++) for (let m = 0; m < 12; m++) await page.clock.runFor(5 * 60_000);
  const after = await heapAfterGc(page);
  await context.close();
  return { before, after };
}

export async function benchBrowser(distDir: string, site: string, siteName: string, displayHours: number): Promise<Row[]> {
  const executablePath = findChromium();
  if (!executablePath) return [{ group: 'browser', name: '未找到 Chromium，跳过浏览器测量 (set CHROMIUM_PATH)', value: '-' }];
  const server = await startServer({ root: distDir, port: 0 });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const t = await startTimes(browser, `${server.url}/?site=${site}`, siteName, 3);
    const mem = await displayMemory(browser, `${server.url}/?site=${site}&mode=display`, displayHours);
    const mb = (n: number) => `${(n / 1048576).toFixed(2)} MB`;
    return [
      { group: 'browser', name: 'first visit: fetch, verify, store, render (baseline)', value: `${t.first.toFixed(0)} ms` },
      {
        group: 'browser',
        name: 'reload with stored content',
        value: `${t.warm.toFixed(0)} ms`,
        ratio: ratio(t.warm, t.first, 'first visit'),
      },
      {
        group: 'browser',
        name: 'reload with the network off',
        value: `${t.offline.toFixed(0)} ms`,
        ratio: ratio(t.offline, t.first, 'first visit'),
      },
      { group: 'display', name: 'JS heap after GC after 1 h warm-up (baseline)', value: mb(mem.before.heap) },
      {
        group: 'display',
        name: `JS heap after GC after ${displayHours} h more`,
        value: mb(mem.after.heap),
        ratio: ratio(mem.after.heap, mem.before.heap, 'start'),
      },
      { group: 'display', name: `DOM nodes: baseline → after ${displayHours} h more`, value: `${mem.before.nodes} → ${mem.after.nodes}` },
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}
