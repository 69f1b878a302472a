/**
 * The hub's HTTP API (hono): /api/device/… for kiosks (bearer token), /api/admin/… for the
 * dashboard (session cookie). createHub() builds it on an open database and a catalog;
 * `nodeHandler` plugs it into serve.ts's `handlers` (same origin as the kiosk under npm start),
 * `listen()` runs it alone (npm run hub). Stateless: sessions, lockouts, commands all live in the
 * database, so several processes can share one PostgreSQL behind a load balancer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ApiError, CaseState, SessionUser, SiteTargetsResponse } from '../../kiosk/src/uplink/api.ts';
import { LIMITS } from '../../kiosk/src/uplink/api.ts';
import { login, logout, SESSION_COOKIE, SESSION_MS, sessionUser } from './accounts.ts';
import {
  createEnrolment,
  listAudit,
  listCases,
  listDevices,
  queueCommand,
  renameDevice,
  revokeDevice,
  scopeOf,
  updateCase,
} from './admin.ts';
import type { Calendars } from './calendar.ts';
import { type Catalog, CatalogUnavailable, visibleSites } from './catalog.ts';
import type { HubDb } from './db.ts';
import { ping } from './migrations.ts';
import { type AuthedDevice, deviceByToken, enrolDevice, ingestPlayLog, ingestRatings, recordHeartbeat } from './devices.ts';
import { caseFigures, parseFilter, publicityReport, satisfactionReport } from './reports.ts';
import {
  BadRequest,
  CaseUpdateSchema,
  CommandSchema,
  EnrolmentCreateSchema,
  EnrolSchema,
  HeartbeatSchema,
  LoginSchema,
  PlayLogBatchSchema,
  parseOrThrow,
  RatingBatchSchema,
  RenameSchema,
} from './validate.ts';
import { xlsxReport } from './xlsx.ts';

export interface HubOptions {
  db: HubDb;
  catalog: Catalog;
  calendars: Calendars;
  now?: () => number;
  /** Mark the session cookie Secure even without X-Forwarded-Proto: https (behind TLS). */
  secureCookies?: boolean;
  /** Requests per device per minute (default LIMITS.maxDeviceRequestsPerMinute). */
  deviceRequestsPerMinute?: number;
  /** Where unexpected errors (answered 500) are logged; default console.error. */
  logError?: (where: string, err: unknown) => void;
}

type Env = { Variables: { device: AuthedDevice; user: SessionUser } };

export interface Hub {
  app: Hono<Env>;
  /** For serve.ts `handlers`: answers /api/… and returns true, else false. */
  nodeHandler: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

function err(c: Context, status: number, error: string, message: string, field?: string) {
  const body: ApiError = { error, message, ...(field ? { field } : {}) };
  return c.json(body, status as 400);
}

/** Per-process sliding one-minute window per device (each process behind a balancer counts its own). */
function rateLimiter(perMinute: number) {
  const hits = new Map<string, { start: number; n: number }>();
  /** 0 = allowed, else seconds until the device may try again. */
  return (id: string, now: number): number => {
    const h = hits.get(id);
    if (!h || now - h.start >= 60_000) {
      if (hits.size > 100_000) hits.clear();
      hits.set(id, { start: now, n: 1 });
      return 0;
    }
    h.n++;
    return h.n <= perMinute ? 0 : Math.max(1, Math.ceil((h.start + 60_000 - now) / 1000));
  };
}

async function jsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type))
    throw new BadRequest('请求应为 JSON（Content-Type: application/json）', undefined, 400, 'bad_request');
  try {
    return await c.req.json();
  } catch {
    throw new BadRequest('请求不是有效的 JSON', undefined, 400, 'bad_request');
  }
}

