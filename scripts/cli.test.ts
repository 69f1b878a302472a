import { afterEach, describe, expect, it, vi } from 'vitest';
import { argumentErrorText, CliError, runCli } from './cli.ts';

const spec = {
  usage: '用法：测试工具 [--out 文件夹] [--force]',
  failure: '测试失败',
  options: { out: { type: 'string' }, force: { type: 'boolean' } },
} as const;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  return { out, err };
}

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('runCli', () => {
  it('passes the parsed options and returns the exit code', async () => {
    capture();
    const seen: unknown[] = [];
    expect(await runCli(spec, async ({ values }) => void seen.push(values), ['--out', 'x', '--force'])).toBe(0);
    expect(seen).toEqual([{ out: 'x', force: true }]);
    expect(await runCli(spec, async () => 3, [])).toBe(3);
    expect(process.exitCode).toBe(3);
  });
  it('prints the usage for --help and -h', async () => {
    const { out } = capture();
    expect(await runCli(spec, async () => 1, ['-h'])).toBe(0);
    expect(out).toEqual([spec.usage]);
  });
  it('explains a wrong argument in Chinese, with the usage, exit 2', async () => {
    const { err } = capture();
    expect(await runCli(spec, async () => 0, ['--bogus'])).toBe(2);
    expect(err[0]).toBe(`参数错误：不认识的选项 --bogus\n\n${spec.usage}`);
    expect(await runCli(spec, async () => 0, ['--out'])).toBe(2);
    expect(err[1]).toMatch(/^参数错误：选项 --out 的值不对/);
    expect(await runCli(spec, async () => 0, ['extra'])).toBe(2);
    expect(err[2]).toMatch(/^参数错误：多余的参数 extra/);
  });
  it('prints a known failure as it is and an unexpected one in one line, never a stack', async () => {
    const { err } = capture();
    expect(
      await runCli(spec, async () => {
        throw new CliError('密钥已存在，未覆盖', 4);
      }, []),
    ).toBe(4);
    expect(
      await runCli(spec, async () => {
        throw new Error('EACCES: permission denied');
      }, []),
    ).toBe(1);
    expect(err).toEqual(['密钥已存在，未覆盖', '测试失败：EACCES: permission denied']);
  });
  it('keeps a message it does not know', () => {
    expect(argumentErrorText(new Error('something else'))).toBe('something else');
  });
});
