/**
 * Content folders for tests that need their own: publish with the real publisher, copy the
 * demo content, make a newer signed version, or tamper with one. All functions work on plain
 * folders; serve them with startContentServer() (server.ts) or the `serveContent` fixture.
 */
import { execFile } from 'node:child_process';
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { cp, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ManifestEnvelope, ManifestPayload, SiteBundle } from '../../kiosk/src/bundle/schema.ts';
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
export async function publishInto(outDir: string, contentDir = CONTENT_SOURCE): Promise<ManifestPayload> {
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

export async function readManifest(dir: string): Promise<{ envelope: ManifestEnvelope; payload: ManifestPayload }> {
  const envelope = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as ManifestEnvelope;
  return { envelope, payload: JSON.parse(envelope.payload) as ManifestPayload };
}

export async function readSiteBundle(dir: string, siteCode: string): Promise<SiteBundle> {
  const { payload } = await readManifest(dir);
  const site = payload.sites.find((s) => s.code === siteCode);
  if (!site) throw new Error(`no site ${siteCode} in ${dir}`);
  return JSON.parse(await readFile(join(dir, site.path), 'utf8')) as SiteBundle;
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** Signs a payload with the development key (.keys/dev.key), as the publisher does. */
export async function signPayload(payload: ManifestPayload): Promise<ManifestEnvelope> {
  const pem = await readFile(join(REPO, '.keys', 'dev.key'), 'utf8');
  const key = createPrivateKey(pem);
  const text = JSON.stringify(payload);
  const pub = key.export({ format: 'jwk' }).x as string; // base64url of the raw public key
  return {
    format: 'bianmin-manifest',
    payload: text,
    signature: sign(null, Buffer.from(text, 'utf8'), key).toString('base64'),
    keyId: sha256(Buffer.from(pub, 'base64url')).slice(0, 16),
  };
}

export interface EditOptions {
  /** Changes the site bundle (return the new bundle); runs once per site in `sites`. */
  editBundle?: (bundle: SiteBundle) => SiteBundle;
  /** Sites whose bundles are edited (default: all). */
  sites?: string[];
  /**
   * 'sign' (default): a newer, correctly signed version — what the publisher would make.
   * 'break-signature': the new payload keeps the old signature (refused: bad signature).
   * 'break-hash': the manifest is a correctly signed newer version, but the edited site files
   *   served do not match the hashes it lists (refused: hash mismatch).
   */
  how?: 'sign' | 'break-signature' | 'break-hash';
}

/**
 * Makes the next version of a published folder in place, without the publisher: edits site
 * bundles, rewrites their content-addressed files, bumps the version and (re-)signs.
 * Returns the new payload.
 */
export async function editPublished(dir: string, opts: EditOptions = {}): Promise<ManifestPayload> {
  const { envelope, payload } = await readManifest(dir);
  const how = opts.how ?? 'sign';
  const next: ManifestPayload = { ...payload, version: payload.version + 1, publishedAt: new Date().toISOString(), sites: [] };
  const tamperLater: { path: string; text: string }[] = [];
  for (const site of payload.sites) {
    if (!opts.editBundle || (opts.sites && !opts.sites.includes(site.code))) {
      next.sites.push(site);
      continue;
    }
    const original = JSON.parse(await readFile(join(dir, site.path), 'utf8')) as SiteBundle;
    const edited = JSON.stringify(opts.editBundle(structuredClone(original)));
    // break-hash: the signed manifest describes other bytes (same length, one bit flipped)
    // than the file that is served.
    const claimed = Buffer.from(edited);
    if (how === 'break-hash') claimed[claimed.length - 1] ^= 1;
    const hash = sha256(claimed);
    const path = site.path.replace(/\.[0-9a-f]{16}\.json$/, `.${hash.slice(0, 16)}.json`);
    if (how === 'break-hash') tamperLater.push({ path, text: edited });
    else await writeFile(join(dir, path), edited);
    next.sites.push({ ...site, path, sha256: hash, bytes: claimed.length });
  }
  next.contentHash = sha256([...next.sites, ...next.assets].map((p) => p.sha256).join(''));
  const signed = await signPayload(next);
  const out: ManifestEnvelope = how === 'break-signature' ? { ...signed, signature: envelope.signature } : signed;
  for (const t of tamperLater) await writeFile(join(dir, t.path), t.text);
  const tmp = join(dir, `.manifest.${process.pid}.tmp`);
  await writeFile(tmp, JSON.stringify(out, null, 2));
  await rename(tmp, join(dir, 'manifest.json'));
  return next;
}

/** Renames the first item of a site (handy visible change for update/tamper tests). */
export function renameFirstItem(newName: string): (b: SiteBundle) => SiteBundle {
  return (b) => {
    b.items[0] = { ...b.items[0], name: newName };
    return b;
  };
}
