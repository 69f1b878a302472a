/**
 * The development signing key pair: .keys/dev.key (PKCS#8 PEM, mode 0600) and
 * .keys/dev.pub (base64 of the raw 32-byte Ed25519 public key), created on
 * first use and kept out of git. Safe when several processes call it at once:
 * the private key is created with an atomic link, and the public key is
 * always derived from whichever private key won.
 *
 *   npx tsx scripts/ensure-dev-key.ts     (prints the public key)
 */
import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSigningKeyPair, loadSigningKey } from './publish/keys.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEV_KEY_DIR = path.join(REPO_ROOT, '.keys');

export interface DevKey {
  privateKeyPath: string;
  publicKeyPath: string;
  publicKeyBase64: string;
  keyId: string;
  /** True when this call created the key pair. */
  created: boolean;
}

export async function ensureDevKey(dir: string = DEV_KEY_DIR): Promise<DevKey> {
  const privateKeyPath = path.join(dir, 'dev.key');
  const publicKeyPath = path.join(dir, 'dev.pub');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  let created = false;
  try {
    await readFile(privateKeyPath);
  } catch {
    const { privatePem } = generateSigningKeyPair();
    const tmp = path.join(dir, `.dev.key.${process.pid}.${randomBytes(4).toString('hex')}`);
    await writeFile(tmp, privatePem, { mode: 0o600 });
    try {
      await link(tmp, privateKeyPath);
      created = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      await unlink(tmp);
    }
  }
  const key = await loadSigningKey(privateKeyPath);
  const current = await readFile(publicKeyPath, 'utf8').catch(() => '');
  if (current.trim() !== key.publicKeyBase64) {
    const tmp = path.join(dir, `.dev.pub.${process.pid}.${randomBytes(4).toString('hex')}`);
    await writeFile(tmp, `${key.publicKeyBase64}\n`);
    await rename(tmp, publicKeyPath);
  }
  if (created) await chmod(privateKeyPath, 0o600);
  return { privateKeyPath, publicKeyPath, publicKeyBase64: key.publicKeyBase64, keyId: key.keyId, created };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  ensureDevKey().then(
    (k) => {
      console.log(k.created ? `已创建开发用签名密钥：${k.privateKeyPath}` : `开发用签名密钥已存在：${k.privateKeyPath}`);
      console.log(`公钥（${k.publicKeyPath}，keyId ${k.keyId}）：${k.publicKeyBase64}`);
    },
    (err: unknown) => {
      console.error(`无法创建开发用签名密钥：${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
