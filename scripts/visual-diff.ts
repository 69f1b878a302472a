/**
 * Visual diff of two kiosk builds: visits every screen of the app in both builds, in portrait
 * (1080×1920), landscape (1920×1080) and small landscape (1366×768), and compares the
 * screenshots pixel by pixel in one run.
 * Made to prove that a styles-only change (e.g. moving CSS beside its components) changed
 * nothing a person sees.
 *
 *   git worktree add /tmp/before <commit>          # or: git archive <commit> | tar -x -C /tmp/before
 *   (cd /tmp/before && npm run build)              # same .keys/ as this checkout (copy it there first)
 *   npm run build && npm run publish-content
 *   npm run visual-diff -- --before /tmp/before/dist [--after dist] [--content dist/content] [--only home,staff]
 *
 * Both builds are served with the same content folder (it must be signed with the key both
 * builds trust), with the same fixed clock, locale, time zone and touch screen. Screenshots are
 * taken with animations disabled. Output: e2e/.output/visual/<orientation>-<screen>.{before,after,diff}.png
 * for every screen that differs (with --keep also <orientation>-<screen>.png of the equal ones),
 * and report.json; exit code 1 when any screen differs or a scenario could not be completed.
 * --only takes scenario names (attract, home, elder, departments, print, topics, search, notices,
 * documents, staff, centre, evaluate, idle, speech-dialog, status-…, display, display-closed, playlog,
 * ticker, first-paint).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.ts';
import { startServer, type RunningServer } from './serve.ts';

const REPO = resolve(import.meta.dirname, '..');
/** A Thursday in office hours, China Standard Time, while demo announcements are live: clocks,
    dates and on-duty marks match in both builds. */
const FIXED_TIME = new Date('2026-11-26T10:08:00+08:00');
/** The same day after office hours (the wall's closed screen). */
const CLOSED_TIME = new Date('2026-11-26T19:30:00+08:00');
const SITE = 'baihe';

const VIEWPORTS = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
  // The small landscape screens (1366×768) have their own rules (max-width: 1500px, max-height: 800px).
  small: { width: 1366, height: 768 },
} as const;
type Orientation = keyof typeof VIEWPORTS;

/** Takes a screenshot under `name`; with `data`, records that text instead (compared as text). */
type Shot = (name: string, opts?: { fullPage?: boolean; data?: string }) => Promise<void>;
interface Scenario {
  name: string;
  /** Which server: the app with content, or the app with an empty content folder. */
  server?: 'content' | 'empty';
  viewport?: { width: number; height: number };
  /** 'fixed' (default): Date is fixed, timers run in real time. 'paused': the scenario installs a paused fake clock itself. */
  clock?: 'fixed' | 'paused';
  run: (page: Page, shot: Shot, base: string) => Promise<void>;
}

// ------------------------------------------------------------------------------ helpers

async function settle(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(350);
}

async function openAttract(page: Page, base: string, query = ''): Promise<void> {
  await page.goto(`${base}/?site=${SITE}${query}`);
  await page.getByRole('button', { name: '点这里开始查询' }).waitFor({ timeout: 30_000 });
}

async function openHome(page: Page, base: string, opts: { elder?: boolean; query?: string } = {}): Promise<void> {
  await openAttract(page, base, opts.query);
  await page.getByRole('button', { name: opts.elder ? '长辈模式开始（字更大）' : '点这里开始查询' }).tap();
  await page.getByRole('heading', { name: '您好！请点一下您要办的事' }).waitFor();
}

const tile = (page: Page, label: string) => page.locator('button.tile').filter({ hasText: label }).first();

async function tap(page: Page, selector: string, nth = 0): Promise<void> {
  await page.locator(selector).nth(nth).tap();
  await settle(page);
}

async function typeKeys(page: Page, text: string): Promise<void> {
  for (const c of text) {
    await page.getByRole('group', { name: '拼音字母键盘' }).getByRole('button', { name: c, exact: true }).tap();
  }
  await settle(page);
}

