/**
 * Content sync: shows the last good content at once, then keeps it up to date.
 *
 *   start → stored site record (IndexedDB) → bundle signal                         (works offline)
 *         → check(): sites/<code>.json (no-cache: a 304 when nothing changed) → signature
 *                    → version newer than any made current? → parts and images not held yet
 *                    → sizes + hashes → assemble the SiteBundle
 *                    → applyContent(): one IndexedDB transaction → swap the signals
 *         → next check after `pollSeconds`, or after a back-off (10 s doubling to 5 min) on failure
 *
 * A newer version replaces the content and the one it replaces is kept as last-known-good
 * (rollback()); an older or equal one changes nothing at all; anything that fails verification
 * is refused, logged (console + syncStatus) and the last good content stays.
 * The county index (manifest.json) is read only when no site is chosen or the site is unknown.
 */
import type { AppState, SyncStatus } from './app-state.ts';
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
  type VerifiedAsset,
  type VerifiedPart,
} from '../bundle/fetch-content.ts';
import { VerificationError } from '../bundle/verify.ts';
import { buildStartIndex } from '../search/start-keys.ts';
import { heldPartHashes, loadAssets, loadParts, loadSite, rollbackSite, saveVersion, storedSiteCodes } from '../store/content-store.ts';
import type { KioskDatabase, StoredAsset, StoredSite, StoredVersion } from '../store/db.ts';
import { bringsNewUrgent } from './apply-gate.ts';
import type { ApplyGate } from './apply-gate.ts';

export interface SyncDeps {
  publicKey: Uint8Array<ArrayBuffer>;
  /** Content folder URL (ends with "/"). */
  contentBase: string;
  /** Seconds between checks when all is well. */
  pollSeconds: number;
  /** Opens the kiosk database; when it rejects or times out the kiosk works online only. */
  openDb: () => Promise<KioskDatabase>;
  /** Remembers the site across restarts (localStorage). */
  rememberSite?: (code: string) => void;
  fetchOptions?: FetchOptions;
  /** Called after the site changed (to update the address bar). */
  onSiteChange?: (code: string) => void;
  log?: Pick<Console, 'info' | 'warn' | 'error'>;
  /** Give up opening IndexedDB after this long and work online only (default 8 s). */
  dbOpenTimeoutMs?: number;
  /** Holds a new version until a natural boundary (state/apply-gate.ts); absent = apply at once. */
  gate?: ApplyGate;
}

export const FIRST_RETRY_SECONDS = 10;
const DB_OPEN_TIMEOUT_MS = 8000;
export const MAX_RETRY_SECONDS = 300;

/** Seconds to wait after `failures` consecutive failures. */
export function retryDelaySeconds(failures: number, pollSeconds: number): number {
  const first = Math.min(FIRST_RETRY_SECONDS, pollSeconds);
  return Math.min(first * 2 ** Math.max(0, failures - 1), MAX_RETRY_SECONDS);
}

/** A verified version ready to be made current: everything downloaded, nothing stored yet. */
export interface PreparedContent {
  version: StoredVersion;
  newParts: VerifiedPart[];
  newAssets: VerifiedAsset[];
  /** Every image of the version (held and new), for the views. */
  assets: StoredAsset[];
}

export interface ContentSync {
  start(): Promise<void>;
  /** Runs a check now (or joins the running one); resolves when it is done. */
  checkNow(): Promise<void>;
  selectSite(code: string): void;
  /** Shows the last-known-good version; false when there is none. */
  rollback(): Promise<boolean>;
  stop(): void;
}

function sameParts(a: EntryPayload, b: EntryPayload): boolean {
  const key = (e: EntryPayload) =>
    `${entryPartRefs(e)
      .map((r) => r.sha256)
      .join()}|${e.assets.map((r) => r.sha256).join()}`;
  return key(a) === key(b);
}

