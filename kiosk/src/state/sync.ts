/**
 * Content sync: shows the last good content at once, then keeps it up to date.
 *
 *   start → stored content of the site (IndexedDB) → bundle signal     (works offline)
 *         → check(): manifest (no-store) → signature → site → bundle + assets → hashes
 *                    → one IndexedDB transaction → swap bundle signal
 *         → next check after `pollSeconds`, or after a back-off (10 s doubling to 5 min) on failure
 *
 * A newer version replaces the content; an older or equal one is ignored; anything that fails
 * verification is refused, logged (console + syncStatus) and the last good content stays.
 */
import type { AppState, SyncStatus } from './app-state.ts';
import type { ManifestPayload, ManifestSite } from '../bundle/schema.ts';
import { defaultSite, fetchManifest, fetchSite, NetworkError, type FetchOptions } from '../bundle/fetch-content.ts';
import { VerificationError } from '../bundle/verify.ts';
import { installAssets, setAssetBase } from '../bundle/assets.ts';
import { loadAssets, loadContent, referencedAssets, saveContent, storedSiteCodes } from '../store/content-store.ts';
import type { KioskDatabase, StoredAsset, StoredContent } from '../store/db.ts';
import { rememberSite } from '../app/config.ts';
import { bringsNewUrgent, type ApplyGate } from './apply-gate.ts';

export interface SyncDeps {
  publicKey: Uint8Array<ArrayBuffer>;
  /** null when IndexedDB cannot be opened: the kiosk then works online only. */
  openDb: () => Promise<KioskDatabase>;
  storage: Pick<Storage, 'setItem'> | null;
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

export interface ContentSync {
  start(): Promise<void>;
  checkNow(): void;
  selectSite(code: string): void;
  stop(): void;
}

export function createContentSync(state: AppState, deps: SyncDeps): ContentSync {
  const log = deps.log ?? console;
  const base = state.config.contentBase;
  setAssetBase(base);
  let db: KioskDatabase | null = null;
  /** What is shown now: the stored record (manifest + bundle) of the current site. */
  let current: StoredContent | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  /** Bumped on site change so a check for the old site does not apply its result. */
  let generation = 0;

  const patch = (p: Partial<SyncStatus>) => {
    state.syncStatus.value = { ...state.syncStatus.value, ...p };
  };

  function show(content: StoredContent, assets: Iterable<StoredAsset>, sameBundle = false) {
    current = content;
    state.manifest.value = content.manifest;
    if (state.sites.value !== content.manifest.sites) state.sites.value = content.manifest.sites;
    if (!sameBundle || state.bundle.value !== content.bundle) {
      const revokeOld = installAssets(assets);
      state.bundle.value = content.bundle;
      revokeOld();
    }
    state.status.value = 'ready';
  }

  async function showStored(code: string): Promise<boolean> {
    if (!db) return false;
    const stored = await loadContent(db, code).catch(() => undefined);
    if (!stored) return false;
    const refs = referencedAssets(JSON.stringify(stored.bundle), stored.manifest.assets);
    const assets = await loadAssets(db, refs).catch(() => new Map<string, StoredAsset>());
    show(stored, assets.values());
    return true;
  }

  function schedule(seconds: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    patch({ nextCheckAt: Date.now() + seconds * 1000 });
    timer = setTimeout(() => void runCheck(), seconds * 1000);
  }

  function chooseSite(manifest: ManifestPayload): ManifestSite | undefined {
    const code = state.siteCode.value;
    if (code === null) return defaultSite(manifest);
    return manifest.sites.find((s) => s.code === code);
  }

  async function check(gen: number): Promise<void> {
    const manifest = await fetchManifest(base, deps.publicKey, deps.fetchOptions);
    if (gen !== generation) return;
    state.sites.value = manifest.sites;
    const site = chooseSite(manifest);
    if (!site) {
      const code = state.siteCode.value ?? '';
      if (!current) state.status.value = 'unknown-site';
      throw new VerificationError(`内容清单中没有站点代码“${code}”`);
    }
    if (state.siteCode.value !== site.code) {
      state.siteCode.value = site.code;
      deps.onSiteChange?.(site.code);
    }
    rememberSite(deps.storage, site.code);
    if (!current && (await showStored(site.code)) && gen !== generation) return;

    if (current && current.manifest.version >= manifest.version) {
      if (current.manifest.version > manifest.version) {
        log.warn(`[内容同步] 服务器上的版本 ${manifest.version} 比本机的 ${current.manifest.version} 旧，已忽略`);
      }
      return;
    }

    const prevRef = current?.manifest.sites.find((s) => s.code === site.code);
    const sameBundle = !!current && prevRef?.sha256 === site.sha256;
    let held = new Map<string, StoredAsset>();
    if (db) held = await loadAssets(db, manifest.assets).catch(() => held);
    const dl =
      sameBundle && current
        ? {
            bundle: current.bundle,
            assetRefs: referencedAssets(JSON.stringify(current.bundle), manifest.assets),
            newAssets: [] as StoredAsset[],
          }
        : await fetchSite(base, manifest, site, (r) => held.has(r.path), deps.fetchOptions);
    if (gen !== generation) return;

    const content: StoredContent = { siteCode: site.code, manifest, bundle: dl.bundle, storedAt: Date.now() };
    if (db) await saveContent(db, content, dl.newAssets);
    if (gen !== generation) return;
    const all = new Map(held);
    for (const a of dl.newAssets) all.set(a.path, a);
    const assets = dl.assetRefs.map((r) => all.get(r.path)).filter((a): a is StoredAsset => !!a);
    const from = current?.manifest.version;
    const prevBundle = current?.bundle ?? null;
    const apply = () => {
      if (gen === generation) show(content, assets, sameBundle);
    };
    if (deps.gate && current) {
      // Stored and verified; shown at the next boundary (urgent news at once).
      current = content;
      deps.gate.offer(apply, { version: manifest.version, urgent: bringsNewUrgent(prevBundle, content.bundle, Date.now()) });
    } else apply();
    log.info(`[内容同步] 已更新到版本 ${manifest.version}${from ? `（原版本 ${from}）` : ''}，站点 ${site.code}`);
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
        schedule(state.config.pollSeconds);
      } catch (err) {
        const message =
          err instanceof VerificationError || err instanceof NetworkError
            ? err.message
            : `内容更新失败：${err instanceof Error ? err.message : String(err)}`;
        const failures = state.syncStatus.value.failures + 1;
        if (err instanceof VerificationError) log.error(`[内容同步] ${message}`);
        else log.warn(`[内容同步] ${message}`);
        patch({ checking: false, lastCheckAt: Date.now(), lastError: message, failures });
        if (!current && state.status.value !== 'unknown-site') state.status.value = 'no-content';
        // A refused (tampered) version will not get better by asking faster.
        schedule(err instanceof NetworkError ? retryDelaySeconds(failures, state.config.pollSeconds) : state.config.pollSeconds);
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
      void runCheck();
    },
    selectSite(code: string) {
      if (code === state.siteCode.value && state.status.value === 'ready') return;
      generation++;
      current = null;
      state.siteCode.value = code;
      state.bundle.value = null;
      state.manifest.value = null;
      state.status.value = 'loading';
      patch({ failures: 0, lastError: null });
      rememberSite(deps.storage, code);
      deps.onSiteChange?.(code);
      void (async () => {
        await showStored(code);
        await running;
        await runCheck();
      })();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
