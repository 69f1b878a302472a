/**
 * Ed25519 keys and signatures with node:crypto. Private keys are PKCS#8 PEM
 * files; public keys travel as base64 of the raw 32 bytes; a key's id is the
 * first 16 hex digits of the SHA-256 of those raw bytes.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { hash16, sha256Hex } from './hashing.ts';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** base64 of the raw 32-byte public key */
  publicKeyBase64: string;
  keyId: string;
}

export class KeyError extends Error {}

export function generateSigningKeyPair(): { privatePem: string; publicKeyBase64: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyBase64: rawPublicKey(publicKey).toString('base64'),
  };
}

export function rawPublicKey(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || !jwk.x) throw new KeyError('不是 Ed25519 公钥');
  return Buffer.from(jwk.x, 'base64url');
}

export function keyIdOf(rawPublic: Uint8Array): string {
  return hash16(sha256Hex(rawPublic));
}

export function signingKeyFromPem(pem: string, where = '私钥'): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new KeyError(`${where} 不是有效的 PEM 私钥`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new KeyError(`${where} 不是 Ed25519 私钥（请用 npm run keygen 生成）`);
  }
  const publicKey = createPublicKey(privateKey);
  const raw = rawPublicKey(publicKey);
  return { privateKey, publicKey, publicKeyBase64: raw.toString('base64'), keyId: keyIdOf(raw) };
}

export async function loadSigningKey(file: string): Promise<SigningKey> {
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch {
    throw new KeyError(`找不到签名私钥文件：${file}`);
  }
  return signingKeyFromPem(pem, `签名私钥文件 ${file}`);
}

export function publicKeyFromBase64(b64: string): KeyObject {
  const raw = Buffer.from(b64.trim(), 'base64');
  if (raw.length !== 32) throw new KeyError('公钥应为 32 字节 Ed25519 公钥的 base64');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

/** Ed25519 signature of the UTF-8 bytes of `text`, base64. */
export function signText(text: string, key: KeyObject): string {
  return sign(null, Buffer.from(text, 'utf8'), key).toString('base64');
}

export function verifyText(text: string, signatureBase64: string, publicKey: KeyObject): boolean {
  try {
    return verify(null, Buffer.from(text, 'utf8'), publicKey, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}
