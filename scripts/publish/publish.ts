/**
 * publishContent(): the whole publish, as a function. Everything is loaded,
 * validated, built, serialised and hashed in memory first; only then is the
 * output folder touched: new content-addressed parts (never overwriting
 * different bytes), then manifest.json (temp + rename) as the switch, then
 * the history and pruning. Any problem before that leaves the folder as it was.
 */
import type { ManifestPayload, ManifestSite, PartRef, SiteBundle } from '../../kiosk/src/bundle/schema.ts';
import { FORMAT_VERSION } from '../../kiosk/src/bundle/schema.ts';
import { formatIsoInZone } from '../content/dates.ts';
import { loadContent } from '../content/load-content.ts';
import type { Problem } from '../content/problems.ts';
import { validateContent } from '../content/validate-content.ts';
import { buildBundles } from './build-bundles.ts';
import { canonicalJson } from './canonical-json.ts';
import { diffBundles, type PublishDiff } from './diff.ts';
import { hash16, sha256Hex } from './hashing.ts';
import { verifyText, type SigningKey } from './keys.ts';
import { contentHashOf, manifestFileText, signManifest } from './manifest.ts';
import {
  acquireLock,
  historyEntry,
  readPreviousBundles,
  readHistory,
  readPreviousManifest,
  recordAndPrune,
  writeManifest,
  writePart,
} from './output-folder.ts';

export interface PublishOptions {
  contentDir: string;
  outDir: string;
  key: SigningKey;
  /** Publish over a manifest signed by another key (a new production key). */
  forceNewKey?: boolean;
  /** Publish time in ms; default SOURCE_DATE_EPOCH (seconds) when set, else now. */
  now?: number;
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
  | { status: 'unchanged'; payload: ManifestPayload; stats: PublishStats; repaired: string[] }
  | {
      status: 'published';
      payload: ManifestPayload;
      previousVersion?: number;
      stats: PublishStats;
      diff: PublishDiff;
      written: string[];
      removed: string[];
    };

/** The publisher refuses to write (foreign key, unreadable manifest, lock). Message in Chinese. */
export class PublishRefused extends Error {}

export interface Publication {
  county: ManifestPayload['county'];
  timeZone: string;
  bundles: SiteBundle[];
  sites: ManifestSite[];
  assets: PartRef[];
  /** Every file to write, by path. */
  files: { path: string; data: Buffer; sha256: string }[];
  contentHash: string;
  stats: PublishStats;
}

/** Load, validate and build everything in memory. */
export async function buildPublication(contentDir: string): Promise<{ problems: Problem[]; publication?: Publication }> {
  const content = await loadContent(contentDir);
  const problems = validateContent(content);
  if (problems.length > 0) return { problems };
  const built = buildBundles(content);
  const files: Publication['files'] = [];
  const sites: ManifestSite[] = built.sites.map(({ source, bundle }) => {
    const data = Buffer.from(canonicalJson(bundle), 'utf8');
    const sha256 = sha256Hex(data);
    const file = `sites/${source.code}.${hash16(sha256)}.json`;
    files.push({ path: file, data, sha256 });
    return {
      code: source.code,
      name: source.name,
      kind: source.kind,
      parent: source.kind === 'village' ? source.parent : undefined,
      path: file,
      sha256,
      bytes: data.length,
    };
  });
  const assets: PartRef[] = built.assets.list().map((a) => {
    files.push({ path: a.path, data: a.data, sha256: a.sha256 });
    return { path: a.path, sha256: a.sha256, bytes: a.bytes };
  });
  const county = { code: built.county.code, name: built.county.name };
  const bundles = built.sites.map((s) => s.bundle);
  const stats: PublishStats = {
    sites: sites.length,
    townships: sites.filter((s) => s.kind === 'township').length,
    villages: sites.filter((s) => s.kind === 'village').length,
    items: new Set(bundles.flatMap((b) => b.items.map((i) => i.code))).size,
    announcements: new Set(bundles.flatMap((b) => b.announcements.map((i) => i.id))).size,
    documents: new Set(bundles.flatMap((b) => b.documents.map((i) => i.id))).size,
    assets: assets.length,
    bytes: files.reduce((n, f) => n + f.data.length, 0),
  };
  return {
    problems: [],
    publication: {
      county,
      timeZone: built.county.timeZone,
      bundles,
      sites,
      assets,
      files,
      contentHash: contentHashOf(county, sites, assets),
      stats,
    },
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

export async function publishContent(options: PublishOptions): Promise<PublishResult> {
  const { outDir, key } = options;
  const publishedMs = publishTime(options.now);
  const { problems, publication } = await buildPublication(options.contentDir);
  if (!publication) return { status: 'invalid', problems };

  // The previous publish, and whether we may publish over it (nothing written yet).
  const previous = await readPreviousManifest(outDir);
  let prevPayload: ManifestPayload | undefined;
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
    if (prevPayload && sameKey && prevPayload.contentHash === publication.contentHash) {
      // Nothing changed: leave the manifest alone; only restore parts someone deleted.
      const repaired: string[] = [];
      for (const f of publication.files) {
        if (await writePart(outDir, f.path, f.data, f.sha256)) repaired.push(f.path);
      }
      return { status: 'unchanged', payload: prevPayload, stats: publication.stats, repaired };
    }

    const previousBundles = prevPayload ? await readPreviousBundles(outDir, prevPayload) : new Map();
    // Versions only go up, even over an unreadable manifest (the history remembers them).
    const history = (await readHistory(outDir)) ?? [];
    const lastVersion = Math.max(prevPayload?.version ?? 0, ...history.map((h) => (Number.isInteger(h.version) ? h.version : 0)));
    const payload: ManifestPayload = {
      format: FORMAT_VERSION,
      version: lastVersion + 1,
      publishedAt: formatIsoInZone(publishedMs, publication.timeZone),
      contentHash: publication.contentHash,
      county: publication.county,
      sites: publication.sites,
      assets: publication.assets,
    };
    const written: string[] = [];
    for (const f of publication.files) {
      if (await writePart(outDir, f.path, f.data, f.sha256)) written.push(f.path);
    }
    await writeManifest(outDir, manifestFileText(signManifest(payload, key.privateKey, key.keyId)));
    written.push('manifest.json');
    const removed = await recordAndPrune(outDir, historyEntry(payload), prevPayload);
    return {
      status: 'published',
      payload,
      previousVersion: prevPayload?.version,
      stats: publication.stats,
      diff: diffBundles(previousBundles.values(), publication.bundles),
      written,
      removed,
    };
  } finally {
    await release();
  }
}
