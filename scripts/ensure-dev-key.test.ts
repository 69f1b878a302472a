import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ensureDevKey } from './ensure-dev-key.ts';
import { loadSigningKey, signText, verifyText, publicKeyFromBase64 } from './publish/keys.ts';

// File-heavy tests: a generous timeout for a busy machine (no timing is asserted).
vi.setConfig({ testTimeout: 30_000 });

const dirs: string[] = [];
const tmp = async () => {
  const d = await mkdtemp(path.join(os.tmpdir(), 'devkey-'));
  dirs.push(d);
  return path.join(d, '.keys');
};
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('ensureDevKey', () => {
  it('creates a PKCS#8 private key (0600) and the raw base64 public key once', async () => {
    const dir = await tmp();
    const first = await ensureDevKey(dir);
    expect(first.created).toBe(true);
    expect((await stat(first.privateKeyPath)).mode & 0o777).toBe(0o600);
    expect(await readFile(first.privateKeyPath, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const pub = (await readFile(first.publicKeyPath, 'utf8')).trim();
    expect(Buffer.from(pub, 'base64')).toHaveLength(32);
    expect(pub).toBe(first.publicKeyBase64);

    const second = await ensureDevKey(dir);
    expect(second.created).toBe(false);
    expect(second.publicKeyBase64).toBe(first.publicKeyBase64);

    const key = await loadSigningKey(first.privateKeyPath);
    const sig = signText('样例', key.privateKey);
    expect(verifyText('样例', sig, publicKeyFromBase64(pub))).toBe(true);
  });

  it('gives every concurrent caller the same key pair', async () => {
    const dir = await tmp();
    const results = await Promise.all(Array.from({ length: 8 }, () => ensureDevKey(dir)));
    expect(new Set(results.map((r) => r.publicKeyBase64)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect((await readFile(path.join(dir, 'dev.pub'), 'utf8')).trim()).toBe(results[0].publicKeyBase64);
  });

  it('rewrites a public key that does not match the private key', async () => {
    const dir = await tmp();
    const k = await ensureDevKey(dir);
    await import('node:fs/promises').then((fs) => fs.writeFile(k.publicKeyPath, 'AAAA\n'));
    await ensureDevKey(dir);
    expect((await readFile(k.publicKeyPath, 'utf8')).trim()).toBe(k.publicKeyBase64);
  });
});
