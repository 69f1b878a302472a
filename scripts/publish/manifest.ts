/**
 * The signed manifest: a ManifestPayload serialised as canonical JSON, the
 * Ed25519 signature over its UTF-8 bytes, and the key id.
 */
import type { KeyObject } from 'node:crypto';
import type { ManifestEnvelope, ManifestPayload, ManifestSite, PartRef } from '../../kiosk/src/bundle/schema.ts';
import { canonicalJson } from './canonical-json.ts';
import { sha256Hex } from './hashing.ts';
import { signText } from './keys.ts';

/** SHA-256 over the county, every site part and every asset part (everything but version and time). */
export function contentHashOf(county: ManifestPayload['county'], sites: ManifestSite[], assets: PartRef[]): string {
  return sha256Hex(canonicalJson({ county, sites, assets }));
}

export function signManifest(payload: ManifestPayload, privateKey: KeyObject, keyId: string): ManifestEnvelope {
  const text = canonicalJson(payload);
  return { format: 'bianmin-manifest', payload: text, signature: signText(text, privateKey), keyId };
}

/** manifest.json bytes: the envelope, pretty-printed with a fixed key order. */
export function manifestFileText(envelope: ManifestEnvelope): string {
  return `${JSON.stringify(
    { format: envelope.format, keyId: envelope.keyId, payload: envelope.payload, signature: envelope.signature },
    null,
    2,
  )}\n`;
}

export function parseEnvelope(text: string): ManifestEnvelope | undefined {
  try {
    const e = JSON.parse(text) as Partial<ManifestEnvelope>;
    if (
      e.format !== 'bianmin-manifest' ||
      typeof e.payload !== 'string' ||
      typeof e.signature !== 'string' ||
      typeof e.keyId !== 'string'
    ) {
      return undefined;
    }
    return e as ManifestEnvelope;
  } catch {
    return undefined;
  }
}
