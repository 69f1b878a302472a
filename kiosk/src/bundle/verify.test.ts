import { describe, expect, it } from 'vitest';
import { generateKeyPairSync, sign, createHash, type KeyObject } from 'node:crypto';
import { keyIdOf, sha256Hex, verifyEd25519, verifyEntry, verifyIndex, verifyPart, VerificationError } from './verify.ts';
import type { EntryPayload, SignedEnvelope } from './schema.ts';

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  return { privateKey, raw: new Uint8Array(raw) };
}

const ref = (c: string) => ({ sha256: c.repeat(64), bytes: 10 });
const payload: EntryPayload = {
  format: 2,
  version: 3,
  publishedAt: '2026-11-25T09:00:00+08:00',
  expiresAt: '2026-12-25T09:00:00+08:00',
  county: { code: 'yx', name: '云溪县' },
  site: { code: 'baihe', name: '白鹤镇', kind: 'township' },
  parts: { site: ref('a'), departments: ref('b'), items: [ref('d')], announcements: [], documents: [] },
  assets: [{ path: 'assets/eeeeeeeeeeeeeeee.jpg', sha256: 'e'.repeat(64), bytes: 5 }],
};

function envelope(p: unknown, privateKey: KeyObject, raw: Uint8Array, format: SignedEnvelope['format'] = 'bianmin-entry'): SignedEnvelope {
  const text = JSON.stringify(p);
  return {
    format,
    payload: text,
    signature: sign(null, Buffer.from(text), privateKey).toString('base64'),
    keyId: createHash('sha256').update(raw).digest('hex').slice(0, 16),
  };
}

describe('verifyEd25519', () => {
  const { privateKey, raw } = keyPair();
  const msg = new TextEncoder().encode('办事指南');
  const sig = new Uint8Array(sign(null, msg, privateKey));

  for (const engine of ['webcrypto', 'noble'] as const) {
    it(`accepts a good signature and rejects a bad one (${engine})`, async () => {
      expect(await verifyEd25519(raw, sig, msg, engine)).toBe(true);
      const bad = sig.slice();
      bad[5] ^= 1;
      expect(await verifyEd25519(raw, bad, msg, engine)).toBe(false);
      expect(await verifyEd25519(raw, sig, new TextEncoder().encode('办事指南!'), engine)).toBe(false);
    });
  }

  it('rejects a signature by another key (noble and webcrypto agree)', async () => {
    const other = keyPair();
    for (const engine of ['webcrypto', 'noble'] as const) {
      expect(await verifyEd25519(other.raw, sig, msg, engine)).toBe(false);
    }
  });

  it('falls back to @noble/ed25519 when WebCrypto has no Ed25519', async () => {
    const subtle = globalThis.crypto.subtle;
    const original = subtle.importKey;
    let asked = 0;
    subtle.importKey = (async () => {
      asked++;
      throw new DOMException('Unrecognized name.', 'NotSupportedError');
    }) as typeof subtle.importKey;
    try {
      expect(await verifyEd25519(raw, sig, msg)).toBe(true);
      expect(await verifyEd25519(raw, sig, new TextEncoder().encode('改过的'))).toBe(false);
      expect(asked).toBe(2);
    } finally {
      subtle.importKey = original;
    }
  });

  it('rejects keys and signatures of the wrong length', async () => {
    expect(await verifyEd25519(raw.slice(0, 31), sig, msg)).toBe(false);
    expect(await verifyEd25519(raw, sig.slice(0, 63), msg)).toBe(false);
  });
});

