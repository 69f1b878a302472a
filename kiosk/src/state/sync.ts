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
import type { FetchOptions, VerifiedAsset, VerifiedPart } from '../bundle/fetch-content.ts';
import { fillSearch, loadAssets, loadCurrent, loadSearch, rollbackSite, saveVersion, storedSiteCodes } from '../store/content-store.ts';
import type { KioskDatabase, StoredAsset, StoredSite, StoredVersion } from '../store/db.ts';
import { bringsNewUrgent } from './apply-gate.ts';
import type { ApplyGate } from './apply-gate.ts';
import type { CheckContext } from './sync-check.ts';

/** The network half (fetch, verify, assemble), loaded with the first check. */
const loadCheck = () => import('./sync-check.ts');

export interface SyncDeps {
  /** Raw Ed25519 public key of the county, or its base64 (decoded by the first check). */
  publicKey: Uint8Array<ArrayBuffer> | string;
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
  /**
   * When the kiosk started with stored content, the first check waits for this (main.tsx: the
   * first screen painted and an idle moment), so the start-up shows the stored content first.
   */
  firstCheckAfter?: () => Promise<void>;
  /**
   * When given, stored content is shown without its search data (the attract screen does not
   * need it), which is read after this resolves (main.tsx: the first screen painted) into the
   * same bundle; checks wait for it. Absent: read with the content, before it is shown.
   */
  searchDataAfter?: () => Promise<void>;
  /**
   * When given, stored content is shown before its images are read (kiosk mode: the attract
   * screen shows none); they are read after this resolves and handed to the views, unless other
   * content was shown meanwhile. Absent: read before the content is shown (the wall's first slide).
   */
  imagesAfter?: () => Promise<void>;
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

export function createContentSync(state: AppState, deps: SyncDeps): ContentSync {
  const log = deps.log ?? console;
  const base = deps.contentBase;
  let db: KioskDatabase | null = null;
  /** What is shown now: the site record (current + previous version) of the current site. */
  let record: StoredSite | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  /** The stored search data being read into the bundle shown (searchDataAfter). */
  let searchData: Promise<void> = Promise.resolve();
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
    state.hasPrevious.value = !!next.previous || !!next.hasPrevious;
    if (!sameBundle) {
      const revokeOld = state.assets.install(assets);
      state.bundle.value = next.current.bundle;
      revokeOld();
    }
    state.status.value = 'ready';
  }

  async function showStored(code: string): Promise<boolean> {
    if (!db) return false;
    // The current version only (the previous one stays on disk), its search data now or later.
    const later = deps.searchDataAfter;
    const stored = await loadCurrent(db, code, !later).catch(() => undefined);
    if (!stored) return false;
    const readAssets = (from: KioskDatabase) => loadAssets(from, stored.current.entry.assets).catch(() => new Map<string, StoredAsset>());
    const { imagesAfter } = deps;
    if (imagesAfter) {
      // Rendered in a task of its own, not in the one that read (and deserialised) the record.
      await new Promise((resolve) => setTimeout(resolve, 0));
      show(stored, []);
      const shownDb = db;
      void imagesAfter()
        .then(() => readAssets(shownDb))
        .then((assets) => {
          if (state.bundle.peek() !== stored.current.bundle) return;
          state.assets.install(assets.values())();
          // Announcements and documents are parsed from their stored text now, at an idle
          // moment after the first screen, not on the first touch (store/db.ts withNotices).
          void stored.current.bundle.announcements;
        });
    } else show(stored, (await readAssets(db)).values());
    if (later) {
      const shownDb = db;
      const { bundle, entry } = stored.current;
      searchData = later()
        .then(() => loadSearch(shownDb, code, entry.version))
        .then((found) => {
          if (found) fillSearch(bundle, found);
        })
        .catch((err: unknown) => log.warn(`[内容同步] 无法读取本机保存的搜索数据：${String(err)}`));
    }
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

  const checkContext: CheckContext = {
    state,
    base,
    publicKey: deps.publicKey,
    fetchOptions: deps.fetchOptions,
    rememberSite: deps.rememberSite,
    log,
    db: () => db,
    record: () => record,
    generation: () => generation,
    setSite,
    showStored,
    applyContent,
  };

  async function runCheck(): Promise<void> {
    if (running) return running;
    if (timer) clearTimeout(timer);
    timer = null;
    const gen = generation;
    patch({ checking: true, nextCheckAt: null });
    running = (async () => {
      let mod: Awaited<ReturnType<typeof loadCheck>> | undefined;
      try {
        mod = await loadCheck();
        // A check may keep the bundle shown (a re-signed entry point): it has its search data first.
        await searchData;
        await mod.check(checkContext, gen);
        patch({ checking: false, lastCheckAt: Date.now(), lastSuccessAt: Date.now(), lastError: null, failures: 0 });
        schedule(deps.pollSeconds);
      } catch (err) {
        // Without its code (not cached, offline) a check failed like a network error: retry soon.
        const { message, verification, network } = mod?.describeFailure(err) ?? {
          message: `内容更新失败：${err instanceof Error ? err.message : String(err)}`,
          verification: false,
          network: true,
        };
        const failures = state.syncStatus.value.failures + 1;
        if (verification) log.error(`[内容同步] ${message}`);
        else log.warn(`[内容同步] ${message}`);
        patch({ checking: false, lastCheckAt: Date.now(), lastError: message, failures });
        if (!record && state.status.value !== 'unknown-site') state.status.value = 'no-content';
        // A refused (tampered) version will not get better by asking faster.
        schedule(network ? retryDelaySeconds(failures, deps.pollSeconds) : deps.pollSeconds);
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
      if (code !== null && (await showStored(code))) {
        state.siteCode.value = code;
        await deps.firstCheckAfter?.();
      }
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
      if (!held?.previous && !held?.hasPrevious) return false;
      await running;
      let next: StoredSite | undefined;
      if (db) next = await rollbackSite(db, held.siteCode);
      else if (held.previous) next = { ...held, current: held.previous, previous: held.current };
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
