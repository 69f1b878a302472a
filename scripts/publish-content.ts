/**
 * npm run publish-content -- [--content DIR] [--out DIR] [--key FILE] [--force-new-key]
 *
 * Validates content/, builds one signed, content-addressed bundle per site
 * into dist/content/ (served by the kiosk at /content/). Signing key: --key,
 * else $BIANMIN_SIGNING_KEY, else .keys/dev.key (created on first use).
 */
import path from 'node:path';
import { CliError, runCli } from './cli.ts';
import { ensureDevKey, REPO_ROOT } from './ensure-dev-key.ts';
import { userPath } from './user-path.ts';
import { KeyError, loadSigningKey } from './publish/keys.ts';
import { LockError } from './publish/output-folder.ts';
import { publishContent, PublishRefused } from './publish/publish.ts';
import { formatResult } from './publish/summary.ts';

const HELP = `用法：npm run publish-content -- [--content 内容文件夹] [--out 输出文件夹] [--key 私钥文件] [--valid-days 天数] [--renew] [--force-new-key]

  --content DIR     内容文件夹，默认 content/
  --out DIR         输出文件夹，默认 dist/content/（查询机从 /content/ 读取）
  --key FILE        签名私钥（PEM）；默认取环境变量 BIANMIN_SIGNING_KEY，再默认 .keys/dev.key（开发用，自动创建）
  --valid-days N    本次发布的有效天数，默认 30；过期后查询机仍显示内容，但标注“数据截至”
  --renew           内容没有变化也重新签名（新版本号、新有效期；查询机只需下载很小的入口文件），适合每晚定时发布
  --force-new-key   输出文件夹中已有用其他密钥签名的内容时，仍然发布（更换密钥时使用）`;

const CLI = {
  usage: HELP,
  failure: '发布失败',
  options: {
    content: { type: 'string' },
    out: { type: 'string' },
    key: { type: 'string' },
    'force-new-key': { type: 'boolean' },
    'valid-days': { type: 'string' },
    renew: { type: 'boolean' },
  },
} as const;

void runCli(CLI, async ({ values: args }) => {
  const validDays = args['valid-days'] === undefined ? undefined : Number(args['valid-days']);
  if (validDays !== undefined && !(Number.isInteger(validDays) && validDays >= 1 && validDays <= 3660)) {
    throw new CliError(
      `参数错误：--valid-days 应为 1 到 3660 之间的整数，收到“${args['valid-days']}”

${HELP}`,
      2,
    );
  }
  const contentDir = args.content !== undefined ? userPath(args.content) : path.join(REPO_ROOT, 'content');
  const outDir = args.out !== undefined ? userPath(args.out) : path.join(REPO_ROOT, 'dist', 'content');
  let keyFile = args.key ?? process.env.BIANMIN_SIGNING_KEY;
  if (!keyFile) {
    const dev = await ensureDevKey();
    if (dev.created) console.log(`已创建开发用签名密钥 ${dev.privateKeyPath}（公钥 ${dev.publicKeyPath}）`);
    keyFile = dev.privateKeyPath;
  }
  try {
    const key = await loadSigningKey(userPath(keyFile));
    console.log(`内容文件夹：${contentDir}`);
    const result = await publishContent({
      contentDir,
      outDir,
      key,
      forceNewKey: args['force-new-key'],
      validDays,
      renew: args.renew,
      cacheFile: path.join(REPO_ROOT, '.cache', 'parsed-content.json'),
    });
    const text = formatResult(result, outDir);
    if (result.status === 'invalid') {
      console.error(text);
      return 1;
    }
    console.log(text);
    console.log(`签名密钥 keyId ${key.keyId}，查询机需内置的公钥：${key.publicKeyBase64}`);
    return 0;
  } catch (err) {
    if (err instanceof PublishRefused || err instanceof KeyError || err instanceof LockError) throw new CliError(`未发布：${err.message}`);
    throw err;
  }
});
