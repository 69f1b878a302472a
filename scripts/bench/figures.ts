/**
 * The bench is this list: each figure runs on the tiers it names and returns rows, every value
 * with the baseline measured in the same run. To add figures (e.g. the county hub's), append
 * to FIGURES — nothing else changes.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { performance } from 'node:perf_hooks';
import { entryPath, type SiteBundle } from '../../kiosk/src/bundle/schema.ts';
import { buildStartIndex } from '../../kiosk/src/search/start-keys.ts';
import { readSiteBundle } from '../publish/read-published.ts';
import { startServer } from '../serve.ts';
import { benchHub } from './hub-bench.ts';
import { coldStartOffline, displayHours, kioskSessions, wireBytes } from './kiosk-bench.ts';
import { type LoadedFile, measureLoaded, type Mode } from './loaded-js.ts';
import { median } from './measure.ts';
import type { Row } from './report.ts';
import { percentile, QUERIES, searchFigures, searchPainted } from './search-bench.ts';
import { publishedSites, type Tier } from './tiers.ts';
import { startWireCounter } from './wire.ts';

export interface BenchContext {
  repo: string;
  /** Built app (index.html, assets/). */
  dist: string;
  keyFile: string;
  tier: Tier;
  /** Chromium, launched on first use; undefined when there is none. */
  browser(): Promise<Browser | undefined>;
  /** The tier published once into tier.workDir/out (kept for the browser figures). */
  published(): Promise<string>;
  /** A site of the tier to measure the kiosk on (the median township) and its display name. */
  site(): Promise<{ code: string; name: string }>;
  /** Options: --display-hours, --sessions, --hub-devices, --hub-ratings. */
  options: { displayHours: number; sessions: number; hubDevices: number; hubRatings: number };
}

export interface Figure {
  id: string;
  /** Tier ids this figure runs on. */
  tiers: string[];
  run(ctx: BenchContext): Promise<Row[]>;
}

const gz = (data: Buffer | string) => gzipSync(data, { level: 9 }).length;

function child(ctx: BenchContext, args: string[]): { ms: number; cpuMs: number; maxRssMb: number; status: string } {
  // The file system's write-back of the previous run (tens of thousands of files) finishes first:
  // a publish makes its files durable, and must not wait for another run's.
  if (args[0] === 'publish') execFileSync('sync');
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(ctx.repo, 'scripts/bench/child-measure.ts'), ...args], {
    cwd: ctx.repo,
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: '1764032400' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}');
}

