/**
 * The network half of the content sync (state/sync.ts), loaded on the first check: fetching and
 * verifying the entry point, the parts and the images, assembling the SiteBundle and building its
 * start-key lookup. A kiosk that starts with stored content shows it without any of this code
 * (sync.ts runs its first check once the first screen is up).
 */
import type { EntryPayload, PartRef } from '../bundle/schema.ts';
import { allPartRefs, assembleBundle, entryPartRefs, siteParts } from '../bundle/assemble.ts';
import {
  defaultSite,
  fetchAssets,
  fetchEntry,
  fetchIndex,
  fetchParts,
  NetworkError,
  UnknownSiteError,
  type FetchOptions,
  type VerifiedPart,
} from '../bundle/fetch-content.ts';
import { base64ToBytes, VerificationError } from '../bundle/verify.ts';
import { buildStartIndex } from '../search/start-keys.ts';
import { heldPartHashes, loadAssets, loadParts } from '../store/content-store.ts';
import type { KioskDatabase, StoredAsset, StoredSite } from '../store/db.ts';
import type { AppState } from './app-state.ts';
import type { PreparedContent } from './sync.ts';

/** What one check needs from the sync that runs it (its closure's state, read when needed). */
export interface CheckContext {
  state: AppState;
  base: string;
  /** Raw Ed25519 public key, or its base64. */
  publicKey: Uint8Array<ArrayBuffer> | string;
  fetchOptions?: FetchOptions;
  rememberSite?: (code: string) => void;
  log: Pick<Console, 'warn'>;
  db(): KioskDatabase | null;
  /** The site record shown now. */
  record(): StoredSite | null;
  /** The sync's generation now (bumped on a site change). */
  generation(): number;
  setSite(code: string): void;
  showStored(code: string): Promise<boolean>;
  applyContent(prepared: PreparedContent, gen: number): Promise<void>;
}

function sameParts(a: EntryPayload, b: EntryPayload): boolean {
  const key = (e: EntryPayload) =>
    `${entryPartRefs(e)
      .map((r) => r.sha256)
      .join()}|${e.assets.map((r) => r.sha256).join()}`;
  return key(a) === key(b);
}

/** Downloads and verifies what `entry` lists and is not held, and assembles its bundle. */
async function prepareContent(ctx: CheckContext, entry: EntryPayload): Promise<PreparedContent> {
  const db = ctx.db();
  const record = ctx.record();
  const held = db ? await loadAssets(db, entry.assets).catch(() => new Map<string, StoredAsset>()) : new Map<string, StoredAsset>();
  if (record && sameParts(record.current.entry, entry)) {
    // A re-signed entry point (new expiry, nothing else): only the entry point was downloaded.
    return {
      version: { entry, bundle: record.current.bundle, parts: record.current.parts, storedAt: Date.now() },
      newParts: [],
      newAssets: [],
      assets: [...held.values()],
    };
  }
  // Two rounds: the parts the entry point names (site, departments, lists), then the lists' members.
  const values = new Map<string, unknown>();
  const newParts: VerifiedPart[] = [];
  const fetchMissing = async (list: readonly PartRef[]) => {
    const refs = [...new Map(list.map((r) => [r.sha256, r])).values()];
    const hashes = refs.map((r) => r.sha256);
    const have = db ? await heldPartHashes(db, hashes).catch(() => new Set<string>()) : new Set<string>();
    const got = await fetchParts(
      ctx.base,
      refs.filter((r) => !have.has(r.sha256)),
      ctx.fetchOptions,
    );
    const stored = db && have.size > 0 ? await loadParts(db, [...have]) : new Map<string, unknown>();
    for (const [h, v] of stored) values.set(h, v);
    for (const p of got) {
      values.set(p.sha256, p.value);
      newParts.push(p);
    }
    const missing = refs.find((r) => !values.has(r.sha256));
    if (missing) throw new VerificationError(`内容文件 ${missing.sha256.slice(0, 16)} 缺失，请稍后重试`);
  };
  const named = entryPartRefs(entry);
  await fetchMissing(named);
  const all = allPartRefs(entry, (h) => values.get(h));
  await fetchMissing(all.slice(named.length));
  const newAssets = await fetchAssets(
    ctx.base,
    entry.assets.filter((a) => !held.has(a.path)),
    ctx.fetchOptions,
  );
  const assembled = assembleBundle(
    entry,
    siteParts(entry, (h) => values.get(h)),
  );
  // The start-key lookup over the site's search entries: built once per version, stored with it.
  const bundle = { ...assembled, searchIndex: buildStartIndex(assembled.search) };
  const parts = [...new Set(all.map((r) => r.sha256))];
  return { version: { entry, bundle, parts, storedAt: Date.now() }, newParts, newAssets, assets: [...held.values(), ...newAssets] };
}

/** One update check for generation `gen`: the entry point, and a newer version made current. */
export async function check(ctx: CheckContext, gen: number): Promise<void> {
  const { state } = ctx;
  const publicKey = typeof ctx.publicKey === 'string' ? base64ToBytes(ctx.publicKey) : ctx.publicKey;
  let code = state.siteCode.value;
  if (code === null) {
    const index = await fetchIndex(ctx.base, publicKey, ctx.fetchOptions);
    if (gen !== ctx.generation()) return;
    state.sites.value = index.sites;
    const site = defaultSite(index.sites);
    if (!site) throw new VerificationError('内容清单中没有任何站点');
    code = site.code;
    ctx.setSite(code);
  }
  let entry: EntryPayload;
  try {
    entry = (await fetchEntry(ctx.base, code, publicKey, ctx.fetchOptions)).entry;
  } catch (err) {
    if (!(err instanceof UnknownSiteError)) throw err;
    if (gen !== ctx.generation()) return;
    if (!ctx.record()) {
      const index = await fetchIndex(ctx.base, publicKey, ctx.fetchOptions).catch(() => null);
      if (index && gen === ctx.generation()) state.sites.value = index.sites;
      state.status.value = 'unknown-site';
    }
    throw new VerificationError(`内容清单中没有站点代码“${code}”`);
  }
  if (gen !== ctx.generation()) return;
  ctx.rememberSite?.(code);
  if (!ctx.record() && (await ctx.showStored(code)) && gen !== ctx.generation()) return;

  const highest = ctx.record()?.highestVersion ?? 0;
  if (entry.version <= highest) {
    if (entry.version < highest) ctx.log.warn(`[内容同步] 服务器上的版本 ${entry.version} 比本机已有的 ${highest} 旧，已忽略`);
    return;
  }
  const prepared = await prepareContent(ctx, entry);
  if (gen !== ctx.generation()) return;
  await ctx.applyContent(prepared, gen);
}

/** How a failed check is told to staff, and whether it is worth asking again soon. */
export function describeFailure(err: unknown): { message: string; verification: boolean; network: boolean } {
  const verification = err instanceof VerificationError;
  const network = err instanceof NetworkError;
  const message =
    verification || network
      ? (err as Error).message
      : err instanceof DOMException && err.name === 'QuotaExceededError'
        ? '本机存储空间已满，新内容未能保存，继续显示原有内容'
        : `内容更新失败：${err instanceof Error ? err.message : String(err)}`;
  return { message, verification, network };
}
