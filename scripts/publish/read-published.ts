/**
 * Reading a published folder from Node (tests, bench, start): the county index, a site's
 * entry point and the SiteBundle a kiosk assembles from its parts. No verification here —
 * see verify.ts for that.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EntryPayload, IndexPayload, SignedEnvelope, SiteBundle } from '../../kiosk/src/bundle/schema.ts';
import { entryPath, INDEX_PATH, partPath } from '../../kiosk/src/bundle/schema.ts';
import { assembleBundle, siteParts } from '../../kiosk/src/bundle/assemble.ts';
import { buildStartIndex } from '../../kiosk/src/search/start-keys.ts';

export function readEnvelope(file: string): SignedEnvelope {
  return JSON.parse(readFileSync(file, 'utf8')) as SignedEnvelope;
}

export function readIndex(dir: string): { envelope: SignedEnvelope; payload: IndexPayload } {
  const envelope = readEnvelope(path.join(dir, INDEX_PATH));
  return { envelope, payload: JSON.parse(envelope.payload) as IndexPayload };
}

export function readEntry(dir: string, siteCode: string): { envelope: SignedEnvelope; payload: EntryPayload; bytes: number } {
  const text = readFileSync(path.join(dir, entryPath(siteCode)), 'utf8');
  const envelope = JSON.parse(text) as SignedEnvelope;
  return { envelope, payload: JSON.parse(envelope.payload) as EntryPayload, bytes: Buffer.byteLength(text) };
}

export function readPart(dir: string, sha256: string): unknown {
  return JSON.parse(readFileSync(path.join(dir, partPath(sha256)), 'utf8'));
}

/** The SiteBundle a kiosk shows for `siteCode`, assembled from the folder's parts. */
export function readSiteBundle(dir: string, siteCode: string): SiteBundle {
  const { payload } = readEntry(dir, siteCode);
  const bundle = assembleBundle(
    payload,
    siteParts(payload, (h) => readPart(dir, h)),
  );
  return { ...bundle, searchIndex: buildStartIndex(bundle.search) };
}
