/**
 * The published folder on disk: reading the previous index, writing
 * content-addressed parts and the signed files atomically (temp file +
 * rename) with their compressed copies, the publish history and pruning of
 * parts that none of the last KEEP_MANIFESTS publishes reference.
 *
 *   <out>/manifest.json, <out>/sites/<code>.json          signed (rewritten by each publish)
 *   <out>/parts/<hash16>.json, <out>/assets/<hash16>.<ext>  content-addressed (never rewritten)
 *   <out>/**.json.gz, <out>/**.json.br                       compressed copies (served as is)
 *   <out>/.publish-history.json   { manifests: [{ version, contentHash, publishedAt, files, catalogue }] }
 *   <out>/.publish.lock           present while a publish runs
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import type { EntryPayload, IndexPayload, SignedEnvelope } from '../../kiosk/src/bundle/schema.ts';
import { entryPath, partPath } from '../../kiosk/src/bundle/schema.ts';
import { allPartRefs, entryPartRefs } from '../../kiosk/src/bundle/assemble.ts';
import type { BuildResult } from './build-bundles.ts';
import { sha256Hex } from './hashing.ts';
import { parseEnvelope } from './manifest.ts';

export const KEEP_MANIFESTS = 3;
const HISTORY_FILE = '.publish-history.json';
const LOCK_FILE = '.publish.lock';
/** Folders of content-addressed files, pruned; `sites` for entry points of removed sites (and format 1 bundles). */
const PART_DIRS = ['parts', 'assets'] as const;
/** Compressed copies are written for JSON files at least this big, when they come out smaller. */
const COMPRESS_MIN_BYTES = 200;

export interface HistoryEntry {
  version: number;
  contentHash: string;
  publishedAt: string;
  files: string[];
  /** Part hashes by id (latest entry only): what the next publish reports as changed. */
  catalogue?: BuildResult['catalogue'];
}

/** A copy of a history entry without its catalogue (only the newest entry keeps one). */
function withoutCatalogue(entry: HistoryEntry): HistoryEntry {
  const copy = { ...entry };
  delete copy.catalogue;
  return copy;
}

export type PreviousManifest =
  | { state: 'none' }
  | { state: 'unreadable'; reason: string }
  | { state: 'ok'; envelope: SignedEnvelope; payload: IndexPayload };

export async function readPreviousManifest(outDir: string): Promise<PreviousManifest> {
  let text: string;
  try {
    text = await readFile(path.join(outDir, 'manifest.json'), 'utf8');
  } catch {
    return { state: 'none' };
  }
  const envelope = parseEnvelope(text, 'bianmin-index');
  if (!envelope) return { state: 'unreadable', reason: 'manifest.json 格式不正确' };
  try {
    const payload = JSON.parse(envelope.payload) as IndexPayload;
    if (typeof payload.version !== 'number' || !Array.isArray(payload.sites)) {
      return { state: 'unreadable', reason: 'manifest.json 内容不完整' };
    }
    return { state: 'ok', envelope, payload };
  } catch {
    return { state: 'unreadable', reason: 'manifest.json 的 payload 不是有效的 JSON' };
  }
}

/** Files the previous publish's entry points list (parts and assets); unreadable entries are skipped. */
export async function filesOfEntries(outDir: string, payload: IndexPayload): Promise<string[]> {
  const out: string[] = [];
  for (const site of payload.sites) {
    try {
      const env = parseEnvelope(await readFile(path.join(outDir, entryPath(site.code)), 'utf8'), 'bianmin-entry');
      if (!env) continue;
      const entry = JSON.parse(env.payload) as EntryPayload;
      for (const r of entryPartRefs(entry)) out.push(partPath(r.sha256));
      for (const a of entry.assets) out.push(a.path);
      const lists = new Map<string, unknown>();
      for (const l of [...entry.parts.items, ...entry.parts.announcements, ...entry.parts.documents]) {
        lists.set(l.sha256, JSON.parse(await readFile(path.join(outDir, partPath(l.sha256)), 'utf8')));
      }
      for (const r of allPartRefs(entry, (h) => lists.get(h))) out.push(partPath(r.sha256));
    } catch {
      // missing: nothing to keep
    }
  }
  return out;
}

async function writeAtomically(file: string, data: Uint8Array | string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
}

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Writes `<file>.gz` and `<file>.br` beside a JSON file, when they are smaller (same input ⇒ same bytes). */
async function writeCompressed(file: string, data: Uint8Array, onlyMissing: boolean): Promise<void> {
  if (!file.endsWith('.json') || data.length < COMPRESS_MIN_BYTES) return;
  // Quality chosen for publish speed (brotli 6, gzip 6: within a few % of the best sizes, ~8× faster);
  // the work runs on libuv's thread pool, so concurrent writes use both cores.
  const copies: [string, () => Promise<Buffer>][] = [
    [
      '.br',
      () =>
        brotliAsync(data, {
          params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 6, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: data.length },
        }),
    ],
    ['.gz', () => gzipAsync(data, { level: 6 })],
  ];
  for (const [ext, make] of copies) {
    if (onlyMissing && (await stat(file + ext).catch(() => null))) continue;
    const packed = await make();
    if (packed.length < data.length) await writeAtomically(file + ext, packed);
    else await unlink(file + ext).catch(() => undefined);
  }
}

