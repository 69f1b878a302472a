/**
 * Test support for the hub: the databases every hub test runs against (SQLite AND PostgreSQL —
 * never silently one), a small fixed catalog, and a hub on a fresh database.
 *
 * PostgreSQL: TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test. Each test file
 * creates its own database (hub_t_<random>) there and drops it afterwards. When no server
 * answers, the tests FAIL with a message saying what to install (scripts/test.ts starts a
 * throw-away cluster itself when it can).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Calendars, loadCalendars } from './calendar.ts';
import { type CatalogSite, type CatalogSnapshot, staticCatalog } from './catalog.ts';
import { type DialectName, type OpenDb, openDb } from './db.ts';
import { migrateToLatest } from './migrations.ts';
import { createHub, type Hub } from './app.ts';

export const DIALECTS: DialectName[] = ['sqlite', 'postgres'];

export const DEFAULT_TEST_PG = 'postgres://postgres@127.0.0.1:5432/test';

export const PG_MISSING =
  '找不到 PostgreSQL，县级管理平台的测试需要它（与 SQLite 各跑一遍）。请设置 TEST_DATABASE_URL=postgres://…，' +
  '或在本机 127.0.0.1:5432 运行 PostgreSQL（信任本机连接，数据库 test），例如 Debian：apt-get install -y postgresql && pg_ctlcluster 15 main start；' +
  '以 root 运行 npm test 时会自动安装并启动临时集群。';

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  if (!u.username) u.username = 'postgres';
  return u.toString();
}

export interface TestDb extends OpenDb {
  /** What openDb() takes to open the same database again (a restarted hub). */
  target: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of the given dialect. */
export async function freshDb(dialect: DialectName): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'hub-test-'));
    const target = join(dir, 'hub.sqlite');
    const opened = openDb(target);
    await migrateToLatest(opened.db, opened.dialect);
    const t: TestDb = {
      ...opened,
      target,
      drop: async () => {
        await t.db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
    return t;
  }
  const base = withDatabase(
    process.env.TEST_DATABASE_URL || DEFAULT_TEST_PG,
    new URL(process.env.TEST_DATABASE_URL || DEFAULT_TEST_PG).pathname.slice(1) || 'test',
  );
  const name = `hub_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(`${PG_MISSING}（连接 ${base} 失败：${err instanceof Error ? err.message : String(err)}）`);
  }
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(base, name);
  const opened = openDb(url, { poolSize: 8 });
  await migrateToLatest(opened.db, opened.dialect);
  const t: TestDb = {
    ...opened,
    target: url,
    drop: async () => {
      await t.db.destroy();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
  return t;
}

function site(
  code: string,
  name: string,
  kind: 'township' | 'village',
  parent: string | null,
  extra: Partial<CatalogSite> = {},
): CatalogSite {
  return {
    code,
    name,
    kind,
    parent,
    township: parent ?? code,
    items: new Map([
      ['MZ-001', '最低生活保障申请'],
      ['LB-002', '城乡居民养老保险参保登记'],
    ]),
    windows: new Map([['1', '民政窗口']]),
    staff: new Map([['s-zhang', '张丽']]),
    announcements: [],
    ...extra,
  };
}

/** Fixed test county: 测试县 (tc) with 甲镇 (ta) + 甲一村 (ta-v1), 乙乡 (tb). */
export function testSnapshot(): CatalogSnapshot {
  const sites = [
    site('ta', '甲镇便民服务中心', 'township', null, {
      announcements: [{ id: 'gs-1', title: '低保公示', validFrom: '2026-11-02T00:00:00+08:00', validTo: '2026-11-12T00:00:00+08:00' }],
    }),
    site('ta-v1', '甲一村代办站', 'village', 'ta'),
    site('tb', '乙乡便民服务中心', 'township', null),
  ];
  return {
    version: 7,
    publishedAt: '2026-11-01T09:00:00+08:00',
    county: { code: 'tc', name: '测试县', demo: false, timeZone: 'Asia/Shanghai' },
    sites: new Map(sites.map((s) => [s.code, s])),
  };
}

/** Calendar of the test county: 5 working days; 2026-12-08 a holiday, Sunday 2026-12-13 a workday. */
export const testCalendars: Calendars = (code) => {
  const base = loadCalendars()(code);
  return { caseWorkingDays: 5, holidays: new Set([...base.holidays, '2026-12-08']), workdays: new Set(['2026-12-13']) };
};

/** A settable clock. */
export function clock(start: number) {
  let t = start;
  return { now: () => t, set: (v: number) => (t = v), advance: (ms: number) => (t += ms) };
}

export function testHub(db: OpenDb['db'], now: () => number, extra: { deviceRequestsPerMinute?: number } = {}): Hub {
  return createHub({ db, catalog: staticCatalog(testSnapshot()), calendars: testCalendars, now, ...extra });
}
