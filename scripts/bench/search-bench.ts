/**
 * Search cost per keystroke in Node over one site's entries: the kiosk's matcher with the
 * publisher's lookup table against fuse.js (a general fuzzy search library, dev dependency
 * only) over the same entries — each entry's text, full pinyin and initials (first readings).
 * Every prefix of each resident-style query is one keystroke, typed in order.
 * And the same keystrokes on the kiosk's search screen in Chromium (searchPainted).
 */
import { performance } from 'node:perf_hooks';
import type { Browser } from '@playwright/test';
import Fuse from 'fuse.js';
import type { SearchEntry, SearchIndex } from '../../kiosk/src/bundle/schema.ts';
import { search } from '../../kiosk/src/search/match.ts';
import { attractReadyAt } from './kiosk-bench.ts';

/** Resident-style queries, typed one key at a time. */
export const QUERIES = ['dbsq', 'dibao', 'yanglaobaoxian', 'ylbx', 'zjd', 'nongjibutie', 'xnh', 'yibao', 'lmcf', 'shengyu', 'gljt', 'qxzz'];

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/**
 * Wall time per keystroke, and CPU time of this process (process.cpuUsage: not inflated by
 * other processes waiting for the same cores — on a shared machine the steadier figure).
 */
export function keystrokeTimes(
  fn: (k: string) => unknown,
  queries = QUERIES,
  repeats = 3,
): { all: number[]; first: number[]; cpu: number[] } {
  const all: number[] = [];
  const first: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < repeats; r++) {
    for (const q of queries) {
      for (let i = 1; i <= q.length; i++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        fn(q.slice(0, i));
        const t = performance.now() - t0;
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
        all.push(t);
        if (i === 1) first.push(t);
      }
    }
  }
  return { all, first, cpu };
}

export function searchFigures(entries: readonly SearchEntry[], index: SearchIndex | undefined) {
  const ours = keystrokeTimes((k) => search(entries, k, { limit: 40, index }));
  const docs = entries.map((e) => {
    const first = e.readings.map((r) => r[0] ?? '');
    return { ref: e.ref, text: e.text, full: first.join(''), initials: first.map((r) => r[0] ?? '').join('') };
  });
  const fuse = new Fuse(docs, { keys: ['text', 'full', 'initials'], threshold: 0.3, ignoreLocation: true });
  // Once through (fuse.js is slow on large sites); ours three times, the first pass includes its start-up.
  const theirs = keystrokeTimes((k) => fuse.search(k, { limit: 40 }), QUERIES, 1);
  return { ours, fuse: theirs };
}

/**
 * Keystroke → results painted on the kiosk's search screen, per key of each query (typed from
 * 清空). Each key is pressed at the start of a frame (in a requestAnimationFrame callback, where
 * Chromium also handles rAF-aligned input) and timed until that frame has been painted: the
 * click handler, the search, Preact's render, style, layout and paint — not the wait for the
 * next vsync (a key pressed just after a frame waits up to one frame interval for any change
 * to show, whatever the work; that wait is the `frame` baseline: no key pressed, from just
 * after one frame to the next one painted). A key counts as painted only once the search box
 * shows its letters and the results (or the no-result help) for them are in the document;
 * should that take longer than the frame it was pressed in, the frames after it are counted.
 * `idle`: the same in-frame time with no key pressed (the frame's own rendering work).
 */
export async function searchPainted(
  browser: Browser,
  url: string,
  siteName: string,
  queries: string[],
): Promise<{ all: number[]; first: number[]; results: number[]; frame: number[]; idle: number[] }> {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto(url);
  await attractReadyAt(page, siteName);
  await page.locator('.attract').click();
  await page.locator('.tile', { hasText: '搜索' }).first().click();
  await page.locator('.key-grid').waitFor();
  // A string, not a function: the bundler's helpers (e.g. __name) do not exist in the page.
  const r = (await page.evaluate(`(async (qs) => {
    const afterPaint = (resolve) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve(performance.now());
      ch.port2.postMessage(0);
    };
    const nextPainted = () => new Promise((resolve) => requestAnimationFrame(() => afterPaint(resolve)));
    const box = document.querySelector('#item-query');
    // The search screen marks the query its results are for (data-query, normalised: lower-case letters here).
    const results = document.querySelector('.search-results');
    const shows = (typed) => box.value === typed && results.getAttribute('data-query') === typed;
    // Press (or not) at the start of a frame; resolve with the time from the press to the end
    // of the first frame painted after which the screen shows the typed letters' results.
    const pressInFrame = (key, typed) =>
      new Promise((resolve) =>
        requestAnimationFrame(() => {
          const t0 = performance.now();
          key?.click();
          const check = (t1) => (shows(typed) ? resolve(t1 - t0) : nextPainted().then(check));
          afterPaint(check);
        }),
      );
    const keys = new Map();
    for (const b of document.querySelectorAll('.key-grid .key')) keys.set((b.textContent ?? '').trim().toLowerCase(), b);
    const clear = document.querySelector('.key-clear');
    const all = [];
    const first = [];
    const counts = [];
    const frame = [];
    const idle = [];
    for (let i = 0; i < 40; i++) {
      await nextPainted();
      const t0 = performance.now();
      frame.push((await nextPainted()) - t0);
      idle.push(await pressInFrame(undefined, box.value));
    }
    for (const q of qs) {
      await pressInFrame(clear, '');
      for (let i = 0; i < q.length; i++) {
        const key = keys.get(q[i]);
        if (!key) continue;
        const t = await pressInFrame(key, q.slice(0, i + 1));
        all.push(t);
        if (i === 0) first.push(t);
      }
      counts.push(document.querySelectorAll('.search-results .row-btn').length);
    }
    return { all, first, results: counts, frame, idle };
})(${JSON.stringify(queries)})`)) as { all: number[]; first: number[]; results: number[]; frame: number[]; idle: number[] };
  await context.close();
  return r;
}
