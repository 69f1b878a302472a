/**
 * publishContent(): the whole publish, as a function. Everything is loaded,
 * validated, built, serialised and hashed in memory first; only then is the
 * output folder touched: new content-addressed parts and assets (never
 * overwriting different bytes), then every site's signed entry point, then the
 * county index manifest.json (each temp + rename), then the history and
 * pruning. Any problem before that leaves the folder as it was.
 */
import type { EntryPayload, IndexPayload } from '../../kiosk/src/bundle/schema.ts';
import { entryPath, FORMAT_VERSION, INDEX_PATH, partPath } from '../../kiosk/src/bundle/schema.ts';
import { formatIsoInZone } from '../content/dates.ts';
import { loadContent } from '../content/load-content.ts';
import { ParseCache } from '../content/parse-cache.ts';
import path from 'node:path';
import type { Problem } from '../content/problems.ts';
import { validateContent } from '../content/validate-content.ts';
import { buildBundles, type BuildResult, type BuiltSite } from './build-bundles.ts';
import { BuildCache } from './build-cache.ts';
import { diffCatalogues, type PublishDiff } from './diff.ts';
import { verifyText, type SigningKey } from './keys.ts';
import { contentHashOf, envelopeFileText, signEnvelope } from './manifest.ts';
import {
  acquireLock,
  filesOfEntries,
  historyEntry,
  readHistory,
  readPreviousManifest,
  recordAndPrune,
  removeStaleEntries,
  writeManifest,
  writeParts,
  writeSignedFiles,
} from './output-folder.ts';

/** Default validity of a publish (entry points and index): after it kiosks mark the content 数据截至. */
export const DEFAULT_VALID_DAYS = 30;

export interface PublishOptions {
  contentDir: string;
  outDir: string;
  key: SigningKey;
  /** Publish over a manifest signed by another key (a new production key). */
  forceNewKey?: boolean;
  /** Publish time in ms; default SOURCE_DATE_EPOCH (seconds) when set, else now. */
  now?: number;
  /** Days the signed entry points stay valid (default 30). */
  validDays?: number;
  /** Re-sign with a new version and expiry even when the content did not change (nightly publish). */
  renew?: boolean;
  /** Parsed-file cache (e.g. .cache/parsed-content.json): a republish re-parses changed files only. */
  cacheFile?: string;
}

export interface PublishStats {
  sites: number;
  townships: number;
  villages: number;
  /** Distinct item codes over all sites. */
  items: number;
  announcements: number;
  documents: number;
  assets: number;
  /** Bytes of all bundles and assets. */
  bytes: number;
}

export type PublishResult =
  | { status: 'invalid'; problems: Problem[] }
  | { status: 'unchanged'; payload: IndexPayload; stats: PublishStats; repaired: string[]; times: PhaseTimes }
  | {
      status: 'published';
      /** Milliseconds per phase (the bench prints them). */
      times: PhaseTimes;
      payload: IndexPayload;
      previousVersion?: number;
      stats: PublishStats;
      diff: PublishDiff;
      written: string[];
      removed: string[];
    };

/** The publisher refuses to write (foreign key, unreadable manifest, lock). Message in Chinese. */
export class PublishRefused extends Error {}

export interface Publication {
  county: IndexPayload['county'];
  timeZone: string;
  built: BuildResult;
  /** Every content-addressed file to write (parts and assets). */
  files: { path: string; data: Buffer; sha256: string }[];
  contentHash: string;
  stats: PublishStats;
}

/** Milliseconds spent per phase of a publish (load, validate, build, write…), in order. */
export type PhaseTimes = Record<string, number>;

function phaseTimer(): { times: PhaseTimes; lap(name: string): void } {
  const times: PhaseTimes = {};
  let last = performance.now();
  return {
    times,
    lap(name) {
      const now = performance.now();
      times[name] = (times[name] ?? 0) + (now - last);
      last = now;
    },
  };
}

