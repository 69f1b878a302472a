/**
 * A small static web server for the built kiosk (dist/) and its content folder.
 *
 *   npm run serve -- [--root dist] [--port 8080] [--host 127.0.0.1] [--content DIR]
 *
 * - `/content/…` is served from `--content` when given (default: <root>/content).
 * - index.html, sw.js, manifest.webmanifest, content/manifest.json and the entry points
 *   content/sites/<code>.json: `Cache-Control: no-cache` (revalidated on every use);
 *   content-addressed files (assets/, content/parts/, content/assets/): immutable for a year.
 * - Strong ETag from the SHA-256 of the file's bytes; If-None-Match → 304 with headers only.
 * - gzip / brotli: a `<file>.br` or `<file>.gz` beside the file (the publisher writes them) is
 *   sent when the client accepts it (`Vary: Accept-Encoding`); nothing is compressed per request.
 * - `handlers`: extra request handlers (e.g. the hub API) tried before the static files.
 * - Unknown files are 404 — index.html is answered only for navigations (paths without a file
 *   extension outside /content/ and /assets/), so HTML can never be cached as CSS or JSON.
 * - Content responses carry `Access-Control-Allow-Origin: *` so kiosks served from another
 *   origin can read them (`?content=<url>`).
 * Logs nothing per request.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { CliError, isMain, runCli } from './cli.ts';

export const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

const NO_CACHE = new Set(['/index.html', '/sw.js', '/manifest.webmanifest', '/content/manifest.json']);
const ENTRY_POINT = /^\/content\/sites\/[^/]+\.json$/;
const HASHED = /(?:^\/assets\/|^\/content\/parts\/|^\/content\/assets\/)|\.[0-9a-f]{16}\.|-[A-Za-z0-9_-]{8}\.(?:js|css)$/;

/** A request handler tried before the static files; true = it has answered. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export interface ServerOptions {
  /** Folder with the built app (index.html, sw.js, assets/). */
  root: string;
  /** 0 = any free port. */
  port?: number;
  host?: string;
  /** Folder served at /content/ (default <root>/content). */
  contentDir?: string;
  /** Serve this folder at the root instead of the app: a bare content server (CORS on). */
  contentOnly?: boolean;
  /** Tried in order before the static files (any method); a handler returning true has answered. */
  handlers?: RequestHandler[];
}

export interface RunningServer {
  server: Server;
  port: number;
  /** http://host:port (no trailing slash) */
  url: string;
  close(): Promise<void>;
}

function cacheControl(urlPath: string): string {
  if (NO_CACHE.has(urlPath) || urlPath.endsWith('/manifest.json') || ENTRY_POINT.test(urlPath)) return 'no-cache';
  if (HASHED.test(urlPath)) return 'public, max-age=31536000, immutable';
  return 'no-cache';
}

/** Resolves a URL path inside a folder, or null when it would escape it. */
function inside(dir: string, rel: string): string | null {
  const full = normalize(join(dir, rel));
  return full === dir || full.startsWith(dir.endsWith(sep) ? dir : dir + sep) ? full : null;
}

async function fileAt(path: string | null): Promise<{ path: string; size: number; mtime: Date } | null> {
  if (!path) return null;
  try {
    const s = await stat(path);
    return s.isFile() ? { path, size: s.size, mtime: s.mtime } : null;
  } catch {
    return null;
  }
}

/** Strong ETags from file contents, remembered while size and mtime stay the same. */
const etags = new Map<string, { key: string; etag: string }>();
async function strongEtag(file: { path: string; size: number; mtime: Date }, suffix = ''): Promise<string> {
  const key = `${file.size}:${file.mtime.getTime()}`;
  const known = etags.get(file.path);
  if (known?.key === key) return known.etag;
  const hash = createHash('sha256')
    .update(await readFile(file.path))
    .digest('base64url')
    .slice(0, 27);
  const etag = `"${hash}${suffix}"`;
  if (etags.size > 20_000) etags.clear();
  etags.set(file.path, { key, etag });
  return etag;
}

/** The encodings a client accepts among ours, best first ("br", "gzip"). */
function acceptedEncodings(header: string | string[] | undefined): string[] {
  const text = (Array.isArray(header) ? header.join(',') : (header ?? '')).toLowerCase();
  const ok = (name: string) => text.split(',').some((p) => p.trim().split(';')[0] === name && !/;\s*q=0(\.0*)?\s*$/.test(p.trim()));
  return [...(ok('br') ? ['br'] : []), ...(ok('gzip') ? ['gzip'] : [])];
}

