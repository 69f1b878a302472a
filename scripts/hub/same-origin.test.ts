/** Under npm start the hub answers /api/ on the kiosk's own server (serve.ts `handlers`); the rest stays static. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../serve.ts';
import { freshDb, testHub, type TestDb } from './test-support.ts';

describe('hub on the kiosk origin', () => {
  let tdb: TestDb;
  const root = mkdtempSync(join(tmpdir(), 'hub-origin-'));
  afterAll(async () => {
    await tdb?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('routes /api/ (any method) to the hub and everything else to the static files', async () => {
    tdb = await freshDb('sqlite');
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>查询机</title>');
    const hub = testHub(tdb.db, Date.now);
    const server = await startServer({ root, port: 0, handlers: [hub.nodeHandler] });
    try {
      const page = await fetch(`${server.url}/`);
      expect(await page.text()).toContain('查询机');
      const login = await fetch(`${server.url}/api/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'nobody', password: 'wrong-password' }),
      });
      expect(login.status).toBe(401);
      expect(await login.json()).toEqual({ error: 'unauthorized', message: '用户名或密码不正确' });
      const health = await fetch(`${server.url}/api/health`);
      expect(await health.json()).toEqual({ ok: true, database: true, contentVersion: 7 });
      const post = await fetch(`${server.url}/index.html`, { method: 'POST' });
      expect(post.status).toBe(405);
    } finally {
      await server.close();
    }
  });
});
