/**
 * npm run bench — performance figures, each against a baseline measured in the same run:
 * publisher build vs reading the files, kiosk search vs a naive substring search, bytes shipped
 * vs the runtime and the pinyin dictionary, kiosk start-up from stored content vs first visit,
 * display heap after hours of simulated running vs at start. Nothing here passes or fails.
 *
 *   npm run bench [-- --hours N]   (simulated display hours, default 12)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readIndex, readSiteBundle } from './publish/read-published.ts';
import { REPO, runStep, TSX, VITE } from './run-step.ts';
import { benchBrowser } from './bench/browser-bench.ts';
import { printRows, type Row } from './bench/measure.ts';
import { benchPublish } from './bench/publish-bench.ts';
import { benchSearch } from './bench/search-bench.ts';
import { benchSizes } from './bench/size-bench.ts';

const { values } = parseArgs({ options: { hours: { type: 'string', default: '12' } } });
const dist = join(REPO, 'dist');
const contentDir = join(REPO, 'content');

async function step(cmd: [string, string[]], args: string[]): Promise<void> {
  const code = await runStep(cmd[0], [...cmd[1], ...args]);
  if (code !== 0) throw new Error(`步骤失败（退出码 ${code}）：${args.join(' ')}`);
}

console.log('准备：构建查询机并发布示例内容 …');
await step(VITE, ['build', '--logLevel', 'warn']);
await step(TSX, ['scripts/publish-content.ts', '--out', join(dist, 'content')]);

const { payload } = readIndex(join(dist, 'content'));
// The largest site bundle: the heaviest search and start-up a kiosk of this county sees.
const assembled = payload.sites.map((s) => ({ site: s, bundle: readSiteBundle(join(dist, 'content'), s.code) }));
const { site: largest, bundle } = assembled
  .map((a) => ({ ...a, bytes: JSON.stringify(a.bundle).length }))
  .sort((a, b) => b.bytes - a.bytes)[0];
const bundleText = JSON.stringify(bundle);

const rows: Row[] = [
  ...(await benchPublish(contentDir)),
  ...(await benchSearch(bundle.search, largest.code)),
  ...benchSizes(dist, REPO, bundleText, largest.code),
];
if (existsSync(join(dist, 'index.html'))) rows.push(...(await benchBrowser(dist, largest.code, largest.name, Number(values.hours))));
console.log('\n基准测试结果（中位数；比值相对同一次运行中测得的基线）');
printRows(rows);
