/**
 * Exactly-once under faults, on SQLite and PostgreSQL: 20 simulated kiosks send 1,000 ratings
 * through a proxy that drops 20 % of connections, answers 500 to some requests and loses the
 * acknowledgement of others after the hub committed them, while the hub is restarted once
 * (server closed, database connection closed, both opened again) — and on PostgreSQL every
 * database connection of the hub is killed once (the database briefly unreachable). Kiosks retry what was not
 * acknowledged, like the uplink queue does. Every loop is bounded.
 */
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { Socket } from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { BatchAck, RatingUpload } from '../../kiosk/src/uplink/api.ts';
import { createHub, listen, type RunningHub } from './app.ts';
import { staticCatalog } from './catalog.ts';
import { type HubDb, openDb } from './db.ts';
import { newToken, tokenHash } from './secrets.ts';
import { DIALECTS, freshDb, type TestDb, testCalendars, testSnapshot } from './test-support.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

const KIOSKS = 20;
const PER_KIOSK = 50;
const BATCH = 10;

/** Deterministic PRNG so a failure can be reproduced. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Faults {
  dropped: number;
  errors500: number;
  lostAcks: number;
  upstreamDown: number;
  forwarded: number;
}

/** A faulty proxy in front of whatever port `target()` gives. */
async function faultyProxy(
  target: () => number,
  rnd: () => number,
  faults: Faults,
): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const x = rnd();
    if (x < 0.2) {
      faults.dropped++;
      req.socket.destroy();
      return;
    }
    if (x < 0.3) {
      faults.errors500++;
      req.resume();
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"proxy","message":"网关错误"}');
      return;
    }
    const loseAck = x < 0.4;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const up = httpRequest(
        { host: '127.0.0.1', port: target(), method: req.method, path: req.url, headers: req.headers, agent: false },
        (upRes) => {
          const body: Buffer[] = [];
          upRes.on('data', (c: Buffer) => body.push(c));
          upRes.on('end', () => {
            faults.forwarded++;
            if (loseAck) {
              faults.lostAcks++;
              req.socket.destroy(); // the hub committed; the kiosk never hears it
              return;
            }
            res.writeHead(upRes.statusCode ?? 502, upRes.headers).end(Buffer.concat(body));
          });
          upRes.on('error', () => req.socket.destroy());
        },
      );
      up.on('error', () => {
        faults.upstreamDown++;
        if (!res.headersSent) res.writeHead(502).end();
      });
      up.end(Buffer.concat(chunks));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}

