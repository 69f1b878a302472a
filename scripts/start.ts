/**
 * npm start — builds everything and serves it: development signing key (first run), kiosk app
 * (vite build → dist/), demo content (publish → dist/content/), static server on PORT (8080)
 * with the county hub on the same origin (/api/; dashboard at /admin/; SQLite in .data/ unless
 * DATABASE_URL=postgres://…), 90 days of 示例数据 and two demo logins.
 * Prints the kiosk, display and ticker addresses of every township, the dashboard and logins.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureDevKey } from './ensure-dev-key.ts';
import { REPO, runStep, TSX, VITE } from './run-step.ts';
import { startServer } from './serve.ts';
import { startEmbeddedHub } from './hub/embedded.ts';
import type { ManifestEnvelope, ManifestPayload } from '../kiosk/src/bundle/schema.ts';

async function main(): Promise<number> {
  const key = await ensureDevKey();
  if (key.created) console.log(`已创建开发用签名密钥：${key.privateKeyPath}`);

  console.log('\n== 构建查询机程序 ==');
  if ((await runStep(VITE[0], [...VITE[1], 'build'])) !== 0) {
    console.error('构建失败，未启动服务。');
    return 1;
  }
  console.log('\n== 发布示例内容 ==');
  if ((await runStep(TSX[0], [...TSX[1], 'scripts/publish-content.ts'])) !== 0) {
    console.error('内容发布失败（见上方问题列表），未启动服务。');
    return 1;
  }

  const root = join(REPO, 'dist');
  const envelope = JSON.parse(await readFile(join(root, 'content', 'manifest.json'), 'utf8')) as ManifestEnvelope;
  const manifest = JSON.parse(envelope.payload) as ManifestPayload;
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  const hub = await startEmbeddedHub();
  const server = await startServer({ root, port, host, handlers: [hub.handler] });
  const base = `http://${host === '0.0.0.0' ? 'localhost' : host}:${server.port}`;

  const lines = ['', `便民服务自助查询已启动（${manifest.county.name}，内容版本 ${manifest.version}）：${base}/`, ''];
  for (const t of manifest.sites.filter((s) => s.kind === 'township')) {
    lines.push(`${t.name}（${t.code}）`);
    lines.push(`  触摸查询机：${base}/?site=${t.code}&mode=kiosk`);
    lines.push(`  电子显示屏：${base}/?site=${t.code}&mode=display`);
    lines.push(`  滚动字幕屏：${base}/?site=${t.code}&mode=ticker`);
    const villages = manifest.sites.filter((s) => s.kind === 'village' && s.parent === t.code);
    if (villages.length) lines.push(`  下属代办站：${villages.map((v) => `${v.name} ${base}/?site=${v.code}`).join('；')}`);
    lines.push('');
  }
  lines.push(...hub.describe(base), '');
  lines.push('内容更新：修改 content/ 后运行 npm run publish-content，查询机会自动取到新版本，无需重新构建。');
  lines.push('注意：离线运行（service worker）和签名校验需要 https 或 localhost 访问。按 Ctrl+C 停止。');
  console.log(lines.join('\n'));

  const stop = () =>
    void server
      .close()
      .then(hub.close)
      .then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return -1; // keep running
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    console.error(`启动失败：${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