/** Scrolls the screen (the one scrolling area of the kiosk) to a fraction of its height. */
async function scrollScreen(page: Page, fraction: number): Promise<void> {
  await page.evaluate((f) => {
    const el = document.querySelector('.kiosk .screen');
    if (el) el.scrollTop = Math.round((el.scrollHeight - el.clientHeight) * f);
  }, fraction);
  await settle(page);
}

async function scrolledShots(page: Page, shot: Shot, name: string): Promise<void> {
  // From the top: a tap scrolls its target into view, by amounts that can differ by a pixel.
  await scrollScreen(page, 0);
  await shot(name);
  const scrollable = await page.evaluate(() => {
    const el = document.querySelector('.kiosk .screen');
    return el ? el.scrollHeight - el.clientHeight : 0;
  });
  if (scrollable > 40) {
    await scrollScreen(page, 0.5);
    await shot(`${name}-middle`);
    await scrollScreen(page, 1);
    await shot(`${name}-end`);
  }
}

/** The server's port (different for the two builds) shown in an error detail: masked. */
async function maskPort(page: Page): Promise<void> {
  await page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) n.textContent = n.textContent!.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:端口');
  });
}

/** Lets paused fake time move in small steps (timers fire, fetches resolve in real time) until `ok`. */
async function until(page: Page, ok: () => Promise<boolean>, stepMs = 100, tries = 300): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await ok()) return;
    await page.clock.runFor(stepMs);
    await page.waitForTimeout(40);
  }
  throw new Error('等待超时');
}

const FRONT = '.dsp-layer.is-front .slide, .dsp-layer.is-front .closed';

/** The key (slide id and page) of the page in front on the wall, and its seconds. */
function frontPage(page: Page): Promise<{ key: string; seconds: number } | null> {
  return page.evaluate((sel) => {
    const el = document.querySelector<HTMLElement>(sel);
    return el ? { key: `${el.dataset.slide ?? ''}-p${el.dataset.page ?? ''}`, seconds: Number(el.dataset.seconds ?? 10) } : null;
  }, FRONT);
}

/** One screenshot per page of every slide in the wall's loop, once round (fake time runs each page's seconds). */
async function displayShots(page: Page, shot: Shot, prefix: string): Promise<void> {
  await until(page, () =>
    page
      .locator(FRONT)
      .count()
      .then((n) => n > 0),
  );
  const seen = new Set<string>();
  let sinceNew = 0;
  for (let i = 0; i < 80 && sinceNew < 12; i++) {
    await page.clock.runFor(1000); // the cross-fade
    await settle(page);
    const now = await frontPage(page);
    if (!now) break;
    // Urgent announcements come back between other slides: one shot of each page.
    sinceNew++;
    if (!seen.has(now.key)) {
      seen.add(now.key);
      sinceNew = 0;
      await shot(`${prefix}-${String(i + 1).padStart(2, '0')}-${now.key.replace(/[^\w-]+/g, '_').slice(0, 48)}`);
    }
    await page.clock.runFor(Math.max(1, now.seconds - 2) * 1000);
    await until(page, () => frontPage(page).then((f) => !!f && f.key !== now.key));
  }
}

// ----------------------------------------------------------------------------- scenarios