/**
 * Write a content-addressed part unless a file with the same bytes is already
 * there (restoring missing compressed copies). Returns true when written.
 */
export async function writePart(outDir: string, rel: string, data: Uint8Array, sha256: string): Promise<boolean> {
  const file = path.join(outDir, rel);
  try {
    if (sha256Hex(await readFile(file)) === sha256) {
      await writeCompressed(file, data, true);
      return false;
    }
  } catch {
    // absent
  }
  await mkdir(path.dirname(file), { recursive: true });
  await writeAtomically(file, data);
  await writeCompressed(file, data, false);
  return true;
}

/** A signed file (entry point): compressed copies first, then the file itself, each atomically. */
export async function writeSignedFile(outDir: string, rel: string, text: string): Promise<void> {
  const file = path.join(outDir, rel);
  await mkdir(path.dirname(file), { recursive: true });
  const data = Buffer.from(text, 'utf8');
  await writeCompressed(file, data, false);
  await writeAtomically(file, data);
}

export async function writeManifest(outDir: string, text: string): Promise<void> {
  await writeSignedFile(outDir, 'manifest.json', text);
}

/** Deletes entry points (and copies) of sites no longer published, and format-1 site bundles. */
export async function removeStaleEntries(outDir: string, siteCodes: readonly string[]): Promise<string[]> {
  const keep = new Set(siteCodes.flatMap((c) => [`${c}.json`, `${c}.json.gz`, `${c}.json.br`]));
  let names: string[];
  try {
    names = await readdir(path.join(outDir, 'sites'));
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names.sort()) {
    if (keep.has(name) || name.startsWith('.')) continue;
    await unlink(path.join(outDir, 'sites', name)).catch(() => undefined);
    removed.push(`sites/${name}`);
  }
  return removed;
}

export async function readHistory(outDir: string): Promise<HistoryEntry[] | undefined> {
  try {
    const h = JSON.parse(await readFile(path.join(outDir, HISTORY_FILE), 'utf8')) as { manifests?: HistoryEntry[] };
    return Array.isArray(h.manifests) ? h.manifests : undefined;
  } catch {
    return undefined;
  }
}

export function historyEntry(
  head: Pick<IndexPayload, 'version' | 'publishedAt'>,
  contentHash: string,
  built: Pick<BuildResult, 'parts' | 'assets' | 'catalogue'>,
): HistoryEntry {
  return {
    version: head.version,
    contentHash,
    publishedAt: head.publishedAt,
    files: [...[...built.parts.byHash.keys()].map(partPath), ...built.assets.list().map((a) => a.path)].sort(),
    catalogue: built.catalogue,
  };
}

/**
 * Record the new publish in the history (the previous one, with the files
 * its entry points listed — read before they were replaced — seeds a missing history), keep the last KEEP_MANIFESTS, and delete parts that none
 * of them references, plus temp files left by an interrupted publish.
 * Returns the deleted paths.
 */
export async function recordAndPrune(
  outDir: string,
  entry: HistoryEntry,
  previous: { payload: IndexPayload; files: string[] } | undefined,
): Promise<string[]> {
  let history = (await readHistory(outDir)) ?? [];
  // The publish being replaced is always kept (also when an interrupted publish missed recording it).
  if (previous && !history.some((h) => h.version === previous.payload.version)) {
    history.push({ version: previous.payload.version, contentHash: '', publishedAt: previous.payload.publishedAt, files: previous.files });
  }
  // Only the newest entry keeps its catalogue (the history stays small).
  history = [...history.filter((h) => h.version !== entry.version).map(withoutCatalogue), entry].slice(-KEEP_MANIFESTS);
  await writeAtomically(path.join(outDir, HISTORY_FILE), `${JSON.stringify({ manifests: history }, null, 2)}\n`);
  const keep = new Set(history.flatMap((h) => h.files));
  const removed: string[] = [];
  for (const dir of PART_DIRS) {
    let names: string[];
    try {
      names = await readdir(path.join(outDir, dir));
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      const rel = `${dir}/${name}`;
      if (keep.has(rel.replace(/\.(gz|br)$/, ''))) continue;
      await unlink(path.join(outDir, rel)).catch(() => undefined);
      removed.push(rel);
    }
  }
  return removed;
}

export class LockError extends Error {}

/** Take the publish lock of `outDir` (creating the folder). A lock left by a dead process is taken over. */
export async function acquireLock(outDir: string): Promise<() => Promise<void>> {
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      return () => unlink(file).catch(() => undefined);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(await readFile(file, 'utf8').catch(() => ''));
      if (pid && pidAlive(pid)) throw new LockError(`另一个发布进程（PID ${pid}）正在写入 ${outDir}，请等它结束后再试`);
      await unlink(file).catch(() => undefined);
    }
  }
  throw new LockError(`无法锁定输出文件夹 ${outDir}`);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
