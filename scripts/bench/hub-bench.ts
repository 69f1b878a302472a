/**
 * Hub benchmarks (measured, never asserted), the `hub` figure of the bench runner (figures.ts):
 *  - ratings ingested per second and heartbeat requests per second over HTTP with 1,000 simulated
 *    devices (50 requests in flight), on SQLite and PostgreSQL; baselines in the same run: the
 *    same rows INSERTed / the same device rows UPDATEd directly through the same driver, as many
 *    in flight;
 *  - the 满意率 report's query time over 1,000,000 ratings (county-wide, one year; one township;
 *    one rated target); baseline: a plain COUNT(*) over the same table.
 *
 * PostgreSQL comes from TEST_DATABASE_URL or 127.0.0.1:5432 (a fresh database, dropped after);
 * without it one row says so instead of a number.
 *
 *   npx tsx scripts/bench/hub-bench.ts [reportRatings] [ingest|report]   (prints the table alone)
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { addDays } from '../../kiosk/src/time/zoned.ts';
import type { RatingsTable } from '../hub/db.ts';
import { createHub, listen } from '../hub/app.ts';
import { staticCatalog } from '../hub/catalog.ts';
import { satisfactionReport } from '../hub/reports.ts';
import { rebuildRatingDays } from '../hub/migrations.ts';
import { newToken, tokenHash } from '../hub/secrets.ts';
import { type TestDb, freshDb, testCalendars, testSnapshot } from '../hub/test-support.ts';
import type { DialectName } from '../hub/db.ts';
import { sql } from 'kysely';
import { median } from './measure.ts';
import { markdownTable, type Row } from './report.ts';

const TIER = 'hub';
const row = (name: string, value: number, unit: Row['unit'], extra: Partial<Row> = {}): Row => ({
  figure: 'hub',
  tier: TIER,
  name,
  value,
  unit,
  ...extra,
});

export interface HubBenchOptions {
  devices?: number;
  /** Ratings for the report query (default 1,000,000). */
  reportRatings?: number;
  dialects?: DialectName[];
  /** Only one half (default both). */
  only?: 'ingest' | 'report';
}

const SITES = ['ta', 'ta-v1', 'tb'];

