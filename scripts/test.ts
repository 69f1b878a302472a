/**
 * npm test — everything, from a fresh clone: finds (or installs) Chromium, type-checks, runs
 * the unit tests (vitest), builds the app, publishes the demo content into dist/content and runs
 * the e2e tests (Playwright, portrait and landscape). Output streams as it goes; the last line
 * is `tests: <passed> passed, <failed> failed` (unit + e2e). Exit code non-zero on any failure.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from './find-chromium.ts';
import { nodeBin, runStep, TSX, VITE } from './run-step.ts';
import { findPostgres } from './hub/find-postgres.ts';
import { PG_MISSING } from './hub/test-support.ts';

const TSC = nodeBin('typescript/bin/tsc');
const VITEST = nodeBin('vitest/vitest.mjs');
const PLAYWRIGHT = nodeBin('@playwright/test/cli.js');
const BIOME = nodeBin('@biomejs/biome/bin/biome');
const OXLINT = nodeBin('oxlint/bin/oxlint');

function banner(text: string): void {
  console.log(`\n==== ${text} ====`);
}

function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function hasChineseFont(): boolean {
  if (!hasCommand('fc-list')) return true; // cannot tell; do not install blindly
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return true;
  }
}

async function ensureChromium(): Promise<string | null> {
  let path = findChromium();
  const isRoot = process.getuid?.() === 0;
  const canApt = isRoot && hasCommand('apt-get');
  const packages = [...(path ? [] : ['chromium']), ...(hasChineseFont() ? [] : ['fonts-noto-cjk'])];
  if (packages.length && canApt && !process.env.CHROMIUM_PATH) {
    banner(`安装 ${packages.join(' ')}（apt-get）`);
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    if ((await runStep('apt-get', ['update'], env)) === 0) {
      await runStep('apt-get', ['install', '-y', '--no-install-recommends', ...packages], env);
    }
    path = findChromium();
  }
  return path;
}

interface Counts {
  passed: number;
  failed: number;
}

function readJson(file: string): unknown {
  try {
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  } catch {
    return null;
  }
}

function vitestCounts(file: string): Counts | null {
  const r = readJson(file) as { numPassedTests?: number; numFailedTests?: number } | null;
  return r && typeof r.numPassedTests === 'number' ? { passed: r.numPassedTests, failed: r.numFailedTests ?? 0 } : null;
}

function playwrightCounts(file: string): Counts | null {
  const r = readJson(file) as { stats?: { expected: number; unexpected: number; flaky: number } } | null;
  return r?.stats ? { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected } : null;
}

async function main(): Promise<number> {
  const out = mkdtempSync(join(tmpdir(), 'bianmin-test-'));
  const failedSteps: string[] = [];
  const total: Counts = { passed: 0, failed: 0 };

  banner('查找 Chromium');
  const chromium = await ensureChromium();
  if (!chromium) {
    console.error(
      [
        '找不到 Chromium，无法运行端到端测试。',
        '请安装 Chromium 和中文字体后重试，例如（Debian/Ubuntu，root）：',
        '  apt-get update && apt-get install -y chromium fonts-noto-cjk',
        '或设置环境变量 CHROMIUM_PATH 指向 Chromium/Chrome 可执行文件。',
      ].join('\n'),
    );
    console.log('tests: 0 passed, 0 failed');
    return 1;
  }
  console.log(`使用 ${chromium}`);
  const env = { CHROMIUM_PATH: chromium };

  banner('查找 PostgreSQL（县级管理平台测试）');
  const postgres = await findPostgres();
  if (!postgres) {
    console.error(PG_MISSING);
    console.log('tests: 0 passed, 0 failed');
    return 1;
  }
  console.log(`使用 ${postgres.how}`);
  process.on('exit', () => postgres.stop());

  banner('代码检查（Biome 格式与分层规则、oxlint）');
  const biomeOk = (await runStep(BIOME[0], [...BIOME[1], 'check', '.'])) === 0;
  const oxlintOk = (await runStep(OXLINT[0], [...OXLINT[1], '-c', '.oxlintrc.json', 'kiosk', 'scripts', 'e2e', 'vite.config.ts'])) === 0;
  if (!biomeOk || !oxlintOk) failedSteps.push('代码检查');

  banner('类型检查（tsc --noEmit）');
  if ((await runStep(TSC[0], [...TSC[1], '--noEmit'])) !== 0) failedSteps.push('类型检查');

  banner('单元测试（vitest）');
  const unitJson = join(out, 'unit.json');
  const unitCode = await runStep(
    VITEST[0],
    [...VITEST[1], 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`],
    { TEST_DATABASE_URL: postgres.url },
  );
  const unit = vitestCounts(unitJson);
  if (unit) {
    total.passed += unit.passed;
    total.failed += unit.failed;
  }
  if (unitCode !== 0 || !unit) failedSteps.push('单元测试');

  banner('构建查询机（vite build）');
  const built = (await runStep(VITE[0], [...VITE[1], 'build'])) === 0;
  if (!built) failedSteps.push('构建');

  banner('发布示例内容到 dist/content');
  const published = built && (await runStep(TSX[0], [...TSX[1], 'scripts/publish-content.ts'])) === 0;
  if (built && !published) failedSteps.push('发布示例内容');

  if (built && published) {
    banner('端到端测试（Playwright，竖屏与横屏）');
    const e2eJson = join(out, 'e2e.json');
    const e2eCode = await runStep(PLAYWRIGHT[0], [...PLAYWRIGHT[1], 'test', '-c', 'e2e'], { ...env, BIANMIN_E2E_JSON: e2eJson });
    const e2e = playwrightCounts(e2eJson);
    if (e2e) {
      total.passed += e2e.passed;
      total.failed += e2e.failed;
    }
    if (e2eCode !== 0 || !e2e) failedSteps.push('端到端测试');
  } else {
    console.log('（构建或发布失败，跳过端到端测试）');
  }

  console.log('');
  if (failedSteps.length) console.log(`失败的步骤：${failedSteps.join('、')}`);
  else console.log('全部通过。');
  console.log(`tests: ${total.passed} passed, ${total.failed} failed`);
  return failedSteps.length || total.failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    console.log('tests: 0 passed, 1 failed');
    process.exit(1);
  },
);
