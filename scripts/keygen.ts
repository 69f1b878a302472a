/**
 * npm run keygen -- [--out DIR] [--name NAME] [--force]
 *
 * Creates the county's production signing key pair: <DIR>/<NAME>.key
 * (PKCS#8 PEM, mode 0600; keep it off the kiosks and out of git) and
 * <DIR>/<NAME>.pub (base64 of the raw 32-byte Ed25519 public key, built into
 * the kiosk). Never overwrites an existing key without --force.
 */
import { access, chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CliError, isMain, runCli } from './cli.ts';
import { REPO_ROOT } from './ensure-dev-key.ts';
import { userPath } from './user-path.ts';
import { generateSigningKeyPair, keyIdOf } from './publish/keys.ts';

export interface GeneratedKey {
  privateKeyPath: string;
  publicKeyPath: string;
  publicKeyBase64: string;
  keyId: string;
}

export class KeyExistsError extends Error {}

export async function generateKeyFiles(dir: string, name = 'signing', force = false): Promise<GeneratedKey> {
  const privateKeyPath = path.resolve(dir, `${name}.key`);
  const publicKeyPath = path.resolve(dir, `${name}.pub`);
  if (!force) {
    for (const file of [privateKeyPath, publicKeyPath]) {
      const exists = await access(file).then(
        () => true,
        () => false,
      );
      if (exists)
        throw new KeyExistsError(`${file} 已存在，未覆盖。确实要生成新密钥请加 --force（旧密钥签名的内容将无法被新公钥的查询机接受）`);
    }
  }
  await mkdir(path.dirname(privateKeyPath), { recursive: true, mode: 0o700 });
  const { privatePem, publicKeyBase64 } = generateSigningKeyPair();
  const tmpKey = `${privateKeyPath}.tmp-${process.pid}`;
  await writeFile(tmpKey, privatePem, { mode: 0o600 });
  await chmod(tmpKey, 0o600);
  await rename(tmpKey, privateKeyPath);
  await writeFile(publicKeyPath, `${publicKeyBase64}\n`, { mode: 0o644 });
  return { privateKeyPath, publicKeyPath, publicKeyBase64, keyId: keyIdOf(Buffer.from(publicKeyBase64, 'base64')) };
}

const HELP = `用法：npm run keygen -- [--out 文件夹] [--name 文件名] [--force]

  生成正式（生产）签名密钥对：
  --out DIR    存放位置，默认 .keys/（建议放在只有发布人员能访问的电脑或加密U盘上）
  --name NAME  文件名，默认 signing（生成 signing.key 和 signing.pub）
  --force      覆盖已存在的密钥`;

const CLI = {
  usage: HELP,
  failure: '生成密钥失败',
  options: {
    out: { type: 'string' },
    name: { type: 'string' },
    force: { type: 'boolean' },
  },
} as const;

if (isMain(import.meta.url)) {
  void runCli(CLI, async ({ values: args }) => {
    const dir = args.out !== undefined ? userPath(args.out) : path.join(REPO_ROOT, '.keys');
    let k: GeneratedKey;
    try {
      k = await generateKeyFiles(dir, args.name ?? 'signing', args.force ?? false);
    } catch (err) {
      if (err instanceof KeyExistsError) throw new CliError(err.message);
      throw err;
    }
    console.log(`已生成签名密钥对（keyId ${k.keyId}）：
  私钥：${k.privateKeyPath}
        只允许本人读写（权限 0600）。请妥善备份，切勿提交到代码库、放到网站或拷贝到查询机上。
  公钥：${k.publicKeyPath}
        ${k.publicKeyBase64}

下一步：
  1. 用公钥构建查询机程序：
       BIANMIN_PUBLIC_KEY=${k.publicKeyBase64} npm run build
  2. 用私钥发布内容：
       npm run publish-content -- --key ${k.privateKeyPath}
     或 BIANMIN_SIGNING_KEY=${k.privateKeyPath} npm run publish-content
     （输出文件夹中已有开发密钥签名的内容时，第一次需加 --force-new-key）`);
    return 0;
  });
}