/** Does an If-None-Match header match this ETag (a list, weak or not, or "*")? */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const root = resolve(opts.root);
  const contentDir = resolve(opts.contentDir ?? join(root, 'content'));
  const host = opts.host ?? '127.0.0.1';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const h of opts.handlers ?? []) if (await h(req, res)) return;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (urlPath.includes('\0')) {
      res.writeHead(400).end();
      return;
    }

    let file;
    let isContent = false;
    let logicalPath = urlPath;
    if (opts.contentOnly) {
      isContent = true;
      logicalPath = '/content' + urlPath;
      file = await fileAt(inside(contentDir, urlPath));
    } else if (urlPath === '/content' || urlPath.startsWith('/content/')) {
      isContent = true;
      file = await fileAt(inside(contentDir, urlPath.slice('/content'.length)));
    } else {
      if (urlPath.endsWith('/')) logicalPath = urlPath + 'index.html';
      file = await fileAt(inside(root, logicalPath));
      const navigation = !extname(urlPath) && !urlPath.startsWith('/assets/');
      if (!file && navigation) {
        logicalPath = '/index.html';
        file = await fileAt(join(root, 'index.html'));
      }
    }

    const headers: Record<string, string> = { 'X-Content-Type-Options': 'nosniff' };
    if (isContent) headers['Access-Control-Allow-Origin'] = '*';
    if (!file) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : '404 未找到');
      return;
    }
    headers['Content-Type'] = MIME_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream';
    headers['Cache-Control'] = cacheControl(logicalPath);
    if (isContent) headers['Access-Control-Expose-Headers'] = 'ETag, Content-Encoding';
    // A compressed copy written beside the file (publisher), when the client takes it.
    let body = file;
    let suffix = '';
    const copies = { br: await fileAt(`${file.path}.br`), gzip: await fileAt(`${file.path}.gz`) };
    if (copies.br || copies.gzip) {
      headers['Vary'] = 'Accept-Encoding';
      for (const enc of acceptedEncodings(req.headers['accept-encoding'])) {
        const copy = copies[enc as keyof typeof copies];
        if (copy) {
          body = copy;
          suffix = enc === 'br' ? '-br' : '-gz';
          headers['Content-Encoding'] = enc;
          break;
        }
      }
    }
    const etag = await strongEtag(body, suffix);
    headers['ETag'] = etag;
    headers['Last-Modified'] = file.mtime.toUTCString();
    if (logicalPath === '/sw.js') headers['Service-Worker-Allowed'] = '/';
    if (etagMatches(req.headers['if-none-match'], etag)) {
      delete headers['Content-Encoding'];
      res.writeHead(304, headers).end();
      return;
    }
    headers['Content-Length'] = String(body.size);
    res.writeHead(200, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(body.path);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, host, () => ok());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : (opts.port ?? 0);
  return {
    server,
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}

const SERVE_USAGE = `用法：npm run serve -- [--root 应用文件夹] [--port 端口] [--host 地址] [--content 内容文件夹] [--content-only]

  --root DIR       构建好的查询机程序，默认 dist/
  --port N         端口，默认环境变量 PORT，再默认 8080（0 = 任选一个空闲端口）
  --host ADDR      监听地址，默认环境变量 HOST，再默认 127.0.0.1
  --content DIR    内容文件夹（/content/），默认 <应用文件夹>/content
  --content-only   只提供内容文件夹（在 / 下，允许跨域），供 ?content=<地址> 使用`;

const SERVE_CLI = {
  usage: SERVE_USAGE,
  failure: '无法启动静态服务',
  options: {
    root: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    content: { type: 'string' },
    'content-only': { type: 'boolean' },
  },
} as const;

if (isMain(import.meta.url)) {
  void runCli(SERVE_CLI, async ({ values: args }) => {
    const root = args.root ?? 'dist';
    const portText = args.port ?? process.env.PORT ?? '8080';
    const port = Number(portText);
    if (!/^\d+$/.test(portText) || port > 65535) throw new CliError(`端口「${portText}」不对：应是 0–65535 之间的整数`, 2);
    const running = await startServer({
      root,
      port,
      host: args.host ?? process.env.HOST ?? '127.0.0.1',
      contentDir: args.content,
      contentOnly: args['content-only'] ?? false,
    });
    console.log(`静态服务已启动：${running.url}/  （应用目录 ${resolve(root)}）`);
    const stop = () => void running.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