/** Runs jobs with `parallel` in flight; returns the first few failures (a bench never stops half-way). */
async function inFlight<T>(jobs: (() => Promise<T>)[], parallel: number): Promise<string[]> {
  let next = 0;
  const failures: string[] = [];
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < jobs.length) {
        try {
          await jobs[next++]();
        } catch (err) {
          failures.push(err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? '')}` : String(err));
        }
      }
    }),
  );
  return failures;
}

async function addDevices(t: TestDb, n: number): Promise<{ id: string; token: string; site: string }[]> {
  const snap = testSnapshot();
  const devices = Array.from({ length: n }, (_, i) => ({ id: randomUUID(), token: newToken(), site: SITES[i % SITES.length] }));
  for (let i = 0; i < devices.length; i += 200) {
    await t.db
      .insertInto('devices')
      .values(
        devices.slice(i, i + 200).map((d, j) => ({
          id: d.id,
          token_hash: tokenHash(d.token),
          name: `压测设备 ${i + j}`,
          site_code: d.site,
          township: snap.sites.get(d.site)!.township,
          mode: 'kiosk',
          enrolled_at: Date.now(),
          revoked_at: null,
          last_seen_at: null,
          heartbeat_seconds: 300,
          app_build: 'bench',
          content_version: 7,
          last_check_ok: null,
          last_error: null,
          on_screen: null,
          flags: '[]',
          status_json: null,
          demo: 0,
        })),
      )
      .execute();
  }
  return devices;
}

async function benchIngest(dialect: DialectName, nDevices: number): Promise<Row[]> {
  const t = await freshDb(dialect);
  try {
    const devices = await addDevices(t, nDevices);
    const hub = await listen(
      createHub({ db: t.db, catalog: staticCatalog(testSnapshot()), calendars: testCalendars, deviceRequestsPerMinute: 1e9 }),
      0,
    );
    try {
      const post = async (path: string, token: string, body: unknown) => {
        const res = await fetch(`${hub.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        });
        if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      };
      const now = Date.now();
      const PER_BATCH = 10;
      const rounds = 2;
      const ratingJobs = devices.flatMap((d) =>
        Array.from(
          { length: rounds },
          () => () =>
            post('/api/device/ratings', d.token, {
              ratings: Array.from({ length: PER_BATCH }, (_, k) => ({
                id: randomUUID(),
                at: now - k * 1000,
                siteCode: d.site,
                level: (k % 5) + 1,
                target: { kind: 'centre' },
                reasons: k % 5 < 2 ? ['等候时间太长'] : [],
                contentVersion: 7,
              })),
            }),
        ),
      );
      let t0 = performance.now();
      const ratingFailures = await inFlight(ratingJobs, 50);
      const ratingSecs = (performance.now() - t0) / 1000;
      const ratingsPerSec = (ratingJobs.length * PER_BATCH) / ratingSecs;

      const hb = (d: { site: string }) => ({
        id: randomUUID(),
        at: Date.now(),
        siteCode: d.site,
        mode: 'kiosk',
        appBuild: 'bench',
        contentVersion: 7,
        contentPublishedAt: null,
        contentExpiresAt: null,
        lastCheckAt: null,
        lastCheckOk: true,
        lastError: null,
        uptimeSeconds: 100,
        storage: { usedBytes: null, quotaBytes: null, persisted: null },
        screen: { width: 1080, height: 1920 },
        onScreen: '首页',
        queued: { ratings: 0, playLog: 0, heartbeats: 0 },
        flags: [],
        reloads: [],
        doneCommands: [],
      });
      const hbJobs = devices.flatMap((d) => Array.from({ length: 3 }, () => () => post('/api/device/heartbeat', d.token, hb(d))));
      t0 = performance.now();
      const hbFailures = await inFlight(hbJobs, 50);
      const hbPerSec = hbJobs.length / ((performance.now() - t0) / 1000);

      // Baselines through the same driver, as many in flight: the same number of rating rows
      // INSERTed in the same batches, and one UPDATE of the device row per heartbeat.
      const township = (site: string) => testSnapshot().sites.get(site)!.township;
      const plainJobs = devices.flatMap((d) =>
        Array.from(
          { length: rounds },
          () => () =>
            t.db
              .insertInto('ratings')
              .values(
                Array.from({ length: PER_BATCH }, (_, k): RatingsTable => {
                  const at = now - k * 1000;
                  const day = new Date(at + 8 * 3600_000).toISOString().slice(0, 10);
                  return {
                    id: randomUUID(),
                    device_id: d.id,
                    site_code: d.site,
                    township: township(d.site),
                    at,
                    day,
                    month: day.slice(0, 7),
                    received_at: Date.now(),
                    level: (k % 5) + 1,
                    target_kind: 'centre',
                    target_id: null,
                    target_name: null,
                    reasons: k % 5 < 2 ? '["等候时间太长"]' : '[]',
                    comment: null,
                    content_version: 7,
                    demo: 0,
                  };
                }),
              )
              .execute(),
        ),
      );
      t0 = performance.now();
      const plainFailures = await inFlight(plainJobs, 50);
      const plainPerSec = (plainJobs.length * PER_BATCH) / ((performance.now() - t0) / 1000);
      const updateJobs = devices.flatMap((d) =>
        Array.from(
          { length: 3 },
          () => () =>
            t.db
              .updateTable('devices')
              .set({ last_seen_at: Date.now(), status_json: JSON.stringify(hb(d)) })
              .where('id', '=', d.id)
              .execute(),
        ),
      );
      t0 = performance.now();
      const updateFailures = await inFlight(updateJobs, 50);
      const updatePerSec = updateJobs.length / ((performance.now() - t0) / 1000);

      const label = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
      const failed = (f: string[]) => (f.length ? `${f.length} failed, e.g. ${f[0].slice(0, 80)}` : undefined);
      return [
        row(`${label}: plain INSERT of the same rating rows, ${PER_BATCH} per statement (baseline)`, plainPerSec, '/s', {
          runs: plainJobs.length,
          note: failed(plainFailures),
        }),
        row(`${label}: ratings ingested over HTTP, ${nDevices} devices, ${PER_BATCH} per batch, 50 in flight`, ratingsPerSec, '/s', {
          baseline: { name: 'plain INSERT', value: plainPerSec },
          runs: ratingJobs.length,
          note: failed(ratingFailures),
        }),
        row(`${label}: plain UPDATE of the device row (baseline)`, updatePerSec, '/s', {
          runs: updateJobs.length,
          note: failed(updateFailures),
        }),
        row(`${label}: heartbeat requests over HTTP, ${nDevices} devices, 50 in flight`, hbPerSec, '/s', {
          baseline: { name: 'plain UPDATE', value: updatePerSec },
          runs: hbJobs.length,
          note: failed(hbFailures),
        }),
      ];
    } finally {
      await hub.close();
    }
  } finally {
    await t.drop();
  }
}

