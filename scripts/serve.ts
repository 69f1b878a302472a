/**
 * A small static web server for the built kiosk (dist/) and its content folder.
 *
 *   npm run serve -- [--root dist] [--port 8080] [--host 127.0.0.1] [--content DIR]
 *
 * - `/content/…` is served from `--content` when given (default: <root>/content).
 * - index.html, sw.js, manifest.webmanifest and content/manifest.json: `Cache-Control: no-cache`;
 *   content-addressed files (assets/, content/sites/, content/assets/): immutable for a year.
 * - Unknown files are 404 — index.html is answered only for navigations (paths without a file
 *   extension outside /content/ and /assets/), so HTML can never be cached as CSS or JSON.
 * - Content responses carry `Access-Control-Allow-Origin: *` so kiosks served from another
 *   origin can read them (`?content=<url>`).
 * Logs nothing per request.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

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
const HASHED = /(?:^\/assets\/|^\/content\/sites\/|^\/content\/assets\/)|\.[0-9a-f]{16}\.|-[A-Za-z0-9_-]{8}\.(?:js|css)$/;

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
  /**
   * Tried in order before static files (any method); a handler returns true when it answered
   * the request (e.g. the county hub's /api/ under npm start).
   */
  handlers?: Array<(req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>>;
}

export interface RunningServer {
  server: Server;
  port: number;
  /** http://host:port (no trailing slash) */
  url: string;
  close(): Promise<void>;
}

function cacheControl(urlPath: string): string {
  if (NO_CACHE.has(urlPath) || urlPath.endsWith('/manifest.json')) return 'no-cache';
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

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const root = resolve(opts.root);
  const contentDir = resolve(opts.contentDir ?? join(root, 'content'));
  const host = opts.host ?? '127.0.0.1';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const handler of opts.handlers ?? []) if (await handler(req, res)) return;
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
    const etag = `"${file.size.toString(16)}-${file.mtime.getTime().toString(16)}"`;
    headers['Content-Type'] = MIME_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream';
    headers['Cache-Control'] = cacheControl(logicalPath);
    headers['ETag'] = etag;
    headers['Last-Modified'] = file.mtime.toUTCString();
    if (logicalPath === '/sw.js') headers['Service-Worker-Allowed'] = '/';
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    headers['Content-Length'] = String(file.size);
    res.writeHead(200, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(file.path);
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

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=', 2);
      out[k] = v ?? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'true');
    }
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const root = args.root ?? 'dist';
  const port = Number(args.port ?? process.env.PORT ?? 8080);
  const running = await startServer({
    root,
    port,
    host: args.host ?? process.env.HOST ?? '127.0.0.1',
    contentDir: args.content,
    contentOnly: args['content-only'] === 'true',
  });
  console.log(`静态服务已启动：${running.url}/  （应用目录 ${resolve(root)}）`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error(`无法启动静态服务：${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
