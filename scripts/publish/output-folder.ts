/**
 * The published folder on disk: reading the previous index, writing
 * content-addressed parts and the signed files atomically (temp file +
 * rename) with their compressed copies, the publish history and pruning of
 * parts that none of the last KEEP_MANIFESTS publishes reference.
 *
 *   <out>/manifest.json, <out>/sites/<code>.json          signed (rewritten by each publish)
 *   <out>/parts/<hash16>.json, <out>/assets/<hash16>.<ext>  content-addressed (never rewritten)
 *   <out>/**.json.gz, <out>/**.json.br                       compressed copies (served as is; entry points: .gz only)
 *   <out>/.publish-history.json   { manifests: [{ version, contentHash, publishedAt, files, catalogue }] }
 *   <out>/.publish.lock           present while a publish runs
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EntryPayload, IndexPayload, SignedEnvelope } from '../../kiosk/src/bundle/schema.ts';
import { entryPath, INDEX_PATH, partPath } from '../../kiosk/src/bundle/schema.ts';
import { allPartRefs, entryPartRefs } from '../../kiosk/src/bundle/assemble.ts';
import type { BuildResult } from './build-bundles.ts';
import { compressAll } from './compress-pool.ts';
import { COPIES, type CopyExt, compress } from './compression.mjs';
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

/** Temp file + rename; `durable`: fsync the file before the rename (else a later syncFolder() covers it). */
function writeAtomically(file: string, data: Uint8Array | string, durable: boolean): void {
  renameSync(writeTemp(file, data, durable), file);
}

