/**
 * Kiosk figures measured in the system Chromium (playwright-core):
 *   - cold start offline (stored content, no network) to an interactive attract screen, with
 *     the CPU throttled 4× (CDP Emulation.setCPUThrottlingRate) against unthrottled, and the
 *     longest task (PerformanceObserver 'longtask');
 *   - bytes on the wire (counted at the content server, wire.ts) for the first full download,
 *     a poll when nothing changed and the update after one item was edited;
 *   - JS heap after GC after many simulated kiosk sessions, and after simulated display hours.
 * Nothing here passes or fails.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { median } from './measure.ts';
import { type Burst, bursts, type WireCounter } from './wire.ts';

/** Set in every page before its scripts: the longest task seen, in ms. */
const LONGTASK_OBSERVER = `
  window.__longest = 0;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
`;

/** ms since navigation start when the attract screen with the site's name is up. */
export async function attractReadyAt(page: Page, siteName: string): Promise<number> {
  const handle = await page.waitForFunction(
    (name) => {
      const a = document.querySelector('.attract');
      return a && !document.querySelector('.status-title') && (a as HTMLElement).innerText.includes(name) ? performance.now() : 0;
    },
    siteName,
    // A first start of the 10,000-item site downloads thousands of parts.
    { timeout: 300_000, polling: 'raf' },
  );
  return (await handle.jsonValue()) as number;
}

async function newKioskContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  await context.addInitScript(LONGTASK_OBSERVER);
  return context;
}

/**
 * Set in the cold-start page before its scripts: the moment the attract screen with the site's
 * name is up (`__attractAt`, seen by a MutationObserver, taken in the next animation frame — no
 * Playwright polling runs in the page, whose injected script would itself be a long task), every
 * long task, and the scripts of every long animation frame (what a long task was).
 */
const coldStartWatcher = (siteName: string) => `
  window.__attractAt = 0;
  window.__tasks = [];
  window.__frames = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__tasks.push({ start: e.startTime, dur: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        window.__frames.push({
          start: e.startTime,
          dur: e.duration,
          scripts: (e.scripts || []).map((x) => ({ src: x.sourceURL, fn: x.sourceFunctionName, invoker: x.invoker, dur: x.duration })),
        });
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
  const up = () => {
    const a = document.querySelector('.attract');
    return a && !document.querySelector('.status-title') && (a.textContent || '').includes(${JSON.stringify(siteName)});
  };
  new MutationObserver((_, obs) => {
    if (window.__attractAt || !up()) return;
    obs.disconnect();
    requestAnimationFrame(() => { window.__attractAt = performance.now(); });
  }).observe(document, { childList: true, subtree: true, characterData: true });
`;

interface StartSample {
  at: number;
  /** Longest task up to 500 ms after the attract screen (0 = none over 50 ms). */
  longest: number;
  /** What the longest long animation frame in that span ran (script file:function, ms). */
  what: string;
}

async function coldStartOnce(page: Page): Promise<StartSample> {
  await page.reload({ waitUntil: 'commit' });
  const t0 = Date.now();
  let at = 0;
  while (!at && Date.now() - t0 < 120_000) {
    await new Promise((r) => setTimeout(r, 50));
    at = ((await page.evaluate('window.__attractAt').catch(() => 0)) as number) || 0;
  }
  if (!at) throw new Error('attract screen did not come up');
  // Tasks that ran up to the attract screen (and the first 500 ms after it).
  await page.waitForTimeout(600);
  const r = (await page.evaluate(`(() => {
    const until = window.__attractAt + 500;
    const tasks = window.__tasks.filter((t) => t.start <= until);
    const frames = window.__frames.filter((f) => f.start <= until).sort((a, b) => b.dur - a.dur);
    const f = frames[0];
    const what = f ? f.scripts.filter((x) => x.dur >= 5).map((x) => (x.src.split('/').pop() || x.invoker) + ':' + (x.fn || x.invoker) + ' ' + Math.round(x.dur)).join(', ') : '';
    return { longest: Math.max(0, ...tasks.map((t) => t.dur)), what };
  })()`)) as { longest: number; what: string };
  return { at, ...r };
}

/** Load once online (content stored, service worker in control), then time offline reloads. */
export async function coldStartOffline(
  browser: Browser,
  url: string,
  siteName: string,
  runs: number,
): Promise<{ unthrottled: number; throttled: number; longestUnthrottled: number; longestThrottled: number; whatThrottled: string }> {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  await context.addInitScript(coldStartWatcher(siteName));
  const page = await context.newPage();
  await page.goto(url);
  await attractReadyAt(page, siteName);
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 60_000 }).catch(() => {});
  // Let the idle-time work of the first start (uplink, watchdog, update check) finish.
  await page.waitForTimeout(1500);
  await context.setOffline(true);
  const cdp = await context.newCDPSession(page);
  const out: Record<number, StartSample[]> = { 1: [], 4: [] };
  for (let i = 0; i < runs; i++) {
    for (const rate of [1, 4]) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      out[rate].push(await coldStartOnce(page));
    }
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await context.close();
  const byLongest = [...out[4]].sort((a, b) => a.longest - b.longest);
  return {
    unthrottled: median(out[1].map((s) => s.at)),
    throttled: median(out[4].map((s) => s.at)),
    longestUnthrottled: median(out[1].map((s) => s.longest)),
    longestThrottled: median(out[4].map((s) => s.longest)),
    whatThrottled: byLongest[byLongest.length >> 1]?.what ?? '',
  };
}

