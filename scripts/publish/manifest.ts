/**
 * Signed files: an EntryPayload (sites/<code>.json) or the IndexPayload (manifest.json)
 * serialised as canonical JSON, the Ed25519 signature over its UTF-8 bytes, and the key id.
 */
import { createHash, type KeyObject } from 'node:crypto';
import type { CountyInfo, SignedEnvelope } from '../../kiosk/src/bundle/schema.ts';
import { canonicalJson } from './canonical-json.ts';
import { signText } from './keys.ts';
import type { BuiltSite } from './build-bundles.ts';

/**
 * SHA-256 over the county and every site's parts and assets (everything but version and times).
 * The builder makes these objects with a fixed key order, so plain JSON text is deterministic.
 */
export function contentHashOf(county: Pick<CountyInfo, 'code' | 'name'>, sites: readonly BuiltSite[]): string {
  const h = createHash('sha256').update(canonicalJson(county));
  for (const s of sites) h.update(JSON.stringify([s.summary, s.parts, s.assets]));
  return h.digest('hex');
}

export function signEnvelope(format: SignedEnvelope['format'], payload: unknown, privateKey: KeyObject, keyId: string): SignedEnvelope {
  const text = canonicalJson(payload);
  return { format, payload: text, signature: signText(text, privateKey), keyId };
}

/** File bytes of a signed envelope: fixed key order, one line (it is small and polled). */
export function envelopeFileText(envelope: SignedEnvelope): string {
  return `${JSON.stringify({ format: envelope.format, keyId: envelope.keyId, payload: envelope.payload, signature: envelope.signature })}\n`;
}

export function parseEnvelope(text: string, format?: SignedEnvelope['format']): SignedEnvelope | undefined {
  try {
    const e = JSON.parse(text) as Partial<SignedEnvelope>;
    if (
      (e.format !== 'bianmin-entry' && e.format !== 'bianmin-index') ||
      (format !== undefined && e.format !== format) ||
      typeof e.payload !== 'string' ||
      typeof e.signature !== 'string' ||
      typeof e.keyId !== 'string'
    ) {
      return undefined;
    }
    return e as SignedEnvelope;
  } catch {
    return undefined;
  }
}
