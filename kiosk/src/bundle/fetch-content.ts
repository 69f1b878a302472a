/**
 * Downloading published content: a site's signed entry point, the parts and assets it lists
 * that are not held yet, and the county index. Everything is verified here before anyone
 * sees it; a failure throws with a Chinese message. Storing and swapping is the store's and
 * the sync's job (this module knows nothing of IndexedDB).
 *
 * The entry point is fetched with `cache: 'no-cache'`: the browser revalidates its cached copy
 * (If-None-Match), so a poll with nothing new costs a 304 of headers only. Parts and assets
 * are immutable (content-addressed) and fetched at most once.
 */
import type { AssetRef, EntryPayload, IndexPayload, PartRef, SiteSummary } from './schema.ts';
import { entryPath, INDEX_PATH, partPath } from './schema.ts';
import { VerificationError, verifyEntry, verifyIndex, verifyPart } from './verify.ts';

/** The server could not be reached or answered with an error. */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** The server has no entry point for this site code (HTTP 404). */
export class UnknownSiteError extends Error {
  constructor(readonly code: string) {
    super(`内容服务器上没有站点代码“${code}”`);
    this.name = 'UnknownSiteError';
  }
}

export interface FetchOptions {
  fetch?: typeof fetch;
  /** Milliseconds before one request is given up. */
  timeoutMs?: number;
}

/** A verified, parsed part (JSON value), keyed by its SHA-256. */
export interface VerifiedPart {
  sha256: string;
  value: unknown;
}

/** A verified image. */
export interface VerifiedAsset {
  path: string;
  sha256: string;
  blob: Blob;
}

async function getBytes(url: string, cache: RequestCache, opts: FetchOptions, maxBytes?: number): Promise<ArrayBuffer> {
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), opts.timeoutMs ?? 30_000);
  try {
    const res = await doFetch(url, { cache, signal: ctrl.signal, credentials: 'omit' });
    if (res.status === 404) throw new NotFound();
    if (!res.ok) throw new NetworkError(`服务器返回错误 ${res.status}：${url}`);
    const length = Number(res.headers.get('content-length') ?? NaN);
    if (maxBytes !== undefined && length > maxBytes && !res.headers.get('content-encoding')) {
      ctrl.abort();
      throw new VerificationError(`文件 ${url} 比签名记录的大（${length} > ${maxBytes} 字节），已拒绝`);
    }
    return await res.arrayBuffer();
  } catch (err) {
    if (err instanceof NetworkError || err instanceof VerificationError || err instanceof NotFound) throw err;
    throw new NetworkError(ctrl.signal.aborted ? `连接服务器超时：${url}` : `无法连接内容服务器：${url}`);
  } finally {
    clearTimeout(timer);
  }
}

class NotFound extends Error {}

/** Downloads and verifies a site's entry point. Throws UnknownSiteError when the server has none. */
export async function fetchEntry(
  base: string,
  siteCode: string,
  publicKey: Uint8Array<ArrayBuffer>,
  opts: FetchOptions = {},
): Promise<{ entry: EntryPayload; bytes: number }> {
  let bytes: ArrayBuffer;
  try {
    bytes = await getBytes(new URL(entryPath(siteCode), base).href, 'no-cache', opts, 4 * 1024 * 1024);
  } catch (err) {
    if (err instanceof NotFound) throw new UnknownSiteError(siteCode);
    throw err;
  }
  const entry = await verifyEntry(new TextDecoder().decode(bytes), publicKey);
  if (entry.site.code !== siteCode) throw new VerificationError(`站点入口文件属于“${entry.site.code}”，不是“${siteCode}”`);
  return { entry, bytes: bytes.byteLength };
}

/** Downloads and verifies the county index (site list). */
export async function fetchIndex(base: string, publicKey: Uint8Array<ArrayBuffer>, opts: FetchOptions = {}): Promise<IndexPayload> {
  try {
    const bytes = await getBytes(new URL(INDEX_PATH, base).href, 'no-cache', opts, 16 * 1024 * 1024);
    return await verifyIndex(new TextDecoder().decode(bytes), publicKey);
  } catch (err) {
    if (err instanceof NotFound) throw new NetworkError(`内容服务器上没有 ${INDEX_PATH}`);
    throw err;
  }
}

/** The site a kiosk shows when none was chosen: the first township, else the first site. */
export function defaultSite(sites: readonly SiteSummary[]): SiteSummary | undefined {
  return sites.find((s) => s.kind === 'township') ?? sites[0];
}

/** Fetches an immutable file and checks size and SHA-256; one retry bypassing the HTTP cache. */
async function getVerified(base: string, path: string, ref: PartRef, opts: FetchOptions): Promise<ArrayBuffer> {
  const url = new URL(path, base).href;
  const get = async (cache: RequestCache) => {
    try {
      return await getBytes(url, cache, opts, ref.bytes);
    } catch (err) {
      if (err instanceof NotFound) throw new NetworkError(`内容服务器上缺少文件 ${path}`);
      throw err;
    }
  };
  const bytes = await get('default');
  try {
    await verifyPart(ref, bytes, path);
    return bytes;
  } catch (err) {
    if (!(err instanceof VerificationError)) throw err;
    const again = await get('reload'); // a stale or broken cache entry
    await verifyPart(ref, again, path);
    return again;
  }
}

/** Runs `fn` over `list`, a few at a time: kiosks sit on thin village lines. */
async function inBatches<T, R>(list: readonly T[], size: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < list.length; i += size) out.push(...(await Promise.all(list.slice(i, i + size).map(fn))));
  return out;
}

/** Downloads, verifies and parses parts (JSON). */
export async function fetchParts(base: string, refs: readonly PartRef[], opts: FetchOptions = {}): Promise<VerifiedPart[]> {
  return inBatches(refs, 6, async (ref) => {
    const path = partPath(ref.sha256);
    const bytes = await getVerified(base, path, ref, opts);
    try {
      return { sha256: ref.sha256, value: JSON.parse(new TextDecoder().decode(bytes)) as unknown };
    } catch {
      throw new VerificationError(`文件 ${path} 不是有效的 JSON`);
    }
  });
}

/** Downloads and verifies images. */
export async function fetchAssets(base: string, refs: readonly AssetRef[], opts: FetchOptions = {}): Promise<VerifiedAsset[]> {
  return inBatches(refs, 4, async (ref) => {
    const buf = await getVerified(base, ref.path, ref, opts);
    return { path: ref.path, sha256: ref.sha256, blob: new Blob([buf], { type: mimeOf(ref.path) }) };
  });
}

const MIME: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  avif: 'image/avif',
};

export function mimeOf(path: string): string {
  return MIME[path.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}