const SCENARIOS: Scenario[] = [
  {
    // No flash of unstyled content: the styles of the start screen are there when it is first
    // inserted (checked in the mutation callback, before the browser paints it).
    name: 'first-paint',
    run: async (page, shot, base) => {
      await page.addInitScript(() => {
        const w = window as unknown as { __firstPaint?: Record<string, string> };
        new MutationObserver((_, obs) => {
          const attract = document.querySelector('.attract');
          if (!attract || w.__firstPaint) return;
          obs.disconnect();
          const a = getComputedStyle(attract);
          const k = getComputedStyle(document.querySelector('.kiosk')!);
          const start = document.querySelector('.attract-start');
          w.__firstPaint = {
            kioskPosition: k.position,
            kioskFont: k.fontSize,
            attractBackground: a.backgroundImage,
            attractColour: a.color,
            startButtonFont: start ? getComputedStyle(start).fontSize : '',
          };
        }).observe(document, { childList: true, subtree: true });
      });
      await openAttract(page, base);
      const fp = await page.evaluate(() => (window as unknown as { __firstPaint?: Record<string, string> }).__firstPaint ?? null);
      if (!fp || !fp.attractBackground.includes('radial-gradient') || fp.kioskPosition !== 'fixed') {
        throw new Error(`首屏插入时样式还没有生效：${JSON.stringify(fp)}`);
      }
      await shot('data-first-paint', { data: JSON.stringify(fp) });
    },
  },
  {
    name: 'attract',
    run: async (page, shot, base) => {
      await openAttract(page, base);
      await settle(page);
      await shot('attract');
    },
  },
  {
    name: 'home',
    run: async (page, shot, base) => {
      await openHome(page, base);
      await settle(page);
      await shot('home');
      await tap(page, '.pop-btn');
      await scrolledShots(page, shot, 'item-from-popular');
    },
  },
  {
    name: 'elder',
    run: async (page, shot, base) => {
      await openHome(page, base, { elder: true });
      await settle(page);
      await shot('elder-home');
      await tile(page, '按部门查询').tap();
      await settle(page);
      await shot('elder-departments');
      await tap(page, '.dept-grid button.tile');
      await shot('elder-department-items');
      await tap(page, 'button.row-btn');
      await scrolledShots(page, shot, 'elder-item');
      await page.locator('.bottom-bar .bar-home').tap();
      await settle(page);
      await tile(page, '搜索').tap();
      await settle(page);
      await typeKeys(page, 'DB');
      await shot('elder-search');
    },
  },
  {
    name: 'departments',
    run: async (page, shot, base) => {
      await openHome(page, base);
      await tile(page, '按部门查询').tap();
      await settle(page);
      await scrolledShots(page, shot, 'departments');
      await tap(page, '.dept-grid button.tile');
      await scrolledShots(page, shot, 'department-items');
      await tap(page, 'button.row-btn');
      await scrolledShots(page, shot, 'item');
      await page.getByRole('button', { name: /扫码带走/ }).tap();
      await settle(page);
      await shot('item-qr');
    },
  },
  {
    name: 'speech-dialog',
    run: async (page, shot, base) => {
      // Headless Chromium has no Chinese voice: reading aloud opens the "not available" dialog.
      await openHome(page, base);
      await tap(page, '.pop-btn');
      await page.getByRole('button', { name: /朗读/ }).first().tap();
      await settle(page);
      await shot('speech-unavailable');
    },
  },
  {
    name: 'playlog',
    run: async (page, shot, base) => {
      await page.goto(`${base}/?site=${SITE}&mode=display&export=playlog`);
      await page.locator('.playlog').waitFor({ timeout: 30_000 });
      await settle(page);
      await shot('display-playlog-export');
    },
  },
  {
    name: 'print',
    run: async (page, shot, base) => {
      await openHome(page, base);
      await tap(page, '.pop-btn');
      await page.emulateMedia({ media: 'print' });
      await settle(page);
      await shot('print-a4', { fullPage: true });
      await page.setViewportSize({ width: 302, height: 1200 });
      await settle(page);
      await shot('print-80mm', { fullPage: true });
    },
  },
  {
    name: 'topics',
    run: async (page, shot, base) => {
      await openHome(page, base);
      await tile(page, '按主题查询').tap();
      await settle(page);
      await scrolledShots(page, shot, 'topics');
      await tap(page, '.topic-grid button.tile');
      await scrolledShots(page, shot, 'topic-items');
    },
  },
  {
    name: 'search',
    run: async (page, shot, base) => {
      await openHome(page, base);
      await tile(page, '搜索').tap();
      await settle(page);
      await shot('search-empty');
      await typeKeys(page, 'DB');
      await shot('search-results');
      await page.getByRole('button', { name: /清空/ }).first().tap();
      await typeKeys(page, 'QXZJ');
      await shot('search-none');
    },
  },
  {
    name: 'notices',
    run: async (page, shot, base) => {
      await openHome(page, base);
      await tile(page, '公示公告').tap();
      await settle(page);
      await scrolledShots(page, shot, 'notices');
      await tap(page, 'button.row-btn');
      await scrolledShots(page, shot, 'notice');
    },
  },
  {
    name: 'documents',
    run: async (page, shot, base) => {
      await openHome(page, base);
      await tile(page, '政府信息公开').tap();
      await settle(page);
      await shot('documents');
      await tap(page, 'button.row-btn');
      await scrolledShots(page, shot, 'document');
    },
  },
  {
    name: 'staff',
    run: async (page, shot, base) => {
      await openHome(page, base);
      await tile(page, '窗口人员').tap();
      await settle(page);
      await scrolledShots(page, shot, 'staff');
    },
  },
  {
    name: 'centre',
    run: async (page, shot, base) => {
      await openHome(page, base);
      await tile(page, '办事指南/中心介绍').tap();
      await settle(page);
      await scrolledShots(page, shot, 'centre');
    },
  },
  {
    name: 'evaluate',
    run: async (page, shot, base) => {
      await openHome(page, base);
      await tile(page, '意见与评价').tap();
      await settle(page);
      await shot('evaluate');
      await page.locator('.chip-list').first().locator('button').nth(1).tap();
      await settle(page);
      await shot('evaluate-target');
      await page.locator('.sub-choice button').first().tap();
      await settle(page);
      await page.locator('.levels [role="radio"]').nth(3).tap();
      await settle(page);
      await scrolledShots(page, shot, 'evaluate-level');
      await page.locator('[aria-labelledby="ev-why"] button').first().tap();
      await settle(page);
      await scrollScreen(page, 1);
      await shot('evaluate-reason');
      await page.locator('.primary-btn:not([disabled])').first().tap();
      await settle(page);
      await shot('evaluate-thanks');
    },
  },
  {
    name: 'idle',
    run: async (page, shot, base) => {
      await openHome(page, base, { query: '&idle=2' });
      await page.getByRole('heading', { name: '还在使用吗？' }).waitFor({ timeout: 20_000 });
      await page.waitForTimeout(200);
      await shot('idle-prompt');
    },
  },
  {
    name: 'status-unknown-site',
    run: async (page, shot, base) => {
      await page.goto(`${base}/?site=nosuch`);
      await page.locator('.status-screen').waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1500);
      await shot('status-unknown-site');
    },
  },
  {
    name: 'status-site-choice',
    run: async (page, shot, base) => {
      await page.goto(`${base}/`);
      await page.locator('.status-screen').waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1500);
      await shot('status-site-choice');
    },
  },
  {
    name: 'status-no-content',
    server: 'empty',
    run: async (page, shot, base) => {
      await page.goto(`${base}/?site=${SITE}`);
      await page.locator('.status-screen').waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1500);
      await maskPort(page);
      await shot('status-no-content');
    },
  },
  {
    name: 'display',
    clock: 'paused',
    run: async (page, shot, base) => {
      await page.clock.install({ time: FIXED_TIME.getTime() - 1000 });
      await page.clock.pauseAt(FIXED_TIME);
      await page.goto(`${base}/?site=${SITE}&mode=display`);
      await displayShots(page, shot, 'display');
    },
  },
  {
    name: 'display-closed',
    clock: 'paused',
    run: async (page, shot, base) => {
      await page.clock.install({ time: CLOSED_TIME.getTime() - 1000 });
      await page.clock.pauseAt(CLOSED_TIME);
      await page.goto(`${base}/?site=${SITE}&mode=display`);
      await until(page, () =>
        page
          .locator('.dsp-layer.is-front .closed')
          .count()
          .then((n) => n > 0),
      );
      await page.clock.runFor(1000);
      await settle(page);
      await shot('display-closed');
    },
  },
  {
    name: 'ticker',
    viewport: { width: 1920, height: 160 },
    run: async (page, shot, base) => {
      await page.goto(`${base}/?site=${SITE}&mode=ticker`);
      await page.locator('.tkr .marquee').waitFor({ timeout: 30_000 });
      await settle(page);
      await shot('ticker');
    },
  },
];

