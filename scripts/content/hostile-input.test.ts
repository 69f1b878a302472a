/**
 * The publisher's own bad input: each class ends in a Chinese problem naming the file (and
 * line where there is one), nothing written, and — through the CLI — exit code 1 without a
 * stack trace.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSigningKeyPair, signingKeyFromPem } from '../publish/keys.ts';
import { MarkdownRefused, renderMarkdown } from '../publish/markdown.ts';
import { publishContent } from '../publish/publish.ts';
import { lineOf, MINIMAL_CONTENT, replace, writeContent, type Overrides } from '../publish/fixtures/minimal-content.ts';
import { loadContent } from './load-content.ts';
import type { Problem } from './problems.ts';
import { NOT_UTF8 } from './read-text.ts';
import { validateContent } from './validate-content.ts';

const temp: string[] = [];
afterAll(async () => {
  await Promise.all(temp.map((d) => rm(d, { recursive: true, force: true })));
});
const key = signingKeyFromPem(generateSigningKeyPair().privatePem);

async function problemsOf(
  overrides: Overrides,
  prepare?: (dir: string) => Promise<void>,
): Promise<{ problems: Problem[]; dir: string; out: string }> {
  const dir = await writeContent(overrides);
  temp.push(dir);
  if (prepare) await prepare(dir);
  const out = await mkdtemp(path.join(os.tmpdir(), 'hostile-out-'));
  temp.push(out);
  const r = await publishContent({ contentDir: dir, outDir: out, key });
  expect(r.status).toBe('invalid');
  expect(await readdir(out)).toEqual([]);
  return { problems: r.status === 'invalid' ? r.problems : [], dir, out };
}

const ITEM = 'items/minzheng/MZ-001.yaml';
const text = (rel: string) => String(MINIMAL_CONTENT[rel]);

describe('hostile content input', () => {
  it('refuses a YAML alias bomb with a clear message, not a ReferenceError', async () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(9)
          .fill(`*${'abcdefghij'[i - 1]}`)
          .join(',')}]`,
      );
    const { problems } = await problemsOf({ 'topics.yaml': `${bomb.join('\n')}\n` });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'topics.yaml', line: 2 });
    expect(problems[0].message).toContain('别名（& 和 *）展开后内容过多');
  });

  it('refuses a huge data: image in Markdown before lexing, naming the line, without echoing it', async () => {
    const rel = 'announcements/a1.md';
    const huge = `![截图](data:image/png;base64,${'A'.repeat(2_000_000)})`;
    const { problems } = await problemsOf({ [rel]: `${text(rel)}\n${huge}\n` });
    expect(problems).toHaveLength(1);
    expect(problems[0].file).toBe(rel);
    expect(problems[0].line).toBe(text(rel).split('\n').length + 1);
    expect(problems[0].message).toContain('直接粘贴了图片数据');
    expect(problems[0].message.length).toBeLessThan(200);
    expect(() => renderMarkdown(huge)).toThrow(MarkdownRefused);
    // A small legitimate body still renders.
    expect(renderMarkdown('**好**').html).toBe('<p><strong>好</strong></p>');
  });

  it('refuses a GBK ("ANSI") file as not UTF-8, naming the first bad line, instead of publishing it garbled', async () => {
    const utf8 = text(ITEM);
    const { problems: all } = await problemsOf({ [ITEM]: iconv.encode(utf8, 'gbk') });
    const problems = all.filter((p) => p.file === ITEM);
    expect(problems).toHaveLength(1);
    expect(problems[0].file).toBe(ITEM);
    expect(problems[0].message).toContain(NOT_UTF8);
    const firstChinese = utf8.split('\n').findIndex((l) => /[^\x00-\x7f]/.test(l)) + 1;
    expect(problems[0].line).toBe(firstChinese);
  });

  it('refuses UTF-16 files with and without a byte-order mark', async () => {
    const withBom = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text('county.yaml'), 'utf16le')]);
    const noBom = iconv.encode(text(ITEM), 'utf16le');
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text(ITEM), 'utf16be')]);
    for (const [rel, data] of [
      ['county.yaml', withBom],
      [ITEM, noBom],
      [ITEM, be],
    ] as const) {
      const { problems } = await problemsOf({ [rel]: data });
      const mine = problems.filter((p) => p.file === rel);
      expect(mine).toHaveLength(1);
      expect(mine[0].message).toContain(NOT_UTF8);
      expect(mine[0].message).toContain('UTF-16');
    }
  });

  it('accepts a UTF-8 file with a byte-order mark', async () => {
    const dir = await writeContent({ [ITEM]: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text(ITEM))]) });
    temp.push(dir);
    expect(validateContent(await loadContent(dir))).toEqual([]);
  });

  it('refuses control characters (NUL, ESC, other C0) inside values, naming the field and line', async () => {
    for (const [ch, name] of [
      ['\u0000', 'NUL'],
      ['\u001b', 'ESC'],
      ['\u0007', 'U+0007'],
    ] as const) {
      const { problems: all } = await problemsOf({ [ITEM]: replace('name: 最低生活保障', `name: 最低${ch}生活保障`) });
      const problems = all.filter((p) => p.file === ITEM);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ file: ITEM, field: 'name', line: lineOf(ITEM, 'name: 最低生活保障') });
      expect(problems[0].message).toContain(name);
    }
    // Escaped in a double-quoted string, and in a Markdown body.
    const q = await problemsOf({ [ITEM]: replace('name: 最低生活保障申请', 'name: "最低\\e生活保障申请"') });
    expect(q.problems[0]).toMatchObject({ file: ITEM, field: 'name' });
    const rel = 'announcements/a1.md';
    const md = await problemsOf({ [rel]: `${text(rel)}\n正文\u001b[31m红字\n` });
    expect(md.problems[0]).toMatchObject({ file: rel, line: text(rel).split('\n').length + 1 });
    expect(md.problems[0].message).toContain('ESC');
  });

  it('refuses a symbolic link among the content files instead of skipping it', async () => {
    const { problems } = await problemsOf({}, async (dir) => {
      await symlink(path.join(dir, ITEM), path.join(dir, 'items/minzheng/MZ-009.yaml'));
      await symlink('/etc', path.join(dir, 'documents/etc'));
    });
    expect(problems.map((p) => p.file)).toEqual(['documents/etc', 'items/minzheng/MZ-009.yaml']);
    expect(problems[0].message).toContain('符号链接');
  });

  it('exits 1 through the CLI with a Chinese message and no stack trace', () => {
    const dir = path.join(os.tmpdir(), `hostile-cli-${process.pid}`);
    temp.push(dir);
    return writeContent({ [ITEM]: iconv.encode(text(ITEM), 'gbk') }, dir).then(() => {
      const out = path.join(dir, '..', `hostile-cli-out-${process.pid}`);
      temp.push(out);
      const keyFile = path.join(dir, '..', `hostile-cli-key-${process.pid}.pem`);
      temp.push(keyFile);
      writeFileSync(keyFile, generateSigningKeyPair().privatePem);
      const r = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/publish-content.ts', '--content', dir, '--out', out, '--key', keyFile],
        {
          cwd: path.resolve(import.meta.dirname, '../..'),
          encoding: 'utf8',
          env: { ...process.env, INIT_CWD: '/' },
        },
      );
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(NOT_UTF8);
      expect(r.stderr).toContain(ITEM);
      expect(r.stderr + r.stdout).not.toMatch(/\n\s+at /);
    });
  }, 30_000);
});