/** Change the name of one item offered everywhere (or the first item): one county-wide edit. */
export function editOneItem(contentDir: string, mark: string): string {
  const itemsDir = path.join(contentDir, 'items');
  const files = readdirSync(itemsDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  const texts = files.map((f) => [f, readFileSync(path.join(itemsDir, f), 'utf8')] as const);
  const [file, text] = texts.find(([, t]) => /^sites: all$/m.test(t)) ?? texts[0];
  writeFileSync(
    path.join(itemsDir, file),
    text.replace(/^name: (.*)$/m, (_, n: string) => `name: ${n}${mark}`),
  );
  return file;
}

/**
 * What a set of bursts requested and what came back, e.g. "4× /sites/x.json; 4× 304" — requests
 * and statuses are listed apart (responses on several connections interleave).
 */
export function statusNote(list: readonly { statuses: number[]; paths: string[] }[]): string {
  const tally = (keys: string[]) => {
    const count = new Map<string, number>();
    for (const k of keys) count.set(k, (count.get(k) ?? 0) + 1);
    return [...count].map(([k, n]) => (n > 1 ? `${n}× ${k}` : k)).join(', ');
  };
  const paths = list.flatMap((b) =>
    b.paths.map((p) =>
      p
        .replace(/^GET /, '')
        .replace(/\/parts\/\w+\.json/, '/parts/…')
        .replace(/\/assets\/\w+\.\w+/, '/assets/…'),
    ),
  );
  const statuses = list.flatMap((b) => b.statuses.map(String));
  return `${tally(paths)}; ${tally(statuses)}`;
}

const publishFigure: Figure = {
  id: 'publish',
  tiers: ['demo', 's100', 's500', 'i10k'],
  async run(ctx) {
    const { tier } = ctx;
    const runs = tier.runs;
    const load = [...Array(runs)].map(() => child(ctx, ['load', tier.contentDir]));
    const full: ReturnType<typeof child>[] = [];
    const unchanged: ReturnType<typeof child>[] = [];
    const edited: ReturnType<typeof child>[] = [];
    const warm: ReturnType<typeof child>[] = [];
    // Every run in folders of its own, removed only at the end: ext4 allocates inodes slowly right
    // after tens of thousands were freed (it skips recently deleted ones), which would charge one
    // run's clean-up to the next run's writes.
    const work = path.join(tier.workDir, 'publish-runs');
    rmSync(work, { recursive: true, force: true });
    for (let i = 0; i < runs; i++) {
      const run = path.join(work, String(i));
      const content = path.join(run, 'content');
      cpSync(tier.contentDir, content, { recursive: true });
      const out = path.join(run, 'out');
      full.push(child(ctx, ['publish', content, out, ctx.keyFile]));
      unchanged.push(child(ctx, ['publish', content, out, ctx.keyFile]));
      editOneItem(content, `（改${i}）`);
      edited.push(child(ctx, ['publish', content, out, ctx.keyFile]));
      // A new, empty output folder; the publisher's caches (beside the first one, as .cache/ is) kept.
      warm.push(child(ctx, ['publish', content, out, ctx.keyFile, path.join(run, 'out-new')]));
    }
    rmSync(work, { recursive: true, force: true });
    const m = (list: { ms: number }[]) => median(list.map((x) => x.ms));
    const rss = (list: { maxRssMb: number }[]) => median(list.map((x) => x.maxRssMb));
    const base = { name: 'read+parse files', value: m(load) };
    const status = [...new Set([...full, ...edited, ...warm].map((x) => x.status))].join(',');
    // CPU time (threads included) beside each wall time: what a loaded machine does not inflate as much.
    const cpu = (list: { cpuMs: number }[]) => `CPU ${(median(list.map((x) => x.cpuMs)) / 1000).toFixed(1)} s`;
    return [
      {
        figure: 'publish',
        tier: tier.id,
        name: 'read + parse every file (baseline)',
        value: base.value,
        unit: 'ms',
        runs,
        note: cpu(load),
      },
      {
        figure: 'publish',
        tier: tier.id,
        name: `full publish, no caches [${status}]`,
        value: m(full),
        unit: 'ms',
        baseline: base,
        runs,
        note: cpu(full),
      },
      {
        figure: 'publish',
        tier: tier.id,
        name: 'republish, nothing changed',
        value: m(unchanged),
        unit: 'ms',
        baseline: base,
        runs,
        note: cpu(unchanged),
      },
      {
        figure: 'publish',
        tier: tier.id,
        name: 'republish after one item edited',
        value: m(edited),
        unit: 'ms',
        baseline: base,
        runs,
        note: cpu(edited),
      },
      {
        figure: 'publish',
        tier: tier.id,
        name: 'full publish into an empty folder, caches kept',
        value: m(warm),
        unit: 'ms',
        baseline: base,
        runs,
        note: cpu(warm),
      },
      {
        figure: 'publish',
        tier: tier.id,
        name: 'peak RSS, full publish',
        value: rss(full),
        unit: 'MB',
        baseline: { name: 'read+parse', value: rss(load) },
        runs,
      },
      {
        figure: 'publish',
        tier: tier.id,
        name: 'peak RSS, republish after one edit',
        value: rss(edited),
        unit: 'MB',
        baseline: { name: 'read+parse', value: rss(load) },
        runs,
      },
    ];
  },
};

const loadedJsFigure: Figure = {
  id: 'js-loaded',
  tiers: ['demo'],
  async run(ctx) {
    const browser = await ctx.browser();
    if (!browser) return [];
    const out = await ctx.published();
    const { code } = await ctx.site();
    const server = await startServer({ root: ctx.dist, contentDir: out, port: 0 });
    const allJs = readdirSync(path.join(ctx.dist, 'assets'))
      .filter((f) => f.endsWith('.js') && readFileSync(path.join(ctx.dist, 'sw.js'), 'utf8').includes(`assets/${f}`))
      .reduce((n, f) => n + gz(readFileSync(path.join(ctx.dist, 'assets', f))), 0);
    const rows: Row[] = [
      { figure: 'js-loaded', tier: ctx.tier.id, name: 'whole app, every JS chunk, gzip (baseline)', value: allJs, unit: 'B' },
    ];
    const names = (list: LoadedFile[]) =>
      list
        .filter((f) => f.kind === 'js')
        .map((f) => path.basename(f.path).replace(/-[\w-]{8}\.js$/, ''))
        .join(' + ') || 'none';
    try {
      for (const mode of ['kiosk', 'display', 'ticker'] as Mode[]) {
        const s = await measureLoaded(browser, server.url, code, mode);
        for (const [start, label] of [
          [s.stored, 'start with stored content'],
          [s.first, 'first start, nothing stored'],
        ] as const) {
          rows.push({
            figure: 'js-loaded',
            tier: ctx.tier.id,
            name: `${mode}, ${label}: JS requested before the first screen is painted, gzip`,
            value: start.before.jsGzip,
            unit: 'B',
            baseline: { name: 'whole app', value: allJs },
            note: `${names(start.before.files)}; at idle after it: ${names(start.after.files)} (${(start.after.jsGzip / 1000).toFixed(1)} kB)`,
          });
          rows.push({
            figure: 'js-loaded',
            tier: ctx.tier.id,
            name: `${mode}, ${label}: CSS requested before the first screen is painted, gzip`,
            value: start.before.cssGzip,
            unit: 'B',
          });
        }
      }
    } finally {
      await server.close();
    }
    return rows;
  },
};

/** The browser reports long tasks only (over 50 ms): 0 means there was none. */
const LONGTASK_NOTE = 'tasks over 50 ms; 0 = none';

const coldStartFigure: Figure = {
  id: 'cold-start',
  tiers: ['demo', 's500', 'i10k'],
  async run(ctx) {
    const browser = await ctx.browser();
    if (!browser) return [];
    const out = await ctx.published();
    const site = await ctx.site();
    const server = await startServer({ root: ctx.dist, contentDir: out, port: 0 });
    try {
      const runs = Math.max(3, ctx.tier.runs);
      const r = await coldStartOffline(browser, `${server.url}/?site=${site.code}`, site.name, runs);
      const base = { name: 'unthrottled', value: r.unthrottled };
      const t = ctx.tier.id;
      return [
        {
          figure: 'cold-start',
          tier: t,
          name: `offline start → attract screen, unthrottled (baseline), ${site.code}`,
          value: r.unthrottled,
          unit: 'ms',
          runs,
        },
        {
          figure: 'cold-start',
          tier: t,
          name: 'offline start → attract screen, CPU 4× throttled',
          value: r.throttled,
          unit: 'ms',
          baseline: base,
          runs,
        },
        {
          figure: 'cold-start',
          tier: t,
          name: 'longest task, unthrottled',
          value: r.longestUnthrottled,
          unit: 'ms',
          runs,
          note: LONGTASK_NOTE,
        },
        {
          figure: 'cold-start',
          tier: t,
          name: 'longest task, CPU 4× throttled',
          value: r.longestThrottled,
          unit: 'ms',
          note: `${LONGTASK_NOTE}${r.whatThrottled ? `; longest frame of the median run: ${r.whatThrottled}` : ''}`,
          baseline: { name: 'unthrottled', value: r.longestUnthrottled },
          runs,
        },
      ];
    } finally {
      await server.close();
    }
  },
};

/** The site bundle a kiosk of this tier's measured site holds: assembled from the published parts as the kiosk does, with its start-key lookup. */
async function siteBundle(ctx: BenchContext, code: string): Promise<SiteBundle | undefined> {
  const out = await ctx.published();
  return existsSync(path.join(out, entryPath(code))) ? readSiteBundle(out, code) : undefined;
}

const searchFigure: Figure = {
  id: 'search',
  tiers: ['demo', 'i10k'],
  async run(ctx) {
    const t = ctx.tier.id;
    const site = await ctx.site();
    const bundle = await siteBundle(ctx, site.code);
    if (!bundle) return [];
    const { ours, fuse } = searchFigures(bundle.search, bundle.searchIndex);
    const keys = ours.all.length;
    const rows: Row[] = [
      {
        figure: 'search',
        tier: t,
        name: `fuse.js over the same ${bundle.search.length} entries, p95 per keystroke (baseline)`,
        value: percentile(fuse.all, 95),
        unit: 'ms',
        runs: fuse.all.length,
      },
      {
        figure: 'search',
        tier: t,
        name: 'kiosk matcher + lookup table, p50 per keystroke (Node)',
        value: percentile(ours.all, 50),
        unit: 'ms',
        baseline: { name: 'fuse p50', value: percentile(fuse.all, 50) },
        runs: keys,
      },
      {
        figure: 'search',
        tier: t,
        name: 'kiosk matcher + lookup table, p95 per keystroke (Node)',
        value: percentile(ours.all, 95),
        unit: 'ms',
        baseline: { name: 'fuse p95', value: percentile(fuse.all, 95) },
        runs: keys,
      },
      {
        figure: 'search',
        tier: t,
        name: 'kiosk matcher + lookup table, p95 CPU time per keystroke (Node)',
        value: percentile(ours.cpu, 95),
        unit: 'ms',
        baseline: { name: 'fuse p95 CPU', value: percentile(fuse.cpu, 95) },
        runs: keys,
      },
      {
        figure: 'search',
        tier: t,
        name: 'start-key lookup table (built on the kiosk once per version, stored with it), gzip',
        value: gz(JSON.stringify(bundle.searchIndex ?? {})),
        unit: 'B',
        baseline: { name: 'search entries gzip', value: gz(JSON.stringify(bundle.search)) },
      },
      {
        figure: 'search',
        tier: t,
        name: 'building the start-key lookup table once (Node), median',
        value: median(
          [0, 1, 2].map(() => {
            const t0 = performance.now();
            buildStartIndex(bundle.search);
            return performance.now() - t0;
          }),
        ),
        unit: 'ms',
        runs: 3,
      },
    ];
    const browser = await ctx.browser();
    if (!browser) return rows;
    const out = await ctx.published();
    const server = await startServer({ root: ctx.dist, contentDir: out, port: 0 });
    try {
      const painted = await searchPainted(browser, `${server.url}/?site=${site.code}`, site.name, QUERIES);
      const frame = { name: 'no key: next frame painted, p95', value: percentile(painted.frame, 95) };
      const inFrame = 'key pressed at a frame start, until the frame showing its results is painted';
      rows.push(
        {
          figure: 'search',
          tier: t,
          name: 'Chromium: no key pressed, next frame painted, p95 (baseline)',
          value: frame.value,
          unit: 'ms',
          runs: painted.frame.length,
        },
        {
          figure: 'search',
          tier: t,
          name: 'Chromium: no key pressed, a frame start until it is painted, p95',
          value: percentile(painted.idle, 95),
          unit: 'ms',
          runs: painted.idle.length,
        },
        {
          figure: 'search',
          tier: t,
          name: 'Chromium: keystroke → results painted, p50',
          value: percentile(painted.all, 50),
          unit: 'ms',
          note: inFrame,
          runs: painted.all.length,
        },
        {
          figure: 'search',
          tier: t,
          name: 'Chromium: keystroke → results painted, p95',
          value: percentile(painted.all, 95),
          unit: 'ms',
          note: inFrame,
          baseline: frame,
          runs: painted.all.length,
        },
        {
          figure: 'search',
          tier: t,
          name: 'Chromium: first key of a query → painted, p95',
          value: percentile(painted.first, 95),
          unit: 'ms',
          note: inFrame,
          baseline: frame,
          runs: painted.first.length,
        },
      );
    } finally {
      await server.close();
    }
    return rows;
  },
};

const sessionsFigure: Figure = {
  id: 'kiosk-heap',
  tiers: ['demo', 's500'],
  async run(ctx) {
    const browser = await ctx.browser();
    if (!browser) return [];
    const out = await ctx.published();
    const site = await ctx.site();
    const server = await startServer({ root: ctx.dist, contentDir: out, port: 0 });
    try {
      const n = ctx.options.sessions;
      const r = await kioskSessions(browser, `${server.url}/?site=${site.code}`, site.name, n);
      return [
        {
          figure: 'kiosk-heap',
          tier: ctx.tier.id,
          name: 'JS heap after GC after 5 sessions (baseline)',
          value: r.before.heap / 1048576,
          unit: 'MB',
        },
        {
          figure: 'kiosk-heap',
          tier: ctx.tier.id,
          name: `JS heap after GC after ${n} simulated sessions`,
          value: r.after.heap / 1048576,
          unit: 'MB',
          baseline: { name: 'after 5', value: r.before.heap / 1048576 },
        },
        {
          figure: 'kiosk-heap',
          tier: ctx.tier.id,
          name: `DOM nodes after GC after ${n} sessions (live, detached included)`,
          value: r.after.nodes,
          unit: 'count',
          baseline: { name: 'after 5', value: r.before.nodes },
        },
        {
          figure: 'kiosk-heap',
          tier: ctx.tier.id,
          name: `DOM nodes in the document after ${n} sessions`,
          value: r.after.inDocument,
          unit: 'count',
          baseline: { name: 'after 5', value: r.before.inDocument },
        },
      ];
    } finally {
      await server.close();
    }
  },
};

const displayFigure: Figure = {
  id: 'display-heap',
  tiers: ['demo'],
  async run(ctx) {
    const browser = await ctx.browser();
    if (!browser) return [];
    const out = await ctx.published();
    const site = await ctx.site();
    const server = await startServer({ root: ctx.dist, contentDir: out, port: 0 });
    try {
      const h = ctx.options.displayHours;
      const r = await displayHours(browser, `${server.url}/?site=${site.code}&mode=display`, h);
      return [
        {
          figure: 'display-heap',
          tier: ctx.tier.id,
          name: 'JS heap after GC after 1 h (baseline)',
          value: r.before.heap / 1048576,
          unit: 'MB',
        },
        {
          figure: 'display-heap',
          tier: ctx.tier.id,
          name: `JS heap after GC after ${h} more simulated hours`,
          value: r.after.heap / 1048576,
          unit: 'MB',
          baseline: { name: 'after 1 h', value: r.before.heap / 1048576 },
        },
        {
          figure: 'display-heap',
          tier: ctx.tier.id,
          name: `DOM nodes after GC after ${h} more hours (live, detached included)`,
          value: r.after.nodes,
          unit: 'count',
          baseline: { name: 'after 1 h', value: r.before.nodes },
        },
      ];
    } finally {
      await server.close();
    }
  },
};

const wireFigure: Figure = {
  id: 'wire',
  tiers: ['demo', 's100', 's500'],
  async run(ctx) {
    const browser = await ctx.browser();
    if (!browser) return [];
    const site = await ctx.site();
    // Own copies: this figure edits and republishes.
    const work = path.join(ctx.tier.workDir, 'wire');
    rmSync(work, { recursive: true, force: true });
    const content = path.join(work, 'content');
    cpSync(ctx.tier.contentDir, content, { recursive: true });
    const out = path.join(work, 'out');
    cpSync(await ctx.published(), out, { recursive: true });
    const contentServer = await startServer({ root: out, contentDir: out, contentOnly: true, port: 0 });
    const counter = await startWireCounter(contentServer.port);
    const app = await startServer({ root: ctx.dist, contentDir: path.join(work, 'none'), port: 0 });
    try {
      const held = publishedSites(out).find((x) => x.code === site.code)?.bytes ?? 0;
      const r = await wireBytes(browser, app.url, counter, site.code, site.name, async () => {
        editOneItem(content, '（改）');
        child(ctx, ['publish', content, out, ctx.keyFile]);
      });
      const full = { name: 'first download', value: r.full };
      const heldBase = { name: 'bytes held', value: held };
      const t = ctx.tier.id;
      const polls = r.polls.filter((b) => b.paths.length > 0);
      return [
        {
          figure: 'wire',
          tier: t,
          name: `bytes the kiosk holds: its entry point's parts + images, uncompressed (baseline), ${site.code}`,
          value: held,
          unit: 'B',
        },
        {
          figure: 'wire',
          tier: t,
          name: 'first download of everything the kiosk holds, on the wire',
          value: r.full,
          unit: 'B',
          baseline: heldBase,
          note: `${r.firstRequests} requests`,
        },
        {
          figure: 'wire',
          tier: t,
          name: 'one poll, nothing changed, on the wire (server → kiosk)',
          value: r.poll,
          unit: 'B',
          baseline: full,
          runs: polls.length,
          note: statusNote(polls),
        },
        {
          figure: 'wire',
          tier: t,
          name: 'update after one county-wide item edited, on the wire',
          value: r.update.down,
          unit: 'B',
          baseline: heldBase,
          note: statusNote([r.update]),
        },
      ];
    } finally {
      await app.close();
      await counter.close();
      await contentServer.close();
      if (existsSync(work)) rmSync(work, { recursive: true, force: true });
    }
  },
};

/** The county hub (scripts/bench/hub-bench.ts): ingest and heartbeat rates, the 满意率 report's query time. */
const hubFigure: Figure = {
  id: 'hub',
  tiers: ['hub'],
  run: (ctx) => benchHub({ devices: ctx.options.hubDevices, reportRatings: ctx.options.hubRatings }),
};

export const FIGURES: Figure[] = [
  publishFigure,
  loadedJsFigure,
  coldStartFigure,
  searchFigure,
  sessionsFigure,
  displayFigure,
  wireFigure,
  hubFigure,
];
