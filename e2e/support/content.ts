/**
 * Content folders for tests that need their own: publish with the real publisher, copy the
 * demo content, make a newer signed version, or tamper with one. All functions work on plain
 * folders; serve them with startContentServer() (server.ts) or the `serveContent` fixture.
 */
import { execFile } from 'node:child_process';
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { cp, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { EntryPayload, IndexPayload, ItemPart, PartRef, SignedEnvelope, SiteBundle } from '../../kiosk/src/bundle/schema.ts';
import { entryPath, partPath } from '../../kiosk/src/bundle/schema.ts';
import { readEntry, readIndex, readSiteBundle as assembledBundle } from '../../scripts/publish/read-published.ts';
import { CONTENT_SOURCE, DEMO_CONTENT_OUT, REPO } from './paths.ts';

const run = promisify(execFile);

/** Copies the county's editable content (content/) to `dest` so a test can edit it. */
export async function copyContentSource(dest: string): Promise<string> {
  await cp(CONTENT_SOURCE, dest, { recursive: true });
  return dest;
}

/** Copies the demo content published into dist/content to `dest` (fast: no publishing). */
export async function copyPublished(dest: string, from = DEMO_CONTENT_OUT): Promise<string> {
  await cp(from, dest, { recursive: true });
  return dest;
}

/**
 * Publishes `contentDir` (default: the repo's content/) into `outDir` with the real publisher
 * (`npm run publish-content -- --content … --out …`). Publishing into a folder that already holds
 * a publish makes the next version. Returns the new manifest payload.
 */
export async function publishInto(outDir: string, contentDir = CONTENT_SOURCE): Promise<IndexPayload> {
  try {
    await run(
      process.execPath,
      [join(REPO, 'node_modules/tsx/dist/cli.mjs'), 'scripts/publish-content.ts', '--content', contentDir, '--out', outDir],
      {
        cwd: REPO,
        maxBuffer: 32 * 1024 * 1024,
      },
    );
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`publish-content failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
  return (await readManifest(outDir)).payload;
}

/** The county index (manifest.json) of a published folder. */
export async function readManifest(dir: string): Promise<{ envelope: SignedEnvelope; payload: IndexPayload }> {
  return readIndex(dir);
}

/** A site's signed entry point (sites/<code>.json). */
export async function readSiteEntry(dir: string, siteCode: string): Promise<EntryPayload> {
  return readEntry(dir, siteCode).payload;
}

/** The SiteBundle a kiosk assembles for `siteCode` from the folder's parts. */
export async function readSiteBundle(dir: string, siteCode: string): Promise<SiteBundle> {
  return assembledBundle(dir, siteCode);
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** Signs a payload with the development key (.keys/dev.key), as the publisher does. */
export async function signPayload(
  format: SignedEnvelope['format'],
  payload: unknown,
  keyFile = join(REPO, '.keys', 'dev.key'),
): Promise<SignedEnvelope> {
  const pem = await readFile(keyFile, 'utf8');
  const key = createPrivateKey(pem);
  const text = JSON.stringify(payload);
  const pub = key.export({ format: 'jwk' }).x as string; // base64url of the raw public key
  return {
    format,
    payload: text,
    signature: sign(null, Buffer.from(text, 'utf8'), key).toString('base64'),
    keyId: sha256(Buffer.from(pub, 'base64url')).slice(0, 16),
  };
}

/** Writes a file atomically (temp + rename), as a publisher would, and drops stale compressed copies. */
export async function writeServed(dir: string, rel: string, data: string | Buffer): Promise<void> {
  const file = join(dir, rel);
  await mkdir(join(file, '..'), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
  for (const ext of ['.gz', '.br']) await unlink(file + ext).catch(() => undefined);
}

/** Writes a part (JSON of `value`) under its hash; returns its ref. */
export async function writePartValue(dir: string, value: unknown): Promise<PartRef> {
  const data = Buffer.from(JSON.stringify(value));
  const ref = { sha256: sha256(data), bytes: data.length };
  await writeServed(dir, partPath(ref.sha256), data);
  return ref;
}

/** Signs and writes a site's entry point. */
export async function writeEntry(dir: string, payload: EntryPayload, envelope?: SignedEnvelope): Promise<void> {
  const env = envelope ?? (await signPayload('bianmin-entry', payload));
  await writeServed(dir, entryPath(payload.site.code), JSON.stringify(env));
}

/** The parts of an (edited) SiteBundle, written into `dir`; returns the entry's part list. */
export async function writeBundleParts(dir: string, b: SiteBundle): Promise<EntryPayload['parts']> {
  // Each part carries its own search entries (ref = item code, doc:<id>, ann:<id>).
  const entries = (ref: string) => b.search.filter((e) => e.ref === ref);
  const item = ({ where: _w, window: _n, ...rest }: SiteBundle['items'][number]): ItemPart => ({ ...rest, search: entries(rest.code) });
  // One list per kind (the publisher cuts longer runs; one list is as valid).
  const list = async (refs: PartRef[]) => [await writePartValue(dir, { refs })];
  return {
    site: await writePartValue(dir, { county: b.county, site: b.site, staff: b.staff, topics: b.topics }),
    departments: await writePartValue(dir, { departments: b.departments }),
    items: await list(await Promise.all(b.items.map((i) => writePartValue(dir, item(i))))),
    announcements: await list(await Promise.all(b.announcements.map((a) => writePartValue(dir, { ...a, search: entries(`ann:${a.id}`) })))),
    documents: await list(await Promise.all(b.documents.map((d) => writePartValue(dir, { ...d, search: entries(`doc:${d.id}`) })))),
  };
}

export interface EditOptions {
  /** Changes the site bundle (return the new bundle); runs once per site in `sites`. */
  editBundle?: (bundle: SiteBundle) => SiteBundle;
  /** Sites whose bundles are edited (default: all). */
  sites?: string[];
  /**
   * 'sign' (default): a newer, correctly signed version — what the publisher would make.
   * 'break-signature': the new entry points keep the old signature (refused: bad signature).
   * 'break-hash': the entry points are correctly signed newer versions, but the edited site
   *   parts served do not match the hashes they list (refused: hash mismatch).
   */
  how?: 'sign' | 'break-signature' | 'break-hash';
}

/**
 * Makes the next version of a published folder in place, without the publisher: edits site
 * bundles, writes their parts, bumps the version of every entry point and of the index and
 * (re-)signs. Returns the new index payload.
 */
export async function editPublished(dir: string, opts: EditOptions = {}): Promise<IndexPayload> {
  const { payload: index } = await readManifest(dir);
  const how = opts.how ?? 'sign';
  const version = index.version + 1;
  const publishedAt = new Date().toISOString();
  for (const site of index.sites) {
    const { envelope, payload } = readEntry(dir, site.code);
    const next: EntryPayload = { ...payload, version, publishedAt };
    if (opts.editBundle && (!opts.sites || opts.sites.includes(site.code))) {
      const edited = opts.editBundle(structuredClone(await readSiteBundle(dir, site.code)));
      next.parts = await writeBundleParts(dir, edited);
      if (how === 'break-hash') {
        // The signed entry point describes other bytes (same length, one bit flipped) than the file served.
        const file = join(dir, partPath(next.parts.site.sha256));
        const served = await readFile(file);
        const claimed = Buffer.from(served);
        claimed[claimed.length - 2] ^= 1;
        next.parts.site = { sha256: sha256(claimed), bytes: claimed.length };
        await writeServed(dir, partPath(next.parts.site.sha256), served);
      }
    }
    const signed = await signPayload('bianmin-entry', next);
    await writeEntry(dir, next, how === 'break-signature' ? { ...signed, signature: envelope.signature } : signed);
  }
  const nextIndex: IndexPayload = { ...index, version, publishedAt };
  await writeServed(dir, 'manifest.json', JSON.stringify(await signPayload('bianmin-index', nextIndex)));
  return nextIndex;
}

/** Renames the first item of a site (handy visible change for update/tamper tests). */
export function renameFirstItem(newName: string): (b: SiteBundle) => SiteBundle {
  return (b) => {
    b.items[0] = { ...b.items[0], name: newName };
    return b;
  };
}