// ---------------------------------------------------------------------------- comparing

interface Compared {
  screen: string;
  width: number;
  height: number;
  differing: number;
  /** Largest difference of one colour channel (0–255) among the differing pixels. */
  maxDelta: number;
  sizeMismatch?: string;
  /** Differed, but not reproducibly: a build rendered it differently on a second take, or the second takes were equal. */
  unstable?: { differing: number; maxDelta: number };
}

/** Decodes two PNGs in the browser and counts differing pixels; returns a diff PNG (red = differs). */
async function comparePng(
  page: Page,
  a: Buffer,
  b: Buffer,
): Promise<{ w: number; h: number; differing: number; maxDelta: number; size?: string; diff?: Buffer }> {
  const r = await page.evaluate(
    async ([a64, b64]) => {
      const load = async (s: string) => createImageBitmap(await (await fetch(`data:image/png;base64,${s}`)).blob());
      const [ia, ib] = await Promise.all([load(a64), load(b64)]);
      if (ia.width !== ib.width || ia.height !== ib.height) {
        return {
          w: ia.width,
          h: ia.height,
          differing: -1,
          maxDelta: 255,
          size: `${ia.width}×${ia.height} vs ${ib.width}×${ib.height}`,
          diff: '',
        };
      }
      const w = ia.width;
      const h = ia.height;
      const px = (img: ImageBitmap) => {
        const c = new OffscreenCanvas(w, h);
        const g = c.getContext('2d')!;
        g.drawImage(img, 0, 0);
        return g.getImageData(0, 0, w, h).data;
      };
      const da = px(ia);
      const db = px(ib);
      const out = new OffscreenCanvas(w, h);
      const og = out.getContext('2d')!;
      const od = og.createImageData(w, h);
      let differing = 0;
      let maxDelta = 0;
      for (let i = 0; i < da.length; i += 4) {
        const delta = Math.max(
          Math.abs(da[i] - db[i]),
          Math.abs(da[i + 1] - db[i + 1]),
          Math.abs(da[i + 2] - db[i + 2]),
          Math.abs(da[i + 3] - db[i + 3]),
        );
        const same = delta === 0;
        if (!same) differing++;
        if (delta > maxDelta) maxDelta = delta;
        const grey = (da[i] + da[i + 1] + da[i + 2]) / 3;
        od.data[i] = same ? grey * 0.3 + 178 : 255;
        od.data[i + 1] = same ? grey * 0.3 + 178 : 0;
        od.data[i + 2] = same ? grey * 0.3 + 178 : 0;
        od.data[i + 3] = 255;
      }
      let diff = '';
      if (differing > 0) {
        og.putImageData(od, 0, 0);
        const blob = await out.convertToBlob({ type: 'image/png' });
        const bytes = new Uint8Array(await blob.arrayBuffer());
        let s = '';
        for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        diff = btoa(s);
      }
      return { w, h, differing, maxDelta, size: undefined, diff };
    },
    [a.toString('base64'), b.toString('base64')] as const,
  );
  return {
    w: r.w,
    h: r.h,
    differing: r.differing,
    maxDelta: r.maxDelta,
    size: r.size,
    diff: r.diff ? Buffer.from(r.diff, 'base64') : undefined,
  };
}

