/**
 * Downloading published content: the signed manifest, one site's bundle and the assets it
 * refers to. Everything is verified here before anyone sees it; a failure throws with a
 * Chinese message and leaves nothing behind. Storing and swapping is state/sync.ts's job.
 */
import type { ManifestPayload, ManifestSite, PartRef, SiteBundle } from './schema.ts';
import { FORMAT_VERSION } from './schema.ts';
import { VerificationError, verifyManifest, verifyPart } from './verify.ts';
import { referencedAssets } from './assets.ts';
import type { StoredAsset } from '../store/db.ts';

/** The server could not be reached or answered with an error. */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

export interface FetchOptions {
  fetch?: typeof fetch;
  /** Milliseconds before one request is given up. */
  timeoutMs?: number;
}

async function getBytes(url: string, cache: RequestCache, opts: FetchOptions): Promise<ArrayBuffer> {
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), opts.timeoutMs ?? 30_000);
  try {
    const res = await doFetch(url, { cache, signal: ctrl.signal, credentials: 'omit' });
    if (!res.ok) throw new NetworkError(`服务器返回错误 ${res.status}：${url}`);
    return await res.arrayBuffer();
  } catch (err) {
    if (err instanceof NetworkError) throw err;
    throw new NetworkError(ctrl.signal.aborted ? `连接服务器超时：${url}` : `无法连接内容服务器：${url}`);
  } finally {
    clearTimeout(timer);
  }
}

/** Fetches a content-addressed part and checks size and SHA-256; one retry bypassing the HTTP cache. */
async function getVerifiedPart(base: string, ref: PartRef, opts: FetchOptions): Promise<ArrayBuffer> {
  const url = new URL(ref.path, base).href;
  const bytes = await getBytes(url, 'default', opts);
  try {
    await verifyPart(ref, bytes);
    return bytes;
  } catch (err) {
    if (!(err instanceof VerificationError)) throw err;
    const again = await getBytes(url, 'reload', opts); // a stale or broken cache entry
    await verifyPart(ref, again);
    return again;
  }
}

/** Downloads manifest.json (never from a cache) and verifies its signature. */
export async function fetchManifest(base: string, publicKey: Uint8Array<ArrayBuffer>, opts: FetchOptions = {}): Promise<ManifestPayload> {
  const bytes = await getBytes(new URL('manifest.json', base).href, 'no-store', opts);
  return verifyManifest(new TextDecoder().decode(bytes), publicKey);
}

/** The site a kiosk shows when none was chosen: the first township, else the first site. */
export function defaultSite(manifest: ManifestPayload): ManifestSite | undefined {
  return manifest.sites.find((s) => s.kind === 'township') ?? manifest.sites[0];
}

export interface DownloadedSite {
  bundle: SiteBundle;
  /** Assets this bundle refers to (all of them, whether downloaded now or already held). */
  assetRefs: PartRef[];
  /** Newly downloaded and verified assets. */
  newAssets: StoredAsset[];
}

/**
 * Downloads one site's bundle and every asset it refers to that is not already held
 * (`have(ref)` says whether a verified copy with that hash is stored), verifying each.
 */
export async function fetchSite(
  base: string,
  manifest: ManifestPayload,
  site: ManifestSite,
  have: (ref: PartRef) => boolean,
  opts: FetchOptions = {},
): Promise<DownloadedSite> {
  const bytes = await getVerifiedPart(base, site, opts);
  const text = new TextDecoder().decode(bytes);
  let bundle: SiteBundle;
  try {
    bundle = JSON.parse(text) as SiteBundle;
  } catch {
    throw new VerificationError(`站点数据 ${site.path} 不是有效的 JSON`);
  }
  if (bundle?.format !== FORMAT_VERSION || bundle.site?.code !== site.code || !Array.isArray(bundle.items)) {
    throw new VerificationError(`站点数据 ${site.path} 与内容清单不符`);
  }
  const assetRefs = referencedAssets(text, manifest.assets);
  const missing = assetRefs.filter((r) => !have(r));
  const newAssets: StoredAsset[] = [];
  // A few at a time: kiosks sit on thin village lines.
  for (let i = 0; i < missing.length; i += 4) {
    const batch = missing.slice(i, i + 4);
    const got = await Promise.all(batch.map((r) => getVerifiedPart(base, r, opts)));
    got.forEach((buf, j) =>
      newAssets.push({ path: batch[j].path, sha256: batch[j].sha256, blob: new Blob([buf], { type: mimeOf(batch[j].path) }) }),
    );
  }
  return { bundle, assetRefs, newAssets };
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
