/**
 * verifyPublishedFolder(): what a kiosk checks, done on a folder — the signature of the
 * county index and of every site's entry point with the given public key, then every part's
 * and asset's size and SHA-256 (and the hash in its file name), and that each site's parts
 * assemble into a bundle of that site.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AssetRef, EntryPayload, IndexPayload, PartRef } from '../../kiosk/src/bundle/schema.ts';
import { entryPath, FORMAT_VERSION, INDEX_PATH, partPath } from '../../kiosk/src/bundle/schema.ts';
import { allPartRefs, assembleBundle, entryPartRefs, siteParts } from '../../kiosk/src/bundle/assemble.ts';
import { hash16, sha256Hex } from './hashing.ts';
import { keyIdOf, publicKeyFromBase64, verifyText } from './keys.ts';
import { parseEnvelope } from './manifest.ts';

export interface VerifyResult {
  ok: boolean;
  /** Chinese descriptions of everything wrong; empty when ok. */
  problems: string[];
  payload?: IndexPayload;
}

export async function verifyPublishedFolder(dir: string, publicKeyBase64: string): Promise<VerifyResult> {
  const problems: string[] = [];
  const fail = (msg: string): VerifyResult => ({ ok: false, problems: [...problems, msg] });
  const publicKey = publicKeyFromBase64(publicKeyBase64);
  const keyId = keyIdOf(Buffer.from(publicKeyBase64, 'base64'));

  /** Reads and checks a signed file; returns its payload or records why not. */
  const signed = async <T>(rel: string, format: 'bianmin-entry' | 'bianmin-index'): Promise<T | undefined> => {
    let text: string;
    try {
      text = await readFile(path.join(dir, rel), 'utf8');
    } catch {
      problems.push(`找不到 ${rel}`);
      return undefined;
    }
    const envelope = parseEnvelope(text, format);
    if (!envelope) return void problems.push(`${rel} 格式不正确`);
    if (envelope.keyId !== keyId) problems.push(`${rel} 的 keyId ${envelope.keyId} 与公钥（${keyId}）不符`);
    if (!verifyText(envelope.payload, envelope.signature, publicKey)) return void problems.push(`${rel} 签名无效`);
    try {
      const payload = JSON.parse(envelope.payload) as T & { format?: unknown };
      if (payload.format !== FORMAT_VERSION) problems.push(`${rel}：不支持的格式版本 ${String(payload.format)}`);
      return payload;
    } catch {
      return void problems.push(`${rel} 的 payload 不是有效的 JSON`);
    }
  };

  const index = await signed<IndexPayload>(INDEX_PATH, 'bianmin-index');
  if (!index) return fail(problems.pop() ?? `${INDEX_PATH} 无效`);

  const checked = new Map<string, Buffer | undefined>();
  const checkFile = async (rel: string, ref: PartRef): Promise<Buffer | undefined> => {
    if (checked.has(rel)) return checked.get(rel);
    let data: Buffer | undefined;
    try {
      data = await readFile(path.join(dir, rel));
    } catch {
      problems.push(`${rel}：文件不存在`);
    }
    if (data) {
      const sha = sha256Hex(data);
      if (sha !== ref.sha256) problems.push(`${rel}：SHA-256 不符（应为 ${ref.sha256}，实为 ${sha}）`);
      if (data.length !== ref.bytes) problems.push(`${rel}：大小不符（应为 ${ref.bytes} 字节，实为 ${data.length}）`);
      if (!path.posix.basename(rel).startsWith(`${hash16(ref.sha256)}.`)) problems.push(`${rel}：文件名中的哈希与 SHA-256 不符`);
      if (sha !== ref.sha256) data = undefined;
    }
    checked.set(rel, data);
    return data;
  };
  const values = new Map<string, unknown>();

  for (const site of index.sites) {
    const rel = entryPath(site.code);
    const entry = await signed<EntryPayload>(rel, 'bianmin-entry');
    if (!entry) continue;
    if (entry.version !== index.version) problems.push(`${rel}：版本 ${entry.version} 与 ${INDEX_PATH} 的 ${index.version} 不一致`);
    if (entry.site?.code !== site.code) problems.push(`${rel}：站点编码与 ${INDEX_PATH} 不符`);
    let complete = true;
    const checkParts = async (refs: readonly PartRef[]) => {
      for (const ref of refs) {
        const data = await checkFile(partPath(ref.sha256), ref);
        if (!data) {
          complete = false;
          continue;
        }
        if (!values.has(ref.sha256)) {
          try {
            values.set(ref.sha256, JSON.parse(data.toString('utf8')));
          } catch {
            problems.push(`${partPath(ref.sha256)}：不是有效的 JSON`);
            complete = false;
          }
        }
      }
    };
    const named = entryPartRefs(entry);
    await checkParts(named);
    if (complete) {
      try {
        await checkParts(allPartRefs(entry, (h) => values.get(h)).slice(named.length));
      } catch (err) {
        problems.push(`${rel}：${err instanceof Error ? err.message : String(err)}`);
        complete = false;
      }
    }
    for (const a of entry.assets as AssetRef[]) {
      if (!/^assets\/[^/]+$/.test(a.path)) problems.push(`${a.path}：路径不合法`);
      else await checkFile(a.path, a);
    }
    if (complete) {
      try {
        assembleBundle(
          entry,
          siteParts(entry, (h) => values.get(h)),
        );
      } catch (err) {
        problems.push(`${rel}：${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  return { ok: problems.length === 0, problems, payload: index };
}