// ---------------------------------------------------------------------------------- main

async function runScenario(
  browser: Browser,
  base: string,
  orientation: Orientation,
  sc: Scenario,
): Promise<{ shots: Map<string, Buffer>; error?: string }> {
  const shots = new Map<string, Buffer>();
  const context: BrowserContext = await browser.newContext({
    viewport: sc.viewport ?? VIEWPORTS[orientation],
    hasTouch: true,
    isMobile: false,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    serviceWorkers: 'block',
    reducedMotion: 'no-preference',
  });
  const page = await context.newPage();
  try {
    // Date.now() and new Date() return this time throughout; timers keep running.
    if (sc.clock !== 'paused') await page.clock.setFixedTime(FIXED_TIME);
    const shot = async (name: string, opts: { fullPage?: boolean; data?: string } = {}) => {
      if (opts.data !== undefined) return void shots.set(name, Buffer.from(opts.data));
      shots.set(name, await page.screenshot({ animations: 'disabled', caret: 'hide', fullPage: opts.fullPage ?? false }));
    };
    await sc.run(page, shot, base);
    return { shots };
  } catch (err) {
    return { shots, error: err instanceof Error ? err.message.split('\n')[0] : String(err) };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      before: { type: 'string' },
      after: { type: 'string', default: join(REPO, 'dist') },
      content: { type: 'string' },
      out: { type: 'string', default: join(REPO, 'e2e', '.output', 'visual') },
      only: { type: 'string' },
      keep: { type: 'boolean', default: false },
      orientation: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.before) {
    console.log(
      '用法：npm run visual-diff -- --before <旧版本的 dist 目录> [--after dist] [--content <内容目录>] [--only 场景,…] [--keep] [--orientation portrait|landscape|small]',
    );
    process.exit(values.help ? 0 : 2);
  }
  const after = resolve(values.after);
  const before = resolve(values.before);
  const content = resolve(values.content ?? join(after, 'content'));
  const outDir = resolve(values.out);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const empty = await mkdtemp(join(tmpdir(), 'visual-empty-'));

  const servers: Record<'before' | 'after', Record<'content' | 'empty', RunningServer>> = {
    before: {
      content: await startServer({ root: before, contentDir: content }),
      empty: await startServer({ root: before, contentDir: empty }),
    },
    after: {
      content: await startServer({ root: after, contentDir: content }),
      empty: await startServer({ root: after, contentDir: empty }),
    },
  };
  const browser = await chromium.launch({ executablePath: findChromium() ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const comparer = await (await browser.newContext()).newPage();
  // tsx keeps function names with a __name() helper the page does not have.
  await comparer.evaluate('window.__name = (f) => f');
  const only = values.only ? new Set(values.only.split(',')) : null;
  const orientations = (values.orientation ? [values.orientation] : Object.keys(VIEWPORTS)) as Orientation[];
  const results: (Compared & { orientation: string })[] = [];
  const errors: string[] = [];
  try {
    for (const orientation of orientations) {
      for (const sc of SCENARIOS) {
        if (only && !only.has(sc.name)) continue;
        const which = sc.server ?? 'content';
        const b = await runScenario(browser, servers.before[which].url, orientation, sc);
        const a = await runScenario(browser, servers.after[which].url, orientation, sc);
        for (const [label, r] of [['旧版本', b] as const, ['新版本', a] as const]) {
          if (r.error) errors.push(`${orientation} ${sc.name}（${label}）：${r.error}`);
        }
        const names = new Set([...b.shots.keys(), ...a.shots.keys()]);
        // A screen that differs is taken once more in both builds. When a build does not render it
        // the same twice (antialiasing of rounded corners after an image decodes, a cancelled
        // animation) or the second takes are equal, it is reported as unstable, with its numbers
        // and images, not as a difference of the builds.
        const unequal = [...names].filter((n) => !b.shots.get(n)?.equals(a.shots.get(n) ?? Buffer.alloc(0)));
        let rerun: { b: Map<string, Buffer>; a: Map<string, Buffer> } | null = null;
        if (unequal.length) {
          const b2 = await runScenario(browser, servers.before[which].url, orientation, sc);
          const a2 = await runScenario(browser, servers.after[which].url, orientation, sc);
          rerun = { b: b2.shots, a: a2.shots };
        }
        for (const name of names) {
          const pb = b.shots.get(name);
          const pa = a.shots.get(name);
          const screen = `${orientation}-${name}`;
          const rb = rerun?.b.get(name);
          const ra = rerun?.a.get(name);
          // Unstable: equal on the second take, or one build did not render the same twice.
          const unstableShot = pb && pa && rb && ra && !pb.equals(pa) && (rb.equals(ra) || !pb.equals(rb) || !pa.equals(ra));
          if (unstableShot && !name.startsWith('data-')) {
            const c = await comparePng(comparer, pb, pa);
            results.push({
              orientation,
              screen,
              width: c.w,
              height: c.h,
              differing: 0,
              maxDelta: 0,
              unstable: { differing: c.differing, maxDelta: c.maxDelta },
            });
            console.log(
              `不稳定  ${screen}：${c.differing} 个像素不同，最大相差 ${c.maxDelta}/255（同一版本两次渲染也不一样，或重跑后相同）`,
            );
            await writeFile(join(outDir, `${screen}.unstable.before.png`), pb);
            await writeFile(join(outDir, `${screen}.unstable.after.png`), pa);
            if (c.diff) await writeFile(join(outDir, `${screen}.unstable.diff.png`), c.diff);
            continue;
          }
          if (!pb || !pa) {
            errors.push(`${screen}：只有${pb ? '旧' : '新'}版本截到了这一屏`);
            continue;
          }
          if (name.startsWith('data-')) {
            const same = pb.equals(pa);
            results.push({ orientation, screen, width: 0, height: 0, differing: same ? 0 : 1, maxDelta: same ? 0 : 255 });
            console.log(`${same ? '相同' : '不同'}  ${screen}：${same ? pa.toString() : `旧 ${pb.toString()} / 新 ${pa.toString()}`}`);
            continue;
          }
          const c = pb.equals(pa) ? { w: 0, h: 0, differing: 0, maxDelta: 0 } : await comparePng(comparer, pb, pa);
          results.push({
            orientation,
            screen,
            width: c.w,
            height: c.h,
            differing: c.differing,
            maxDelta: c.maxDelta,
            sizeMismatch: 'size' in c ? c.size : undefined,
          });
          const same = c.differing === 0;
          console.log(
            `${same ? '相同' : '不同'}  ${screen}${same ? '' : `：${c.differing < 0 ? `尺寸不同 ${'size' in c ? c.size : ''}` : `${c.differing} 个像素不同（单个颜色通道最大相差 ${c.maxDelta}/255）`}`}`,
          );
          if (same && values.keep) await writeFile(join(outDir, `${screen}.png`), pa);
          if (!same) {
            await writeFile(join(outDir, `${screen}.before.png`), pb);
            await writeFile(join(outDir, `${screen}.after.png`), pa);
            if ('diff' in c && c.diff) await writeFile(join(outDir, `${screen}.diff.png`), c.diff);
          }
        }
      }
    }
  } finally {
    await browser.close();
    for (const s of Object.values(servers).flatMap((x) => Object.values(x))) await s.close();
    await rm(empty, { recursive: true, force: true });
  }
  const differing = results.filter((r) => r.differing !== 0);
  await writeFile(join(outDir, 'report.json'), JSON.stringify({ fixedTime: FIXED_TIME.toISOString(), results, errors }, null, 2));
  const unstable = results.filter((r) => r.unstable).length;
  console.log(
    `\n共比较 ${results.length} 屏：${results.length - differing.length} 屏相同或不稳定（不稳定 ${unstable} 屏，见 *.unstable.*.png），${differing.length} 屏不同。结果在 ${outDir}`,
  );
  for (const e of errors) console.log(`未完成：${e}`);
  process.exit(differing.length || errors.length ? 1 : 0);
}

await main();
