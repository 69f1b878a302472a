import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { goodRow, makeContent, snapshot, table, tempDir, writeCsv } from './test-support.ts';

// Writing and reading workbooks (and starting the CLI) takes seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function run(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/import-catalogue.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run import-catalogue', () => {
  it('prints added/updated/unchanged and exits 0; errors go to stderr with exit 1', async () => {
    const dir = await tempDir();
    const content = await makeContent(path.join(dir, 'content'));
    const good = await writeCsv(
      path.join(dir, 'good.csv'),
      table([goodRow(), goodRow({ 事项编码: 'MZ-001', 事项名称: '最低生活保障申请', 承诺时限: 20, 法定时限: 30 })]),
      'gbk',
    );
    const ok = run([good, '--content', content]);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('读取 good.csv：2 行事项，编码 GBK/GB18030');
    expect(ok.out).toContain('新增 MZ-101 临时救助申请 → items/minzheng/MZ-101.yaml');
    expect(ok.out).toContain('导入完成：新增 1 项，更新 1 项，未变 0 项。');

    const again = run([good, '--content', content]);
    expect(again.out).toContain('导入完成：新增 0 项，更新 0 项，未变 2 项。');

    const before = await snapshot(content);
    const bad = await writeCsv(path.join(dir, 'bad.csv'), table([goodRow({ 事项编码: 'MZ-102', 事项类型: '审批' })]), 'utf-8-bom');
    const failed = run([bad, '--content', content]);
    expect(failed.code).toBe(1);
    expect(failed.err).toContain('发现 1 个问题，内容文件夹没有任何改动：');
    expect(failed.err).toContain('工作表「bad」 第 2 行 「事项类型」（C 列）：事项类型「审批」不在规定范围内');
    expect(await snapshot(content)).toEqual(before);
  });

  it('writes the xlsx template and refuses bad arguments', async () => {
    const out = path.join(await tempDir(), 't.xlsx');
    const r = run(['--template', out]);
    expect(r.code).toBe(0);
    expect((await readFile(out)).subarray(0, 2).toString()).toBe('PK');
    expect(run([]).code).toBe(2);
    expect(run(['--bogus']).code).toBe(2);
  });
});
