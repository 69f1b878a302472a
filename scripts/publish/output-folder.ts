/**
 * The published folder on disk: reading the previous manifest and bundles,
 * writing content-addressed parts and the manifest atomically (temp file +
 * rename), the publish history and pruning of parts that none of the last
 * KEEP_MANIFESTS manifests reference.
 *
 *   <out>/manifest.json
 *   <out>/sites/<code>.<hash16>.json, <out>/assets/<hash16>.<ext>
 *   <out>/.publish-history.json   { manifests: [{ version, contentHash, publishedAt, files }] }
 *   <out>/.publish.lock           present while a publish runs
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ManifestEnvelope, ManifestPayload, SiteBundle } from '../../kiosk/src/bundle/schema.ts';
import { sha256Hex } from './hashing.ts';
import { parseEnvelope } from './manifest.ts';

export const KEEP_MANIFESTS = 3;
const HISTORY_FILE = '.publish-history.json';
const LOCK_FILE = '.publish.lock';
const PART_DIRS = ['sites', 'assets'] as const;

export interface HistoryEntry {
  version: number;
  contentHash: string;
  publishedAt: string;
  files: string[];
}

export type PreviousManifest =
  | { state: 'none' }
  | { state: 'unreadable'; reason: string }
  | { state: 'ok'; envelope: ManifestEnvelope; payload: ManifestPayload };

export async function readPreviousManifest(outDir: string): Promise<PreviousManifest> {
  let text: string;
  try {
    text = await readFile(path.join(outDir, 'manifest.json'), 'utf8');
  } catch {
    return { state: 'none' };
  }
  const envelope = parseEnvelope(text);
  if (!envelope) return { state: 'unreadable', reason: 'manifest.json 格式不正确' };
  try {
    const payload = JSON.parse(envelope.payload) as ManifestPayload;
    if (typeof payload.version !== 'number' || !Array.isArray(payload.sites)) {
      return { state: 'unreadable', reason: 'manifest.json 内容不完整' };
    }
    return { state: 'ok', envelope, payload };
  } catch {
    return { state: 'unreadable', reason: 'manifest.json 的 payload 不是有效的 JSON' };
  }
}

/** The previous bundles, by site code; parts that are missing or damaged are skipped. */
export async function readPreviousBundles(outDir: string, payload: ManifestPayload): Promise<Map<string, SiteBundle>> {
  const out = new Map<string, SiteBundle>();
  for (const site of payload.sites) {
    try {
      const data = await readFile(path.join(outDir, site.path));
      if (sha256Hex(data) !== site.sha256) continue;
      out.set(site.code, JSON.parse(data.toString('utf8')) as SiteBundle);
    } catch {
      // missing: nothing to compare with
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

/**
 * Write a content-addressed part unless a file with the same bytes is already
 * there. Returns true when written.
 */
export async function writePart(outDir: string, rel: string, data: Uint8Array, sha256: string): Promise<boolean> {
  const file = path.join(outDir, rel);
  try {
    if (sha256Hex(await readFile(file)) === sha256) return false;
  } catch {
    // absent
  }
  await mkdir(path.dirname(file), { recursive: true });
  await writeAtomically(file, data);
  return true;
}

export async function writeManifest(outDir: string, text: string): Promise<void> {
  await writeAtomically(path.join(outDir, 'manifest.json'), text);
}

export async function readHistory(outDir: string): Promise<HistoryEntry[] | undefined> {
  try {
    const h = JSON.parse(await readFile(path.join(outDir, HISTORY_FILE), 'utf8')) as { manifests?: HistoryEntry[] };
    return Array.isArray(h.manifests) ? h.manifests : undefined;
  } catch {
    return undefined;
  }
}

export function historyEntry(payload: ManifestPayload): HistoryEntry {
  return {
    version: payload.version,
    contentHash: payload.contentHash,
    publishedAt: payload.publishedAt,
    files: [...payload.sites.map((s) => s.path), ...payload.assets.map((a) => a.path)].sort(),
  };
}

/**
 * Record the new manifest in the history (the previous manifest seeds a
 * missing history), keep the last KEEP_MANIFESTS, and delete parts that none
 * of them references, plus temp files left by an interrupted publish.
 * Returns the deleted paths.
 */
export async function recordAndPrune(outDir: string, entry: HistoryEntry, previous: ManifestPayload | undefined): Promise<string[]> {
  let history = (await readHistory(outDir)) ?? [];
  // The manifest being replaced is always kept (also when an interrupted publish missed recording it).
  if (previous && !history.some((h) => h.version === previous.version && h.contentHash === previous.contentHash)) {
    history.push(historyEntry(previous));
  }
  history = [...history.filter((h) => h.version !== entry.version), entry].slice(-KEEP_MANIFESTS);
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
      if (keep.has(rel)) continue;
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
