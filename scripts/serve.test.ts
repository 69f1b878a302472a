import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from './serve.ts';

let root: string;
let server: RunningServer;
let contentOnly: RunningServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'serve-test-'));
  await mkdir(join(root, 'assets'));
  await mkdir(join(root, 'content', 'sites'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>kiosk</title>');
  await writeFile(join(root, 'sw.js'), 'self.x = 1;');
  await writeFile(join(root, 'manifest.webmanifest'), '{}');
  await writeFile(join(root, 'assets', 'index-AbCd1234.js'), 'console.log(1)');
  await writeFile(join(root, 'assets', 'index-AbCd1234.css'), 'body{}');
  await writeFile(join(root, 'content', 'manifest.json'), '{"format":"bianmin-manifest"}');
  await writeFile(join(root, 'content', 'sites', 'baihe.0123456789abcdef.json'), '{"site":"白鹤镇"}');
  await writeFile(join(root, 'secret.txt'), 'outside content');
  server = await startServer({ root, port: 0 });
  contentOnly = await startServer({ root, port: 0, contentDir: join(root, 'content'), contentOnly: true });
});
afterAll(async () => {
  await server.close();
  await contentOnly.close();
});

const get = (path: string, s = () => server) => fetch(s().url + path);

describe('static server', () => {
  it('serves files with their MIME types', async () => {
    expect((await get('/assets/index-AbCd1234.js')).headers.get('content-type')).toMatch('text/javascript');
    expect((await get('/assets/index-AbCd1234.css')).headers.get('content-type')).toMatch('text/css');
    expect((await get('/manifest.webmanifest')).headers.get('content-type')).toMatch('application/manifest+json');
    const site = await get('/content/sites/baihe.0123456789abcdef.json');
    expect(site.headers.get('content-type')).toMatch('application/json');
    expect(await site.text()).toBe('{"site":"白鹤镇"}');
  });

  it('never caches the entry points and the content manifest, caches hashed files for a year', async () => {
    for (const p of ['/', '/index.html', '/sw.js', '/manifest.webmanifest', '/content/manifest.json']) {
      expect((await get(p)).headers.get('cache-control'), p).toBe('no-cache');
    }
    for (const p of ['/assets/index-AbCd1234.js', '/content/sites/baihe.0123456789abcdef.json']) {
      expect((await get(p)).headers.get('cache-control'), p).toBe('public, max-age=31536000, immutable');
    }
  });

  it('answers unknown files with 404, never with index.html', async () => {
    for (const p of ['/assets/missing.css', '/content/missing.json', '/content/sites/x.json', '/missing.js', '/assets/deep/page']) {
      const res = await get(p);
      expect(res.status, p).toBe(404);
      expect(res.headers.get('content-type'), p).not.toMatch('text/html');
    }
  });

  it('answers navigations (paths without an extension) with index.html', async () => {
    const res = await get('/some/page');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>kiosk</title>');
  });

  it('does not leave its folder', async () => {
    const res = await fetch(`${server.url}/content/..%2Fsecret.txt`);
    expect(res.status).toBe(404);
    // The URL parser turns %2e%2e into .. and resolves it: a navigation to /etc/passwd gets the app.
    expect(await (await get('/%2e%2e/%2e%2e/etc/passwd')).text()).toContain('<title>kiosk</title>');
    // A raw request line that a browser would never send, aiming at a file next to the root.
    const outside = join(root, '..', `outside-${process.pid}.txt`);
    await writeFile(outside, 'SECRET');
    const body = await new Promise<string>((resolve) => {
      void import('node:http').then(({ request }) => {
        const req = request({ host: '127.0.0.1', port: server.port, path: `/../outside-${process.pid}.txt` }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve(text));
        });
        req.end();
      });
    });
    expect(body).not.toContain('SECRET');
  });

  it('answers 304 to a matching ETag', async () => {
    const first = await get('/content/manifest.json');
    const etag = first.headers.get('etag')!;
    const again = await fetch(`${server.url}/content/manifest.json`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it('serves a bare content folder with CORS for kiosks on another origin', async () => {
    const res = await get('/manifest.json', () => contentOnly);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect((await get('/index.html', () => contentOnly)).status).toBe(404);
  });
});
