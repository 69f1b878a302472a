import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { startServer, type RunningServer } from './serve.ts';

const ENTRY = JSON.stringify({ format: 'bianmin-entry', payload: '办事指南'.repeat(100) });
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
  await writeFile(join(root, 'content', 'sites', 'baihe.json'), ENTRY);
  await writeFile(join(root, 'content', 'sites', 'baihe.json.gz'), gzipSync(ENTRY));
  await writeFile(join(root, 'content', 'sites', 'baihe.json.br'), brotliCompressSync(ENTRY));
  await mkdir(join(root, 'content', 'parts'));
  await writeFile(join(root, 'content', 'parts', '0123456789abcdef.json'), '{"name":"低保"}');
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
    for (const p of ['/', '/index.html', '/sw.js', '/manifest.webmanifest', '/content/manifest.json', '/content/sites/baihe.json']) {
      expect((await get(p)).headers.get('cache-control'), p).toBe('no-cache');
    }
    for (const p of ['/assets/index-AbCd1234.js', '/content/parts/0123456789abcdef.json']) {
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

  it('sends the compressed copy the client accepts, with Vary, and a strong ETag per representation', async () => {
    const raw = (path: string, headers: Record<string, string>) =>
      new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((ok, fail) => {
        const req = request(server.url + path, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on('error', fail);
        req.end();
      });
    const br = await raw('/content/sites/baihe.json', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).toString()).toBe(ENTRY);
    expect(br.body.length).toBeLessThan(Buffer.byteLength(ENTRY) / 4);
    const gz = await raw('/content/sites/baihe.json', { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(ENTRY);
    const plain = await raw('/content/sites/baihe.json', {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(ENTRY);
    const tags = [br, gz, plain].map((r) => String(r.headers.etag));
    expect(new Set(tags).size).toBe(3);
    for (const t of tags) expect(t).toMatch(/^"[A-Za-z0-9_-]+"$/); // strong: no W/
    // revalidation: 304 with headers only
    const again = await raw('/content/sites/baihe.json', { 'Accept-Encoding': 'gzip, br', 'If-None-Match': tags[0] });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('tries extra request handlers first; a handler returning true has answered', async () => {
    const api = await startServer({
      root,
      port: 0,
      handlers: [
        (req, res) => {
          if (!req.url?.startsWith('/api/')) return false;
          res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
          return true;
        },
      ],
    });
    try {
      expect(await (await fetch(`${api.url}/api/ping`, { method: 'POST' })).json()).toEqual({ ok: true });
      expect((await fetch(`${api.url}/index.html`)).status).toBe(200);
    } finally {
      await api.close();
    }
  });
});