async function count(db: HubDb, table: 'ratings' | 'cases'): Promise<number> {
  return Number((await db.selectFrom(table).select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

describe.each(DIALECTS)('exactly-once on %s', (dialect) => {
  let tdb: TestDb | undefined;
  afterAll(async () => {
    await tdb?.drop();
  });

  it('20 kiosks, 1,000 ratings, a faulty network and a hub restart → exactly 1,000 stored', async () => {
    tdb = await freshDb(dialect);
    const snap = testSnapshot();
    const sites = ['ta', 'ta-v1', 'tb'];
    const now = Date.now();
    const kiosks = Array.from({ length: KIOSKS }, (_, i) => ({ id: randomUUID(), token: newToken(), site: sites[i % sites.length] }));
    await tdb.db
      .insertInto('devices')
      .values(
        kiosks.map((k, i) => ({
          id: k.id,
          token_hash: tokenHash(k.token),
          name: `测试机 ${i + 1}`,
          site_code: k.site,
          township: snap.sites.get(k.site)!.township,
          mode: 'kiosk',
          enrolled_at: now,
          revoked_at: null,
          last_seen_at: null,
          heartbeat_seconds: 300,
          app_build: 't',
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

    const rnd = prng(dialect === 'sqlite' ? 11 : 29);
    let db = tdb.db;
    let hubErrors = 0; // requests caught by the restart (database closed under them): answered 500, retried
    const start = (d: HubDb) =>
      listen(createHub({ db: d, catalog: staticCatalog(snap), calendars: testCalendars, logError: () => hubErrors++ }), 0);
    let hub: RunningHub | null = await start(db);
    let hubPort = hub.port;
    const faults: Faults = { dropped: 0, errors500: 0, lostAcks: 0, upstreamDown: 0, forwarded: 0 };
    const proxy = await faultyProxy(() => hubPort, rnd, faults);

    const queues = kiosks.map((k) =>
      Array.from(
        { length: PER_KIOSK },
        (_, j): RatingUpload => ({
          id: randomUUID(),
          at: now - 60_000,
          siteCode: k.site,
          level: ((j % 5) + 1) as RatingUpload['level'],
          target: { kind: 'centre' },
          reasons: j % 5 < 2 ? ['等候时间太长'] : [],
          ...(j % 5 === 0 ? { callbackPhone: '13800000000' } : {}),
          contentVersion: 7,
        }),
      ),
    );
    const allIds = new Set(queues.flat().map((r) => r.id));
    let acknowledged = 0;
    let restarted = false;
    let attempts = 0;

    const restart = async () => {
      restarted = true;
      const old = hub!;
      hub = null;
      await old.close();
      await db.destroy();
      await new Promise((r) => setTimeout(r, 150));
      db = openDb(tdb!.target, { poolSize: 4 }).db;
      hub = await start(db);
      hubPort = hub.port;
    };

    // PostgreSQL only: the database briefly unreachable — every hub connection killed under it.
    let cutDb = false;
    let killed = 0;
    const cutDatabaseConnections = async () => {
      cutDb = true;
      const c = new pg.Client({ connectionString: tdb!.target });
      await c.connect();
      try {
        const r = await c.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
        );
        killed = r.rowCount ?? 0;
      } finally {
        await c.end();
      }
    };

    async function runKiosk(i: number): Promise<void> {
      const queue = queues[i];
      for (let tries = 0; queue.length && tries < 400; tries++) {
        attempts++;
        const batch = queue.slice(0, BATCH);
        let ack: BatchAck | null = null;
        try {
          const res = await fetch(`http://127.0.0.1:${proxy.port}/api/device/ratings`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${kiosks[i].token}`, connection: 'close' },
            body: JSON.stringify({ ratings: batch }),
            signal: AbortSignal.timeout(5000),
          });
          if (res.ok) ack = (await res.json()) as BatchAck;
          else await res.arrayBuffer();
        } catch {
          // dropped connection, lost acknowledgement, hub down: retry later
        }
        if (ack) {
          expect(ack.rejected).toEqual([]);
          const done = new Set(ack.accepted);
          for (let k = queue.length - 1; k >= 0; k--) if (done.has(queue[k].id)) queue.splice(k, 1);
          acknowledged += done.size;
          if (!restarted && acknowledged >= 300) await restart();
          if (dialect === 'postgres' && !cutDb && acknowledged >= 600) await cutDatabaseConnections();
        } else {
          await new Promise((r) => setTimeout(r, 5 + Math.floor(rnd() * 30)));
        }
      }
    }
    await Promise.all(kiosks.map((_, i) => runKiosk(i)));
    await proxy.close();
    await hub?.close();

    expect(restarted).toBe(true);
    if (dialect === 'postgres') expect(killed).toBeGreaterThan(0);
    expect(queues.every((q) => q.length === 0)).toBe(true);
    // The faults really happened.
    expect(faults.dropped).toBeGreaterThan(0);
    expect(faults.errors500).toBeGreaterThan(0);
    expect(faults.lostAcks).toBeGreaterThan(0);
    expect(await count(db, 'ratings')).toBe(KIOSKS * PER_KIOSK);
    const stored = await db.selectFrom('ratings').select('id').execute();
    expect(new Set(stored.map((r) => r.id))).toEqual(allIds);
    // 差评 (levels 1 and 2) opened exactly one case each.
    expect(await count(db, 'cases')).toBe((KIOSKS * PER_KIOSK * 2) / 5);
    console.log(
      `[exactly-once ${dialect}] ${attempts} uploads; proxy dropped ${faults.dropped}, 500 ×${faults.errors500}, lost acks ${faults.lostAcks}, hub down ${faults.upstreamDown}, hub 500s ${hubErrors}${dialect === 'postgres' ? `, database connections killed ${killed}` : ''}`,
    );
    tdb.db = db;
  });
});
