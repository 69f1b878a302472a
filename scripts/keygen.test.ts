import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { generateKeyFiles, KeyExistsError } from './keygen.ts';
import { loadSigningKey } from './publish/keys.ts';

// File-heavy tests: a generous timeout for a busy machine (no timing is asserted).
vi.setConfig({ testTimeout: 30_000 });

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('generateKeyFiles', () => {
  it('writes a 0600 private key and its public key, and never overwrites without force', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'keygen-'));
    dirs.push(dir);
    const k = await generateKeyFiles(dir);
    expect(path.basename(k.privateKeyPath)).toBe('signing.key');
    expect((await stat(k.privateKeyPath)).mode & 0o777).toBe(0o600);
    expect((await readFile(k.publicKeyPath, 'utf8')).trim()).toBe(k.publicKeyBase64);
    const loaded = await loadSigningKey(k.privateKeyPath);
    expect(loaded.publicKeyBase64).toBe(k.publicKeyBase64);
    expect(loaded.keyId).toBe(k.keyId);

    const pem = await readFile(k.privateKeyPath, 'utf8');
    await expect(generateKeyFiles(dir)).rejects.toThrow(KeyExistsError);
    expect(await readFile(k.privateKeyPath, 'utf8')).toBe(pem);

    const forced = await generateKeyFiles(dir, 'signing', true);
    expect(forced.publicKeyBase64).not.toBe(k.publicKeyBase64);
  });
});