export function createHub(opts: HubOptions): Hub {
  const { db, catalog, calendars } = opts;
  const now = opts.now ?? Date.now;
  const allow = rateLimiter(opts.deviceRequestsPerMinute ?? LIMITS.maxDeviceRequestsPerMinute);
  const app = new Hono<Env>();

  app.onError((e, c) => {
    if (e instanceof BadRequest) return c.json(e.body(), e.status);
    if (e instanceof CatalogUnavailable) return err(c, 503, 'unavailable', `平台暂时无法读取已发布内容：${e.message}`);
    (opts.logError ?? ((where, x) => console.error(`[hub] ${where}:`, x)))(`${c.req.method} ${c.req.path}`, e);
    return err(c, 500, 'server_error', '平台内部错误，请稍后重试');
  });
  app.notFound((c) => err(c, 404, 'not_found', '没有这个接口'));

  app.use(
    '/api/*',
    bodyLimit({
      maxSize: LIMITS.maxBodyBytes,
      onError: (c) => err(c, 413, 'too_large', `请求过大（最多 ${LIMITS.maxBodyBytes / 1024} KB），请分批上传`),
    }),
  );
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
  });

  app.get('/api/health', async (c) => {
    const snap = await catalog.current().catch(() => null);
    const dbOk = await ping(db).then(
      () => true,
      () => false,
    );
    // Liveness for a load balancer; says nothing about paths or problems (the hub's log does).
    const ok = snap !== null && dbOk;
    return c.json({ ok, database: dbOk, contentVersion: snap?.version ?? null }, ok ? 200 : 503);
  });

  /* ----------------------------------------------------------------- device */
  // Kiosks may be served from another origin than the hub (?hub=https://…). Device calls carry a
  // bearer token, never a cookie, so any origin may make them; the dashboard API stays same-origin.
  app.use('/api/device/*', cors({ origin: '*', allowMethods: ['POST'], allowHeaders: ['Content-Type', 'Authorization'], maxAge: 86400 }));
  app.post('/api/device/enrol', async (c) => {
    const body = parseOrThrow(EnrolSchema, await jsonBody(c));
    const snap = await catalog.current();
    return c.json(await enrolDevice({ db, calendars, now }, snap, body));
  });

  app.use('/api/device/*', async (c, next) => {
    if (c.req.path === '/api/device/enrol') return next();
    const auth = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    const device = m ? await deviceByToken(db, m[1]) : null;
    if (!device) return err(c, 401, 'unauthorized', '设备未登记或已停用，请重新登记');
    const wait = allow(device.id, now());
    if (wait) {
      c.header('Retry-After', String(wait));
      return err(c, 429, 'rate_limited', `请求过于频繁，请 ${wait} 秒后再试`);
    }
    c.set('device', device);
    await next();
  });

  app.post('/api/device/heartbeat', async (c) => {
    const body = parseOrThrow(HeartbeatSchema, await jsonBody(c));
    return c.json(await recordHeartbeat({ db, calendars, now }, c.get('device'), body));
  });

  app.post('/api/device/ratings', async (c) => {
    const body = parseOrThrow(RatingBatchSchema, await jsonBody(c));
    const snap = await catalog.current();
    return c.json(await ingestRatings({ db, calendars, now }, c.get('device'), snap, body.ratings));
  });

  app.post('/api/device/playlog', async (c) => {
    const body = parseOrThrow(PlayLogBatchSchema, await jsonBody(c));
    const snap = await catalog.current();
    return c.json(await ingestPlayLog({ db, calendars, now }, c.get('device'), snap, body.entries));
  });

  /* ------------------------------------------------------------------ admin */
  const secure = (c: Context) =>
    opts.secureCookies === true || c.req.header('x-forwarded-proto') === 'https' || new URL(c.req.url).protocol === 'https:';

  app.post('/api/admin/login', async (c) => {
    const body = parseOrThrow(LoginSchema, await jsonBody(c));
    const r = await login(db, body.username.trim(), body.password, now());
    if (!r.ok) return err(c, r.status, r.status === 423 ? 'locked' : 'unauthorized', r.message);
    setCookie(c, SESSION_COOKIE, r.token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: secure(c),
      path: '/api/',
      maxAge: SESSION_MS / 1000,
    });
    return c.json(r.user);
  });

  app.use('/api/admin/*', async (c, next) => {
    if (c.req.path === '/api/admin/login') return next();
    const user = await sessionUser(db, getCookie(c, SESSION_COOKIE), now());
    if (!user) return err(c, 401, 'unauthorized', '请先登录');
    // State-changing calls must be JSON: a cross-site form cannot send that (SameSite=Strict does the rest).
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
      return err(c, 415, 'bad_request', '请求应为 JSON');
    }
    c.set('user', user);
    await next();
  });

  app.post('/api/admin/logout', async (c) => {
    await logout(db, getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, { path: '/api/' });
    return c.json({ ok: true });
  });

  app.get('/api/admin/me', (c) => c.json(c.get('user')));

  app.get('/api/admin/sites', async (c) => {
    const snap = await catalog.current();
    return c.json(visibleSites(snap, scopeOf(c.get('user'))).map(({ code, name, kind, parent }) => ({ code, name, kind, parent })));
  });

  app.get('/api/admin/sites/:code/targets', async (c) => {
    const snap = await catalog.current();
    const site = visibleSites(snap, scopeOf(c.get('user'))).find((s) => s.code === c.req.param('code'));
    if (!site) return err(c, 404, 'not_found', '没有这个站点，或无权查看');
    const body: SiteTargetsResponse = {
      targets: {
        window: [...site.windows].map(([id, name]) => ({ id, label: `${id}号窗口 ${name}` })),
        staff: [...site.staff].map(([id, name]) => ({ id, label: name })),
        item: [...site.items].map(([id, name]) => ({ id, label: name })),
      },
      timeZone: snap.county.timeZone,
      demo: snap.county.demo,
    };
    return c.json(body);
  });

  app.get('/api/admin/devices', async (c) => c.json(await listDevices(db, c.get('user'), await catalog.current(), now())));

  app.post('/api/admin/enrolments', async (c) => {
    const body = parseOrThrow(EnrolmentCreateSchema, await jsonBody(c));
    return c.json(await createEnrolment(db, c.get('user'), await catalog.current(), body.siteCode, body.name, now()));
  });

  app.patch('/api/admin/devices/:id', async (c) => {
    const body = parseOrThrow(RenameSchema, await jsonBody(c));
    await renameDevice(db, c.get('user'), c.req.param('id'), body.name, now());
    return c.json({ ok: true });
  });

  app.post('/api/admin/devices/:id/revoke', async (c) => {
    await revokeDevice(db, c.get('user'), c.req.param('id'), now());
    return c.json({ ok: true });
  });

  app.post('/api/admin/devices/:id/commands', async (c) => {
    const body = parseOrThrow(CommandSchema, await jsonBody(c));
    return c.json({ id: await queueCommand(db, c.get('user'), c.req.param('id'), body.kind, now()) });
  });

  app.get('/api/admin/cases', async (c) => {
    const snap = await catalog.current();
    const state = c.req.query('state') as CaseState | undefined;
    return c.json(
      await listCases(
        db,
        c.get('user'),
        snap,
        {
          state: state || undefined,
          overdue: c.req.query('overdue') === '1',
          township: c.req.query('township') || undefined,
          site: c.req.query('site') || undefined,
          fromDate: c.req.query('from') || undefined,
          toDate: c.req.query('to') || undefined,
        },
        now(),
      ),
    );
  });

  app.post('/api/admin/cases/:id', async (c) => {
    const id = Number(c.req.param('id'));
    if (!Number.isSafeInteger(id) || id < 1) throw new BadRequest('工单编号不正确', 'id');
    const body = parseOrThrow(CaseUpdateSchema, await jsonBody(c));
    await updateCase(db, c.get('user'), await catalog.current(), id, body, now());
    return c.json({ ok: true });
  });

  app.get('/api/admin/audit', async (c) => c.json(await listAudit(db, c.get('user'))));

  app.get('/api/admin/reports/:name', async (c) => {
    const snap = await catalog.current();
    const user = c.get('user');
    const param = c.req.param('name');
    const m = /^(satisfaction|cases|publicity|devices)(\.xlsx)?$/.exec(param);
    if (!m) return err(c, 404, 'not_found', '没有这个报表');
    const f = parseFilter((k) => c.req.query(k), snap, now());
    if (m[2]) {
      const { bytes, filename } = await xlsxReport(m[1] as 'satisfaction', { db, user, snap, filter: f, now: now() });
      c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      c.header('Content-Disposition', `attachment; filename="report.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`);
      return c.body(bytes as Uint8Array<ArrayBuffer>);
    }
    switch (m[1]) {
      case 'satisfaction':
        return c.json(await satisfactionReport(db, user, snap, f));
      case 'cases':
        return c.json(await caseFigures(db, user, snap, f, now()));
      case 'publicity':
        return c.json(await publicityReport(db, user, snap, f, now()));
      default:
        return c.json(await listDevices(db, user, snap, now()));
    }
  });

  const listener = getRequestListener(app.fetch);
  return {
    app,
    async nodeHandler(req, res) {
      const url = req.url ?? '/';
      if (!url.startsWith('/api/')) return false;
      await listener(req, res);
      return true;
    },
  };
}

export interface RunningHub {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Serves the hub alone on host:port (0 = any free port). */
export async function listen(hub: Hub, port: number, host = '127.0.0.1'): Promise<RunningHub> {
  const server = createServer((req, res) => {
    hub.nodeHandler(req, res).then(
      (answered) => {
        if (!answered) {
          res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify({ error: 'not_found', message: '没有这个接口' } satisfies ApiError));
        }
      },
      () => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      },
    );
  });
  // Longer than a load balancer's idle timeout, so an idle keep-alive connection is never closed by
  // the hub just as a client reuses it (the "socket hang up" race).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok());
  });
  const addr = server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  return {
    server,
    port: actual,
    url: `http://${host}:${actual}`,
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}
