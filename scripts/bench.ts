/**
 * npm run bench [-- --tiers demo,s100,s500,i10k,hub] [--figures publish,search,…,hub] [--display-hours 72] [--sessions 200]
 *   [--hub-devices 1000] [--hub-ratings 1000000] [--merge] [--no-build] [--out FILE]
 *
 * Tiers (scripts/bench/tiers.ts): the demo content; 100 sites; 500 sites / 3,000 items / 2,000
 * notices; one site with 10,000 items — generated deterministically; the county hub. Figures
 * (scripts/bench/figures.ts) each report medians with a baseline measured in the same run.
 * Prints a Markdown table and writes JSON (default bench/results/latest.json). Nothing here
 * passes or fails.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from '@playwright/test';
import { ensureDevKey } from './ensure-dev-key.ts';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.ts';
import { FIGURES, type BenchContext } from './bench/figures.ts';
import { markdownTable, type BenchResult, type Row } from './bench/report.ts';
import { prepareTier, TIERS } from './bench/tiers.ts';
import { siteOf } from './bench/site-of.ts';
import { REPO, runStep, TSX, VITE } from './run-step.ts';
import { userPath } from './user-path.ts';

const { values } = parseArgs({
  options: {
    tiers: { type: 'string', default: TIERS.map((t) => t.id).join(',') },
    figures: { type: 'string', default: FIGURES.map((f) => f.id).join(',') },
    'display-hours': { type: 'string', default: '72' },
    sessions: { type: 'string', default: '200' },
    'hub-devices': { type: 'string', default: '1000' },
    'hub-ratings': { type: 'string', default: '1000000' },
    out: { type: 'string' },
    merge: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
});
const wantTiers = new Set(values.tiers.split(','));
const wantFigures = new Set(values.figures.split(','));
const unknown = [...wantTiers].filter((t) => !TIERS.some((x) => x.id === t));
if (unknown.length) {
  console.error(`未知的档位：${unknown.join('、')}（可选：${TIERS.map((t) => t.id).join('、')}）`);
  process.exit(2);
}

const started = Date.now();
const dist = path.join(REPO, 'dist');
const benchDir = path.join(REPO, 'bench', '.work');
const resultsFile = values.out ? userPath(values.out) : path.join(REPO, 'bench', 'results', 'latest.json');
mkdirSync(benchDir, { recursive: true });

if (!values['no-build']) {
  console.log('准备：构建查询机 …');
  const code = await runStep(VITE[0], [...VITE[1], 'build', '--logLevel', 'warn']);
  if (code !== 0) {
    console.error(`构建失败（退出码 ${code}）`);
    process.exit(1);
  }
}
const { privateKeyPath: keyFile } = await ensureDevKey();

let browserPromise: Promise<Browser | undefined> | undefined;
const browser = () =>
  (browserPromise ??= (async () => {
    const executablePath = findChromium();
    if (!executablePath) {
      console.warn('未找到 Chromium，跳过浏览器测量（可设置 CHROMIUM_PATH）');
      return undefined;
    }
    return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  })());

const rows: Row[] = [];
// --merge: keep the rows of an earlier run for the tiers and figures not run now.
if (values.merge && existsSync(resultsFile)) {
  const earlier = JSON.parse(readFileSync(resultsFile, 'utf8')) as BenchResult;
  rows.push(...earlier.rows.filter((r) => !(wantTiers.has(r.tier) && wantFigures.has(r.figure))));
}
const machine = (): BenchResult['machine'] => ({
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? '',
  memGb: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10),
  chromium: chromiumVersion,
});
let chromiumVersion: string | undefined;
/** Written after every figure, so an interrupted run keeps what it measured. */
function save(): void {
  const result: BenchResult = {
    startedAt: new Date(started).toISOString(),
    durationS: Math.round((Date.now() - started) / 1000),
    machine: machine(),
    rows,
  };
  mkdirSync(path.dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(result, null, 2)}\n`);
}
for (const spec of TIERS.filter((t) => wantTiers.has(t.id))) {
  const figures = FIGURES.filter((f) => wantFigures.has(f.id) && f.tiers.includes(spec.id));
  if (figures.length === 0) continue;
  console.log(`\n档位 ${spec.id}：${spec.title}`);
  const tier = prepareTier(spec, REPO, benchDir);
  let published: Promise<string> | undefined;
  const ctx: BenchContext = {
    repo: REPO,
    dist,
    keyFile,
    tier,
    browser,
    published: () =>
      (published ??= (async () => {
        const out = path.join(tier.workDir, 'out');
        const code = await runStep(
          TSX[0],
          [...TSX[1], 'scripts/publish-content.ts', '--content', tier.contentDir, '--out', out, '--key', keyFile],
          {
            SOURCE_DATE_EPOCH: '1764032400',
          },
        );
        if (code !== 0) throw new Error(`发布失败（退出码 ${code}）`);
        return out;
      })()),
    site: async () => siteOf(tier.contentDir, await ctx.published()),
    options: {
      displayHours: Number(values['display-hours']),
      sessions: Number(values.sessions),
      hubDevices: Number(values['hub-devices']),
      hubRatings: Number(values['hub-ratings']),
    },
  };
  for (const f of figures) {
    const t0 = Date.now();
    try {
      const got = await f.run(ctx);
      rows.push(...got);
      chromiumVersion ??= (await browserPromise)?.version();
      save();
      console.log(`  ${f.id}: ${got.length} 项，${((Date.now() - t0) / 1000).toFixed(0)} 秒`);
    } catch (err) {
      console.error(`  ${f.id} 测量失败：${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
const b = await browserPromise;
chromiumVersion ??= b?.version();
await b?.close();
save();
console.log(`\n基准测试结果（中位数；比值相对同一次运行中测得的基线；${Math.round((Date.now() - started) / 1000)} 秒）\n`);
console.log(markdownTable(rows));
console.log(`\n结果已写入 ${resultsFile}`);
