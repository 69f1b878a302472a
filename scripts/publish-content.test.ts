import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateKeyFiles } from './keygen.ts';
import { replace, writeContent } from './publish/fixtures/minimal-content.ts';
import { verifyPublishedFolder } from './publish/verify.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

function run(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/publish-content.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: '1764032400' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run publish-content', () => {
  it('publishes, says nothing changed the second time, and refuses bad content with exit 1', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'pubcli-'));
    dirs.push(tmp);
    const key = await generateKeyFiles(path.join(tmp, 'keys'));
    const content = await writeContent();
    const out = path.join(tmp, 'out');

    const first = run(['--content', content, '--out', out, '--key', key.privateKeyPath]);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('已发布内容版本 1（2025-11-25T09:00:00+08:00）');
    expect(first.out).toContain('站点 4 个（乡镇便民服务中心 2 个，村(社区)代办站 2 个），事项 4 项，公告 2 条，政府信息 1 份，图片 2 张');
    expect((await verifyPublishedFolder(out, key.publicKeyBase64)).ok).toBe(true);

    const second = run(['--content', content, '--out', out, '--key', key.privateKeyPath]);
    expect(second.code).toBe(0);
    expect(second.out).toContain('内容没有变化：仍为版本 1');

    const bad = await writeContent({ 'items/minzheng/MZ-002.yaml': replace('  standard: 每件10元\n', '') });
    const listing = await readdir(out);
    const failed = run(['--content', bad, '--out', out, '--key', key.privateKeyPath]);
    expect(failed.code).toBe(1);
    expect(failed.err).toContain('内容有 1 个问题，未发布（输出文件夹没有任何改动）');
    expect(failed.err).toMatch(/items\/minzheng\/MZ-002\.yaml:\d+ fee\.standard — 收费事项必须填写收费标准/);
    expect(await readdir(out)).toEqual(listing);
    await rm(bad, { recursive: true, force: true });
    await rm(content, { recursive: true, force: true });
  }, 60_000);
});
