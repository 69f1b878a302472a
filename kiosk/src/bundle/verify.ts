/**
 * Trust checks for published content: the Ed25519 signature of a site's entry point (and of
 * the county index) and the SHA-256
 * of every part. WebCrypto does both in current Chromium; for older kiosk browsers without
 * WebCrypto Ed25519 the signature is checked with @noble/ed25519 (loaded only then).
 *
 * WebCrypto needs a secure context: serve the kiosk over https or from localhost.
 */
import type { AssetRef, EntryPayload, IndexPayload, PartRef, SignedEnvelope, SiteSummary } from './schema.ts';
import { FORMAT_VERSION } from './schema.ts';

/** A refusal with a Chinese explanation for staff (shown in the sync status and logged). */
export class VerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VerificationError';
  }
}

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new VerificationError('浏览器不支持安全校验（需要 https 或 localhost 访问）');
  return s;
}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64.trim());
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = '';
  for (const b of u8) s += b.toString(16).padStart(2, '0');
  return s;
}

export async function sha256Hex(bytes: ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<string> {
  return toHex(await subtle().digest('SHA-256', bytes));
}

/** keyId as the publisher writes it: first 16 hex digits of SHA-256 of the raw public key. */
export async function keyIdOf(publicKey: Uint8Array<ArrayBuffer>): Promise<string> {
  return (await sha256Hex(publicKey)).slice(0, 16);
}

export type Ed25519Engine = 'webcrypto' | 'noble';

async function verifyWebCrypto(
  publicKey: Uint8Array<ArrayBuffer>,
  signature: Uint8Array<ArrayBuffer>,
  message: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  const key = await subtle().importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
  return subtle().verify({ name: 'Ed25519' }, key, signature, message);
}

async function verifyNoble(publicKey: Uint8Array, signature: Uint8Array, message: Uint8Array): Promise<boolean> {
  const ed = await import('@noble/ed25519');
  try {
    return await ed.verifyAsync(signature, message, publicKey);
  } catch {
    return false; // malformed key or signature
  }
}

/**
 * Verifies an Ed25519 signature. Uses WebCrypto when the browser has Ed25519 and falls back to
 * @noble/ed25519 when it does not; `engine` forces one (tests).
 */
export async function verifyEd25519(
  publicKey: Uint8Array<ArrayBuffer>,
  signature: Uint8Array<ArrayBuffer>,
  message: Uint8Array<ArrayBuffer>,
  engine?: Ed25519Engine,
): Promise<boolean> {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  if (engine !== 'noble') {
    try {
      return await verifyWebCrypto(publicKey, signature, message);
    } catch (err) {
      if (engine === 'webcrypto') throw err;
      // NotSupportedError and friends: this browser has no WebCrypto Ed25519.
    }
  }
  return verifyNoble(publicKey, signature, message);
}

const HEX64 = /^[0-9a-f]{64}$/;

function isPartRef(x: unknown): x is PartRef {
  const p = x as PartRef;
  return (
    typeof p === 'object' && p !== null && typeof p.sha256 === 'string' && HEX64.test(p.sha256) && Number.isInteger(p.bytes) && p.bytes >= 0
  );
}

function isAssetRef(x: unknown): x is AssetRef {
  const p = x as AssetRef;
  return isPartRef(x) && typeof p.path === 'string' && new RegExp(`^assets/${p.sha256.slice(0, 16)}\\.[a-z0-9]{1,5}$`).test(p.path);
}

function isSiteSummary(x: unknown): x is SiteSummary {
  const s = x as SiteSummary;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.code === 'string' &&
    /^[a-z0-9][a-z0-9_-]*$/i.test(s.code) &&
    typeof s.name === 'string' &&
    (s.kind === 'township' || s.kind === 'village')
  );
}

/**
 * Parses a signed envelope (sites/<code>.json or manifest.json), checks the key id and the
 * Ed25519 signature against the built-in public key, and returns the parsed payload object.
 * Throws VerificationError (in Chinese) on anything wrong.
 */
