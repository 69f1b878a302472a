/**
 * verifyPublishedFolder(): what a kiosk checks, done on a folder — the
 * manifest's signature with the given public key, then every part's size and
 * SHA-256 (and the hash in its file name), and the content hash.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ManifestPayload, PartRef, SiteBundle } from '../../kiosk/src/bundle/schema.ts';
import { FORMAT_VERSION } from '../../kiosk/src/bundle/schema.ts';
import { hash16, sha256Hex } from './hashing.ts';
import { keyIdOf, publicKeyFromBase64, verifyText } from './keys.ts';
import { contentHashOf, parseEnvelope } from './manifest.ts';

export interface VerifyResult {
  ok: boolean;
  /** Chinese descriptions of everything wrong; empty when ok. */
  problems: string[];
  payload?: ManifestPayload;
}

export async function verifyPublishedFolder(dir: string, publicKeyBase64: string): Promise<VerifyResult> {
  const problems: string[] = [];
  const fail = (msg: string): VerifyResult => ({ ok: false, problems: [...problems, msg] });
  let text: string;
  try {
    text = await readFile(path.join(dir, 'manifest.json'), 'utf8');
  } catch {
    return fail(`找不到 ${path.join(dir, 'manifest.json')}`);
  }
  const envelope = parseEnvelope(text);
  if (!envelope) return fail('manifest.json 格式不正确');
  const publicKey = publicKeyFromBase64(publicKeyBase64);
  const keyId = keyIdOf(Buffer.from(publicKeyBase64, 'base64'));
  if (envelope.keyId !== keyId) problems.push(`manifest.json 的 keyId ${envelope.keyId} 与公钥（${keyId}）不符`);
  if (!verifyText(envelope.payload, envelope.signature, publicKey)) return fail('manifest.json 签名无效');
  let payload: ManifestPayload;
  try {
    payload = JSON.parse(envelope.payload) as ManifestPayload;
  } catch {
    return fail('manifest.json 的 payload 不是有效的 JSON');
  }
  if (payload.format !== FORMAT_VERSION) problems.push(`不支持的格式版本 ${String(payload.format)}`);

  const checkPart = async (part: PartRef): Promise<Buffer | undefined> => {
    if (!/^(sites|assets)\/[^/]+$/.test(part.path)) {
      problems.push(`${part.path}：路径不合法`);
      return undefined;
    }
    let data: Buffer;
    try {
      data = await readFile(path.join(dir, part.path));
    } catch {
      problems.push(`${part.path}：文件不存在`);
      return undefined;
    }
    const sha = sha256Hex(data);
    if (sha !== part.sha256) problems.push(`${part.path}：SHA-256 不符（应为 ${part.sha256}，实为 ${sha}）`);
    if (data.length !== part.bytes) problems.push(`${part.path}：大小不符（应为 ${part.bytes} 字节，实为 ${data.length}）`);
    if (!path.posix.basename(part.path).includes(`${hash16(part.sha256)}.`)) {
      problems.push(`${part.path}：文件名中的哈希与 SHA-256 不符`);
    }
    return sha === part.sha256 ? data : undefined;
  };

  for (const site of payload.sites) {
    const data = await checkPart(site);
    if (!data) continue;
    try {
      const bundle = JSON.parse(data.toString('utf8')) as SiteBundle;
      if (bundle.site?.code !== site.code) problems.push(`${site.path}：站点编码与 manifest 不符`);
    } catch {
      problems.push(`${site.path}：不是有效的 JSON`);
    }
  }
  for (const asset of payload.assets) await checkPart(asset);
  if (contentHashOf(payload.county, payload.sites, payload.assets) !== payload.contentHash) {
    problems.push('contentHash 与各部分的哈希不符');
  }
  return { ok: problems.length === 0, problems, payload };
}