export function createContentSync(state: AppState, deps: SyncDeps): ContentSync {
  const log = deps.log ?? console;
  const base = deps.contentBase;
  let db: KioskDatabase | null = null;
  /** What is shown now: the site record (current + previous version) of the current site. */
  let record: StoredSite | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  /** Bumped on site change so a check for the old site does not apply its result. */
  let generation = 0;

  const patch = (p: Partial<SyncStatus>) => {
    state.syncStatus.value = { ...state.syncStatus.value, ...p };
  };

  function show(next: StoredSite, assets: Iterable<StoredAsset>) {
    const sameBundle = state.bundle.value === next.current.bundle;
    record = next;
    state.entry.value = next.current.entry;
    state.hasPrevious.value = !!next.previous;
    if (!sameBundle) {
      const revokeOld = state.assets.install(assets);
      state.bundle.value = next.current.bundle;
      revokeOld();
    }
    state.status.value = 'ready';
  }

  async function showStored(code: string): Promise<boolean> {
    if (!db) return false;
    const stored = await loadSite(db, code).catch(() => undefined);
    if (!stored) return false;
    const assets = await loadAssets(db, stored.current.entry.assets).catch(() => new Map<string, StoredAsset>());
    show(stored, assets.values());
    return true;
  }

  function schedule(seconds: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    patch({ nextCheckAt: Date.now() + seconds * 1000 });
    timer = setTimeout(() => void runCheck(), seconds * 1000);
  }

  function setSite(code: string) {
    if (state.siteCode.value !== code) {
      state.siteCode.value = code;
      deps.onSiteChange?.(code);
    }
  }

  /** Downloads and verifies what `entry` lists and is not held, and assembles its bundle. */
  async function prepareContent(entry: EntryPayload): Promise<PreparedContent> {
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
        base,
        refs.filter((r) => !have.has(r.sha256)),
        deps.fetchOptions,
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
      base,
      entry.assets.filter((a) => !held.has(a.path)),
      deps.fetchOptions,
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

  /**
   * THE one place a verified version becomes current: stored in one transaction (with the
   * previous version kept as last-known-good), then shown.
   */
  async function applyContent(prepared: PreparedContent, gen = generation): Promise<void> {
    const { entry } = prepared.version;
    const shown = record;
    let next: StoredSite = {
      siteCode: entry.site.code,
      current: prepared.version,
      previous: record?.current,
      highestVersion: entry.version,
    };
    if (db) next = await saveVersion(db, prepared.version, prepared.newParts, prepared.newAssets);
    // Stored and verified: later checks compare against it even while it waits to be shown.
    record = next;
    const apply = () => {
      if (gen === generation) show(next, prepared.assets);
    };
    const prevBundle = state.bundle.peek();
    if (deps.gate && shown && prevBundle) {
      // Shown at the next natural boundary (the idle return, the next slide); urgent news at once.
      deps.gate.offer(apply, { version: entry.version, urgent: bringsNewUrgent(prevBundle, next.current.bundle, Date.now()) });
    } else apply();
    log.info(
      `[内容同步] 已更新到版本 ${entry.version}${shown ? `（原版本 ${shown.current.entry.version}）` : ''}，站点 ${entry.site.code}`,
    );
  }

  async function check(gen: number): Promise<void> {
    let code = state.siteCode.value;
    if (code === null) {
      const index = await fetchIndex(base, deps.publicKey, deps.fetchOptions);
      if (gen !== generation) return;
      state.sites.value = index.sites;
      const site = defaultSite(index.sites);
      if (!site) throw new VerificationError('内容清单中没有任何站点');
      code = site.code;
      setSite(code);
    }
    let entry: EntryPayload;
    try {
      entry = (await fetchEntry(base, code, deps.publicKey, deps.fetchOptions)).entry;
    } catch (err) {
      if (!(err instanceof UnknownSiteError)) throw err;
      if (gen !== generation) return;
      if (!record) {
        const index = await fetchIndex(base, deps.publicKey, deps.fetchOptions).catch(() => null);
        if (index && gen === generation) state.sites.value = index.sites;
        state.status.value = 'unknown-site';
      }
      throw new VerificationError(`内容清单中没有站点代码“${code}”`);
    }
    if (gen !== generation) return;
    deps.rememberSite?.(code);
    if (!record && (await showStored(code)) && gen !== generation) return;

    const highest = record?.highestVersion ?? 0;
    if (entry.version <= highest) {
      if (entry.version < highest) log.warn(`[内容同步] 服务器上的版本 ${entry.version} 比本机已有的 ${highest} 旧，已忽略`);
      return;
    }
    const prepared = await prepareContent(entry);
    if (gen !== generation) return;
    await applyContent(prepared, gen);
  }

  async function runCheck(): Promise<void> {
    if (running) return running;
    if (timer) clearTimeout(timer);
    timer = null;
    const gen = generation;
    patch({ checking: true, nextCheckAt: null });
    running = (async () => {
      try {
        await check(gen);
        patch({ checking: false, lastCheckAt: Date.now(), lastSuccessAt: Date.now(), lastError: null, failures: 0 });
        schedule(deps.pollSeconds);
      } catch (err) {
        const message =
          err instanceof VerificationError || err instanceof NetworkError
            ? err.message
            : err instanceof DOMException && err.name === 'QuotaExceededError'
              ? '本机存储空间已满，新内容未能保存，继续显示原有内容'
              : `内容更新失败：${err instanceof Error ? err.message : String(err)}`;
        const failures = state.syncStatus.value.failures + 1;
        if (err instanceof VerificationError) log.error(`[内容同步] ${message}`);
        else log.warn(`[内容同步] ${message}`);
        patch({ checking: false, lastCheckAt: Date.now(), lastError: message, failures });
        if (!record && state.status.value !== 'unknown-site') state.status.value = 'no-content';
        // A refused (tampered) version will not get better by asking faster.
        schedule(err instanceof NetworkError ? retryDelaySeconds(failures, deps.pollSeconds) : deps.pollSeconds);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  return {
    async start() {
      try {
        // A connection blocked by another tab must not leave the kiosk on the loading screen.
        db ??= await Promise.race([
          deps.openDb(),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('打开超时')), deps.dbOpenTimeoutMs ?? DB_OPEN_TIMEOUT_MS)),
        ]);
      } catch (err) {
        log.warn(`[内容同步] 无法打开本机存储，只能联网使用：${String(err)}`);
      }
      let code = state.siteCode.value;
      if (code === null && db) code = (await storedSiteCodes(db).catch(() => []))[0] ?? null;
      if (code !== null && (await showStored(code))) state.siteCode.value = code;
      await runCheck();
    },
    checkNow() {
      return runCheck();
    },
    selectSite(code: string) {
      if (code === state.siteCode.value && state.status.value === 'ready') return;
      generation++;
      record = null;
      state.siteCode.value = code;
      state.bundle.value = null;
      state.entry.value = null;
      state.hasPrevious.value = false;
      state.status.value = 'loading';
      patch({ failures: 0, lastError: null });
      deps.rememberSite?.(code);
      deps.onSiteChange?.(code);
      void (async () => {
        await showStored(code);
        await running;
        await runCheck();
      })();
    },
    async rollback() {
      const held = record;
      if (!held?.previous) return false;
      await running;
      let next: StoredSite | undefined;
      if (db) next = await rollbackSite(db, held.siteCode);
      else next = { ...held, current: held.previous, previous: held.current };
      if (!next || record?.siteCode !== next.siteCode) return false;
      const assets = db ? (await loadAssets(db, next.current.entry.assets)).values() : [];
      show(next, assets);
      log.info(`[内容同步] 已回退到版本 ${next.current.entry.version}（原版本 ${held.current.entry.version}）`);
      return true;
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