async function openEnvelope(
  text: string,
  format: SignedEnvelope['format'],
  what: string,
  publicKey: Uint8Array<ArrayBuffer>,
  engine?: Ed25519Engine,
): Promise<Record<string, unknown>> {
  let env: SignedEnvelope;
  try {
    env = JSON.parse(text) as SignedEnvelope;
  } catch {
    throw new VerificationError(`${what}不是有效的 JSON`);
  }
  if (env?.format !== format || typeof env.payload !== 'string' || typeof env.signature !== 'string') {
    throw new VerificationError(`${what}格式不正确`);
  }
  if (publicKey.length !== 32) throw new VerificationError('本机未配置有效的发布公钥');
  const expectedKeyId = await keyIdOf(publicKey);
  if (env.keyId !== expectedKeyId) {
    throw new VerificationError(`内容由其他密钥签名（${String(env.keyId).slice(0, 16)}），本机只信任 ${expectedKeyId}`);
  }
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = base64ToBytes(env.signature);
  } catch {
    throw new VerificationError('内容签名格式不正确');
  }
  const ok = await verifyEd25519(publicKey, signature, new TextEncoder().encode(env.payload), engine);
  if (!ok) throw new VerificationError('内容签名校验失败，已拒绝此版本');
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(env.payload) as Record<string, unknown>;
  } catch {
    throw new VerificationError(`${what}数据不是有效的 JSON`);
  }
  if (payload?.format !== FORMAT_VERSION) {
    throw new VerificationError(`内容格式版本 ${String(payload?.format)} 不受本机支持，请升级查询机程序`);
  }
  if (
    !Number.isInteger(payload.version) ||
    (payload.version as number) < 1 ||
    typeof payload.publishedAt !== 'string' ||
    typeof payload.expiresAt !== 'string' ||
    typeof (payload.county as { code?: unknown })?.code !== 'string'
  ) {
    throw new VerificationError(`${what}数据不完整`);
  }
  return payload;
}

/** Verifies a site's entry point (sites/<code>.json) and the shape of its part list. */
export async function verifyEntry(text: string, publicKey: Uint8Array<ArrayBuffer>, engine?: Ed25519Engine): Promise<EntryPayload> {
  const p = (await openEnvelope(text, 'bianmin-entry', '站点入口文件', publicKey, engine)) as unknown as EntryPayload;
  const parts = p.parts;
  if (
    !isSiteSummary(p.site) ||
    typeof parts !== 'object' ||
    parts === null ||
    ![parts.site, parts.departments].every(isPartRef) ||
    ![parts.items, parts.announcements, parts.documents].every((l) => Array.isArray(l) && l.every(isPartRef)) ||
    !Array.isArray(p.assets) ||
    !p.assets.every(isAssetRef)
  ) {
    throw new VerificationError('站点入口文件数据不完整');
  }
  return p;
}

/** Verifies the county index (manifest.json). */
export async function verifyIndex(text: string, publicKey: Uint8Array<ArrayBuffer>, engine?: Ed25519Engine): Promise<IndexPayload> {
  const p = (await openEnvelope(text, 'bianmin-index', '内容清单', publicKey, engine)) as unknown as IndexPayload;
  if (!Array.isArray(p.sites) || !p.sites.every(isSiteSummary)) throw new VerificationError('内容清单数据不完整');
  return p;
}

/** Checks downloaded bytes against their signed size and SHA-256; throws VerificationError on mismatch. */
export async function verifyPart(ref: PartRef, bytes: ArrayBuffer, label: string): Promise<void> {
  if (bytes.byteLength !== ref.bytes) {
    throw new VerificationError(`文件 ${label} 大小不符（应为 ${ref.bytes} 字节，实际 ${bytes.byteLength} 字节）`);
  }
  const hash = await sha256Hex(bytes);
  if (hash !== ref.sha256) throw new VerificationError(`文件 ${label} 校验值不符，可能已被篡改`);
}
