import { createHash } from 'node:crypto';

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The first 16 hex digits of a SHA-256, as used in content-addressed file names. */
export function hash16(sha256: string): string {
  return sha256.slice(0, 16);
}