/** Load, validate and build everything in memory. */
export async function buildPublication(
  contentDir: string,
  options: { cacheFile?: string; timer?: ReturnType<typeof phaseTimer> } = {},
): Promise<{ problems: Problem[]; publication?: Publication; saveCaches(): Promise<void> }> {
  const timer = options.timer ?? phaseTimer();
  const cache = options.cacheFile ? await ParseCache.open(options.cacheFile) : undefined;
  const content = await loadContent(contentDir, { cache });
  timer.lap('load');
  const buildCache = options.cacheFile ? await BuildCache.open(path.join(path.dirname(options.cacheFile), 'built-parts.json')) : undefined;
  // The caches are only a speed-up: failing to write them never fails a publish. Written when
  // the publish is done (also when the content has problems: the next run parses fewer files),
  // so that making the output durable does not wait for them.
  const saveCaches = async () => {
    for (const c of [cache, buildCache]) await c?.save().catch(() => undefined);
  };
  timer.lap('caches');
  const problems = validateContent(content);
  timer.lap('validate');
  if (problems.length > 0) return { problems, saveCaches: () => cache?.save().catch(() => undefined) ?? Promise.resolve() };
  const built = buildBundles(content, { cache: buildCache });
  timer.lap('build');
  const files: Publication['files'] = [];
  for (const p of built.parts.byHash.values()) files.push({ path: partPath(p.ref.sha256), data: p.data, sha256: p.ref.sha256 });
  const assets = built.assets.list();
  for (const a of assets) files.push({ path: a.path, data: a.data, sha256: a.sha256 });
  const county = { code: built.county.code, name: built.county.name };
  const sites = built.sites;
  const stats: PublishStats = {
    sites: sites.length,
    townships: sites.filter((s) => s.summary.kind === 'township').length,
    villages: sites.filter((s) => s.summary.kind === 'village').length,
    items: Object.keys(built.catalogue.items).length,
    announcements: Object.keys(built.catalogue.announcements).length,
    documents: Object.keys(built.catalogue.documents).length,
    assets: assets.length,
    bytes: files.reduce((n, f) => n + f.data.length, 0),
  };
  return {
    problems: [],
    publication: { county, timeZone: built.county.timeZone, built, files, contentHash: contentHashOf(county, sites), stats },
    saveCaches,
  };
}

export function publishTime(now?: number): number {
  if (now !== undefined) return now;
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch.trim() !== '') {
    const seconds = Number(epoch);
    if (!Number.isFinite(seconds)) throw new PublishRefused(`SOURCE_DATE_EPOCH 不是有效的秒数：${epoch}`);
    return seconds * 1000;
  }
  return Date.now();
}

function entryPayload(site: BuiltSite, head: Omit<IndexPayload, 'sites'>): EntryPayload {
  return { ...head, site: site.summary, parts: site.parts, assets: site.assets };
}

export async function publishContent(options: PublishOptions): Promise<PublishResult> {
  const publishedMs = publishTime(options.now);
  const validDays = options.validDays ?? DEFAULT_VALID_DAYS;
  if (!(validDays > 0 && validDays <= 3660)) throw new PublishRefused(`有效天数应在 1 到 3660 之间：${String(validDays)}`);
  const timer = phaseTimer();
  const { problems, publication, saveCaches } = await buildPublication(options.contentDir, { cacheFile: options.cacheFile, timer });
  try {
    return await writePublication(options, publication, problems, timer, publishedMs, validDays);
  } finally {
    await saveCaches();
    timer.lap('caches');
  }
}