/** A temp file beside `file` holding `data` (fsynced when `durable`); returns its path. */
function writeTemp(file: string, data: Uint8Array | string, durable = false): string {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const fd = openSync(tmp, 'w');
  try {
    writeFileSync(fd, data);
    if (durable) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return tmp;
}

/**
 * Make every file written so far durable with one call (syncfs of the folder's file system, by
 * coreutils' `sync --file-system`), instead of one fsync per small file; where that is not
 * available, each listed file is fsynced.
 */
function syncFolder(outDir: string, files: readonly string[]): void {
  try {
    execFileSync('sync', ['--file-system', outDir], { stdio: 'ignore' });
    return;
  } catch {
    // not Linux coreutils: one fsync per file
  }
  for (const f of files) {
    const fd = openSync(path.join(outDir, f), 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

function compressible(rel: string, data: Uint8Array): boolean {
  return rel.endsWith('.json') && data.length >= COMPRESS_MIN_BYTES;
}

interface FileWrite {
  rel: string;
  data: Uint8Array;
  /** Write the file itself (else only the listed copies). */
  main: boolean;
  copies: readonly CopyExt[];
  /**
   * Straight into place, without temp file and rename: for a part that was not there, which no
   * published entry point can refer to yet (a torn write is found by its size next time).
   */
  direct?: boolean;
}

/** `rel` → its absolute path in `outDir`, its folder made (once per folder). */
function folderMaker(outDir: string): (rel: string) => string {
  const made = new Set<string>();
  return (rel) => {
    const file = path.join(outDir, rel);
    const dir = path.dirname(file);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    return file;
  };
}

/**
 * Writes files with their compressed copies (each atomically, copies first; the copies made by
 * worker threads while earlier files are written); returns the paths written, copies included.
 */
async function writeFiles(outDir: string, jobs: readonly FileWrite[]): Promise<string[]> {
  const written: string[] = [];
  const inFolder = folderMaker(outDir);
  const packed = compressAll(jobs.flatMap((job) => job.copies.map((ext) => ({ ext, data: job.data }))));
  try {
    let task = 0;
    for (const job of jobs) {
      const file = inFolder(job.rel);
      for (const ext of job.copies) {
        const copy = await packed.get(task++);
        if (copy.length < job.data.length) {
          if (job.direct) writeFileSync(file + ext, copy);
          else writeAtomically(file + ext, copy, false);
          written.push(job.rel + ext);
        } else rmSync(file + ext, { force: true });
      }
      if (job.main) {
        if (job.direct) writeFileSync(file, job.data);
        else writeAtomically(file, job.data, false);
        written.push(job.rel);
      }
    }
  } finally {
    await packed.close();
  }
  return written;
}

/** File names in the content-addressed folders (read once per publish). */
function presentParts(outDir: string): Set<string> {
  const present = new Set<string>();
  for (const dir of PART_DIRS) {
    try {
      for (const name of readdirSync(path.join(outDir, dir))) present.add(`${dir}/${name}`);
    } catch {
      // none yet
    }
  }
  return present;
}

/**
 * Writes the content-addressed parts and assets that are not already there with their size
 * (names are hashes: a file of the right name and size holds those bytes unless changed by hand,
 * which kiosks refuse — every part is checked against its hash — and the hub's folder check reports),
 * restoring missing or empty compressed copies, then
 * makes them durable at once. Returns the parts and assets written (copies not listed).
 *
 * `complete`: files the last finished publish wrote or kept and made durable (its history
 * entry): where present they are trusted by name, copies too, without a stat each (a county's
 * ~10,000 parts cost ~30,000 stats). Only a file no finished publish vouches for is written
 * straight into place (a torn write of it is found by its size next time); one that does,
 * restored because it went missing, is replaced atomically, so trusting it stays right.
 */
export async function writeParts(
  outDir: string,
  files: readonly { path: string; data: Uint8Array }[],
  complete: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const present = presentParts(outDir);
  const size = (rel: string) => (present.has(rel) ? statSync(path.join(outDir, rel), { throwIfNoEntry: false })?.size : undefined);
  const jobs: FileWrite[] = [];
  for (const f of files) {
    const vouched = complete.has(f.path);
    const main = vouched ? !present.has(f.path) : size(f.path) !== f.data.length;
    const copies = compressible(f.path, f.data)
      ? COPIES.filter((ext) => main || (vouched ? !present.has(f.path + ext) : !size(f.path + ext)))
      : [];
    if (main || copies.length > 0) jobs.push({ rel: f.path, data: f.data, main, copies, direct: !present.has(f.path) && !vouched });
  }
  const written = await writeFiles(outDir, jobs);
  if (written.length > 0) syncFolder(outDir, written);
  return jobs.filter((j) => j.main).map((j) => j.rel);
}

/**
 * Entry points: each written to a temp file with its gzip copy, all made durable at once, then
 * each renamed into place (copy first): the data is on disk before any name points at it, on
 * any file system. No brotli copy: an entry point is mostly hex hashes, where brotli saves ~1 %
 * over gzip at 1.5× its time and a third more files to replace; a `.br` left by an older
 * publish is removed first, so a server never prefers a stale one.
 */
export async function writeSignedFiles(outDir: string, files: readonly { path: string; text: string }[]): Promise<void> {
  const renames: [string, string][] = [];
  const inFolder = folderMaker(outDir);
  const data = files.map((f) => Buffer.from(f.text, 'utf8'));
  const zipped = files.flatMap((f, i) => (compressible(f.path, data[i]) ? [i] : []));
  const packed = compressAll(zipped.map((i) => ({ ext: '.gz', data: data[i] })));
  try {
    let task = 0;
    for (const [i, f] of files.entries()) {
      const file = inFolder(f.path);
      const copy = zipped[task] === i ? await packed.get(task++) : undefined;
      if (copy && copy.length < data[i].length) renames.push([writeTemp(file + '.gz', copy), file + '.gz']);
      else rmSync(file + '.gz', { force: true });
      renames.push([writeTemp(file, data[i]), file]);
    }
  } finally {
    await packed.close();
  }
  syncFolder(
    outDir,
    renames.map(([tmp]) => path.relative(outDir, tmp)),
  );
  for (const f of files) rmSync(path.join(outDir, f.path + '.br'), { force: true });
  for (const [tmp, file] of renames) renameSync(tmp, file);
  syncFolder(
    outDir,
    files.map((f) => f.path),
  );
}

/** The county index, last: its copies, then itself, fsynced. */
export function writeManifest(outDir: string, text: string): void {
  const data = Buffer.from(text, 'utf8');
  const file = path.join(outDir, INDEX_PATH);
  for (const ext of COPIES) {
    const packed = compress(ext, data);
    if (packed.length < data.length) writeAtomically(file + ext, packed, true);
    else rmSync(file + ext, { force: true });
  }
  writeAtomically(file, data, true);
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
  writeAtomically(path.join(outDir, HISTORY_FILE), `${JSON.stringify({ manifests: history }, null, 2)}\n`, true);
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