describe('verifyManifest', () => {
  const { privateKey, raw } = keyPair();

  for (const engine of ['webcrypto', 'noble'] as const) {
    it(`returns the payload of a correctly signed manifest (${engine})`, async () => {
      const text = JSON.stringify(envelope(payload, privateKey, raw));
      expect(await verifyEntry(text, raw, engine)).toEqual(payload);
    });
  }

  it('refuses a payload changed after signing', async () => {
    const env = envelope(payload, privateKey, raw);
    env.payload = env.payload.replace('"version":3', '"version":4');
    await expect(verifyEntry(JSON.stringify(env), raw)).rejects.toThrow('签名校验失败');
    await expect(verifyEntry(JSON.stringify(env), raw, 'noble')).rejects.toThrow('签名校验失败');
  });

  it('refuses content signed with another key', async () => {
    const other = keyPair();
    const env = envelope(payload, other.privateKey, other.raw);
    await expect(verifyEntry(JSON.stringify(env), raw)).rejects.toThrow('其他密钥');
    // Same keyId claimed, wrong signature:
    env.keyId = await keyIdOf(raw);
    await expect(verifyEntry(JSON.stringify(env), raw)).rejects.toThrow('签名校验失败');
  });

  it('refuses malformed manifests with Chinese reasons', async () => {
    await expect(verifyEntry('not json', raw)).rejects.toThrow(VerificationError);
    await expect(verifyEntry('{"format":"x"}', raw)).rejects.toThrow('格式不正确');
    const garbled = { ...envelope(payload, privateKey, raw), signature: '***' };
    await expect(verifyEntry(JSON.stringify(garbled), raw)).rejects.toThrow(VerificationError);
  });

  it('refuses an unknown format version and an incomplete payload, even when signed', async () => {
    await expect(verifyEntry(JSON.stringify(envelope({ ...payload, format: 1 }, privateKey, raw)), raw)).rejects.toThrow('格式版本');
    const noParts = { ...payload, parts: undefined };
    await expect(verifyEntry(JSON.stringify(envelope(noParts, privateKey, raw)), raw)).rejects.toThrow('不完整');
    const noExpiry = { ...payload, expiresAt: undefined };
    await expect(verifyEntry(JSON.stringify(envelope(noExpiry, privateKey, raw)), raw)).rejects.toThrow('不完整');
    const escaping = { ...payload, assets: [{ ...payload.assets[0], path: '../secret.json' }] };
    await expect(verifyEntry(JSON.stringify(envelope(escaping, privateKey, raw)), raw)).rejects.toThrow('不完整');
    const badHash = { ...payload, parts: { ...payload.parts, items: [{ sha256: 'xyz', bytes: 1 }] } };
    await expect(verifyEntry(JSON.stringify(envelope(badHash, privateKey, raw)), raw)).rejects.toThrow('不完整');
  });

  it('refuses an index where an entry point is expected, and the reverse', async () => {
    await expect(verifyEntry(JSON.stringify(envelope(payload, privateKey, raw, 'bianmin-index')), raw)).rejects.toThrow('格式不正确');
    const index = { ...payload, sites: [payload.site] };
    expect((await verifyIndex(JSON.stringify(envelope(index, privateKey, raw, 'bianmin-index')), raw)).sites).toEqual([payload.site]);
    await expect(verifyIndex(JSON.stringify(envelope(index, privateKey, raw)), raw)).rejects.toThrow('格式不正确');
  });
});

describe('verifyPart and sha256Hex', () => {
  const bytes = new TextEncoder().encode('{"site":"白鹤镇"}');
  const hash = createHash('sha256').update(bytes).digest('hex');

  it('computes the same SHA-256 as node', async () => {
    expect(await sha256Hex(bytes)).toBe(hash);
  });

  it('accepts matching bytes, refuses a changed byte or a wrong size', async () => {
    const ref = { sha256: hash, bytes: bytes.length };
    await expect(verifyPart(ref, bytes.buffer, 'parts/x.json')).resolves.toBeUndefined();
    const changed = bytes.slice();
    changed[3] ^= 1;
    await expect(verifyPart(ref, changed.buffer, 'parts/x.json')).rejects.toThrow('可能已被篡改');
    await expect(verifyPart({ ...ref, bytes: bytes.length + 1 }, bytes.buffer, 'parts/x.json')).rejects.toThrow('大小不符');
  });
});