/** The output folder's part of a publish: refuse, or write parts, entry points, index, history. */
async function writePublication(
  options: PublishOptions,
  publication: Publication | undefined,
  problems: Problem[],
  timer: ReturnType<typeof phaseTimer>,
  publishedMs: number,
  validDays: number,
): Promise<PublishResult> {
  const { outDir, key } = options;
  if (!publication) return { status: 'invalid', problems };

  // The previous publish, and whether we may publish over it (nothing written yet).
  const previous = await readPreviousManifest(outDir);
  let prevPayload: IndexPayload | undefined;
  let sameKey = false;
  if (previous.state === 'unreadable') {
    if (!options.forceNewKey) {
      throw new PublishRefused(`${outDir} 中已有无法读取的 manifest.json（${previous.reason}）。确认要覆盖请加 --force-new-key`);
    }
  } else if (previous.state === 'ok') {
    prevPayload = previous.payload;
    sameKey = previous.envelope.keyId === key.keyId && verifyText(previous.envelope.payload, previous.envelope.signature, key.publicKey);
    if (!sameKey && !options.forceNewKey) {
      throw new PublishRefused(
        previous.envelope.keyId === key.keyId
          ? `${outDir}/manifest.json 的签名与当前密钥不符（文件可能被改动过）。确认要重新签名发布请加 --force-new-key`
          : `${outDir}/manifest.json 由另一个密钥签名（keyId ${previous.envelope.keyId}，当前密钥 ${key.keyId}）。` +
              '已经装有旧公钥的查询机将拒绝新内容。确认更换密钥请加 --force-new-key',
      );
    }
  }

  const release = await acquireLock(outDir);
  try {
    const history = (await readHistory(outDir)) ?? [];
    const last = history.at(-1);
    const { built } = publication;
    if (prevPayload && sameKey && !options.renew && last?.version === prevPayload.version && last.contentHash === publication.contentHash) {
      // Nothing changed: leave the signed files alone; only restore parts someone deleted.
      const repaired = await writeParts(outDir, publication.files, new Set(last.files));
      repaired.sort();
      timer.lap('write parts');
      return { status: 'unchanged', payload: prevPayload, stats: publication.stats, repaired, times: timer.times };
    }

    // Versions only go up, even over an unreadable manifest (the history remembers them).
    const lastVersion = Math.max(prevPayload?.version ?? 0, ...history.map((h) => (Number.isInteger(h.version) ? h.version : 0)));
    const head: Omit<IndexPayload, 'sites'> = {
      format: FORMAT_VERSION,
      version: lastVersion + 1,
      publishedAt: formatIsoInZone(publishedMs, publication.timeZone),
      expiresAt: formatIsoInZone(publishedMs + validDays * 86_400_000, publication.timeZone),
      county: publication.county,
    };
    const payload: IndexPayload = { ...head, sites: built.sites.map((s) => s.summary) };
    // A previous publish the history does not know (lost history): keep what its entry points list.
    const unrecorded =
      prevPayload && !history.some((h) => h.version === prevPayload.version)
        ? { payload: prevPayload, files: await filesOfEntries(outDir, prevPayload) }
        : prevPayload && { payload: prevPayload, files: [] };
    // Parts and assets first (made durable together), then the entry points; the index last is
    // the switch for new kiosks.
    timer.lap('previous');
    // What the last finished publish made durable (none when the history is lost or another key's).
    const written = await writeParts(outDir, publication.files, new Set(last?.files ?? []));
    timer.lap('write parts');
    const entries = built.sites.map((site) => ({
      path: entryPath(site.summary.code),
      text: envelopeFileText(signEnvelope('bianmin-entry', entryPayload(site, head), key.privateKey, key.keyId)),
    }));
    timer.lap('sign');
    await writeSignedFiles(outDir, entries);
    written.push(...entries.map((e) => e.path));
    timer.lap('write entries');
    written.sort();
    writeManifest(outDir, envelopeFileText(signEnvelope('bianmin-index', payload, key.privateKey, key.keyId)));
    written.push(INDEX_PATH);
    const removed = [
      ...(await removeStaleEntries(
        outDir,
        built.sites.map((s) => s.summary.code),
      )),
      ...(await recordAndPrune(outDir, historyEntry(head, publication.contentHash, built), unrecorded || undefined)),
    ];
    timer.lap('index, history, prune');
    return {
      status: 'published',
      times: timer.times,
      payload,
      previousVersion: prevPayload?.version,
      stats: publication.stats,
      diff: diffCatalogues(last?.version === prevPayload?.version ? last?.catalogue : undefined, built.catalogue),
      written,
      removed,
    };
  } finally {
    await release();
  }
}