/** What one burst of traffic at the content server was: bytes down, responses by status, requests. */
export interface BurstSummary {
  down: number;
  statuses: number[];
  paths: string[];
}

/**
 * Wire bytes at the content server: the first download (everything until the attract screen
 * is up), the median poll burst with nothing changed (with the statuses of its responses, so a
 * 304 shows as one), and the burst after `edit()` republished one item.
 */
export async function wireBytes(
  browser: Browser,
  appUrl: string,
  counter: WireCounter,
  site: string,
  siteName: string,
  edit: () => Promise<void>,
): Promise<{ full: number; firstRequests: number; poll: number; polls: BurstSummary[]; update: BurstSummary }> {
  const pollSeconds = 3;
  const context = await newKioskContext(browser);
  const page = await context.newPage();
  const t0 = performance.now();
  await page.goto(`${appUrl}/?site=${site}&content=${encodeURIComponent(`${counter.url}/`)}&poll=${pollSeconds}`);
  await attractReadyAt(page, siteName);
  // The first download is complete once the attract screen shows the site (parts and images are
  // verified and stored before a version is shown); let its last responses drain.
  await page.waitForTimeout(300);
  const tReady = performance.now();
  const first = counter.events.filter((e) => e.t >= t0 && e.t < tReady);
  const full = first.filter((e) => e.dir === 'down').reduce((n, e) => n + e.bytes, 0);
  const firstRequests = first.reduce((n, e) => n + (e.requests?.length ?? 0), 0);
  await page.waitForTimeout(pollSeconds * 1000 * 4 + 500);
  const gap = 1000;
  const summary = (b: Burst): BurstSummary => ({ down: b.down, statuses: b.statuses, paths: b.paths });
  const polls = bursts(
    counter.events.filter((e) => e.t >= tReady),
    gap,
  ).map(summary);
  const poll = median(polls.map((b) => b.down));
  const tEdit = performance.now();
  await edit();
  await page.waitForTimeout(pollSeconds * 1000 * 3 + 500);
  const after = bursts(
    counter.events.filter((e) => e.t >= tEdit),
    gap,
  ).map(summary);
  const update = after.reduce<BurstSummary>((m, b) => (b.down > m.down ? b : m), { down: 0, statuses: [], paths: [] });
  await context.close();
  return { full, firstRequests, poll, polls, update };
}

type Heap = Awaited<ReturnType<typeof heapAfterGc>>;

/** JS heap and DOM nodes (all live nodes, detached ones too) after GC, and the nodes in the document. */
export async function heapAfterGc(page: Page): Promise<{ heap: number; nodes: number; inDocument: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (n: string) => metrics.find((m) => m.name === n)?.value ?? 0;
  await cdp.detach();
  const inDocument = (await page.evaluate(
    '(() => { let n = 0; const w = document.createTreeWalker(document, NodeFilter.SHOW_ALL); while (w.nextNode()) n++; return n; })()',
  )) as number;
  return { heap: get('JSHeapUsedSize'), nodes: get('Nodes'), inDocument };
}

/**
 * Simulated visits: touch the attract screen, open a tile, open the first row if there is
 * one, then let the idle reset (fake clock) bring the attract screen back.
 */
export async function kioskSessions(
  browser: Browser,
  url: string,
  siteName: string,
  sessions: number,
): Promise<{ before: Heap; after: Heap }> {
  const context = await newKioskContext(browser);
  const page = await context.newPage();
  await page.clock.install({ time: new Date('2026-11-25T09:00:00+08:00') });
  await page.goto(`${url}&idle=10`);
  await attractReadyAt(page, siteName);
  const visit = async (i: number) => {
    await page.locator('.attract').click();
    await page.locator('.tile').first().waitFor();
    await page.evaluate(`(() => {
      const tiles = document.querySelectorAll('.tile');
      tiles[${i} % Math.max(tiles.length, 1)]?.click();
    })()`);
    await page.evaluate(`document.querySelector('.row-btn')?.click()`);
    // Idle (10 s) + the "还在使用吗？" countdown (15 s) + margin.
    await page.clock.runFor(30_000);
    // Not page.waitForSelector: the ElementHandle it returns keeps the node (and its whole
    // detached tree) alive in the DevTools protocol's object group — 200 visits then "leak" 200
    // attract screens that the kiosk itself released.
    await page.locator('.attract').waitFor();
  };
  for (let i = 0; i < 5; i++) await visit(i);
  const before = await heapAfterGc(page);
  for (let i = 5; i < sessions; i++) await visit(i);
  const after = await heapAfterGc(page);
  await context.close();
  return { before, after };
}

export async function displayHours(browser: Browser, url: string, hours: number): Promise<{ before: Heap; after: Heap }> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.clock.install({ time: new Date('2026-11-25T09:00:00+08:00') });
  await page.goto(url);
  await page.locator('[data-slide]').first().waitFor({ timeout: 120_000 });
  for (let m = 0; m < 12; m++) await page.clock.runFor(5 * 60_000);
  const before = await heapAfterGc(page);
  for (let h = 0; h < hours; h++) for (let m = 0; m < 12; m++) await page.clock.runFor(5 * 60_000);
  const after = await heapAfterGc(page);
  await context.close();
  return { before, after };
}