async function benchReport(dialect: DialectName, n: number): Promise<Row[]> {
  const t = await freshDb(dialect);
  try {
    const devices = await addDevices(t, 100);
    const snap = testSnapshot();
    const today = '2026-12-01';
    const BATCH = 500;
    const t0 = performance.now();
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed / 4294967296;
    };
    for (let i = 0; i < n; ) {
      await t.db.transaction().execute(async (trx) => {
        for (let b = 0; b < 40 && i < n; b++) {
          const rows: RatingsTable[] = [];
          for (let k = 0; k < BATCH && i < n; k++, i++) {
            const d = devices[i % devices.length];
            const day = addDays(today, -Math.floor(rnd() * 365));
            rows.push({
              id: randomUUID(),
              device_id: d.id,
              site_code: d.site,
              township: snap.sites.get(d.site)!.township,
              at: Date.parse(`${day}T10:00:00+08:00`),
              day,
              month: day.slice(0, 7),
              received_at: 0,
              level: 1 + Math.floor(rnd() * 5),
              target_kind: i % 50 === 0 ? 'staff' : 'centre',
              target_id: i % 50 === 0 ? 's-zhang' : null,
              target_name: null,
              reasons: '[]',
              comment: null,
              content_version: 7,
              demo: 0,
            });
          }
          await trx.insertInto('ratings').values(rows).execute();
        }
      });
    }
    await rebuildRatingDays(t.db);
    const loadSecs = (performance.now() - t0) / 1000;
    const county = { username: 'bench', displayName: 'bench', role: 'county' as const, township: null };
    const town = { ...county, role: 'township' as const, township: 'tb' };
    const filter = { fromDate: addDays(today, -364), toDate: today };
    const run = async (user: typeof county | typeof town) => {
      const times: number[] = [];
      await satisfactionReport(t.db, user, snap, filter);
      for (let r = 0; r < 3; r++) {
        const s = performance.now();
        await satisfactionReport(t.db, user, snap, filter);
        times.push(performance.now() - s);
      }
      return median(times);
    };
    const all = await run(county);
    const one = await run(town);
    const byTarget = await (async () => {
      const times: number[] = [];
      for (let r = 0; r < 3; r++) {
        const s = performance.now();
        await satisfactionReport(t.db, county, snap, { ...filter, targetKind: 'staff', targetId: 's-zhang' });
        times.push(performance.now() - s);
      }
      return median(times);
    })();
    const countAll = await (async () => {
      const times: number[] = [];
      for (let r = 0; r < 4; r++) {
        const s = performance.now();
        await sql`select count(*) as n from ratings`.execute(t.db);
        times.push(performance.now() - s);
      }
      return median(times.slice(1));
    })();
    const label = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const count = n.toLocaleString('en-US');
    const base = { name: 'COUNT(*)', value: countAll };
    return [
      row(`${label}: writing ${count} ratings to query (setup, batches of ${BATCH})`, loadSecs * 1000, 'ms', { runs: 1 }),
      row(`${label}: plain COUNT(*) over the ${count} ratings (baseline)`, countAll, 'ms', { runs: 3 }),
      row(`${label}: 满意率 report over ${count} ratings, county-wide, one year`, all, 'ms', { baseline: base, runs: 3 }),
      row(`${label}: 满意率 report over ${count} ratings, one township`, one, 'ms', { baseline: base, runs: 3 }),
      row(`${label}: 满意率 report over ${count} ratings, one rated target (counted per rating)`, byTarget, 'ms', {
        baseline: base,
        runs: 3,
      }),
    ];
  } finally {
    await t.drop();
  }
}

export async function benchHub(opts: HubBenchOptions = {}): Promise<Row[]> {
  const rows: Row[] = [];
  for (const dialect of opts.dialects ?? (['sqlite', 'postgres'] as DialectName[])) {
    try {
      if (opts.only !== 'report') rows.push(...(await benchIngest(dialect, opts.devices ?? 1000)));
      if (opts.only !== 'ingest') rows.push(...(await benchReport(dialect, opts.reportRatings ?? 1_000_000)));
    } catch (err) {
      rows.push(row(`${dialect}: not measured`, 0, 'count', { note: err instanceof Error ? err.message.slice(0, 160) : String(err) }));
    }
  }
  return rows;
}

// npx tsx scripts/bench/hub-bench.ts [reportRatings] [ingest|report]
if (process.argv[1]?.endsWith('hub-bench.ts')) {
  const only = process.argv[3] === 'ingest' || process.argv[3] === 'report' ? process.argv[3] : undefined;
  console.log(markdownTable(await benchHub({ reportRatings: Number(process.argv[2] ?? 1_000_000), only })));
}
