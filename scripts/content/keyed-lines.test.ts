import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KeyedLines } from './keyed-lines.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function tempFile(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'keyed-lines-'));
  dirs.push(dir);
  return path.join(dir, 'sub', 'cache.txt');
}

describe('KeyedLines', () => {
  it('keeps what a run used, writes untouched lines back as read, drops the rest', async () => {
    const file = await tempFile();
    const first = await KeyedLines.open<{ n: number; s?: string }>(file, 'h1');
    first.set('a', { n: 1, s: '甲\t乙\n丙' });
    first.set('b', { n: 2 });
    first.set('c', { n: 3 });
    await first.save();
    expect(await readFile(file, 'utf8')).toBe('h1\na\t{"n":1,"s":"甲\\t乙\\n丙"}\nb\t{"n":2}\nc\t{"n":3}\n');

    // Hand-edit b's line: the store gives back what the file says and, unused lines aside, writes it back untouched.
    await writeFile(file, 'h1\na\t{"n":1,"s":"甲\\t乙\\n丙"}\nb\t{ "n" : 20 }\nc\t{"n":3}\n');
    const second = await KeyedLines.open<{ n: number }>(file, 'h1');
    expect(second.get('b')).toEqual({ n: 20 });
    expect(second.get('a')).toMatchObject({ n: 1 });
    expect(second.get('missing')).toBeUndefined();
    await second.save();
    expect(await readFile(file, 'utf8')).toBe('h1\nb\t{ "n" : 20 }\na\t{"n":1,"s":"甲\\t乙\\n丙"}\n');
  });

  it('starts empty on another header and forgets a damaged line', async () => {
    const file = await tempFile();
    const first = await KeyedLines.open<number>(file, 'rules-1');
    first.set('x', 1);
    await first.save();
    expect((await KeyedLines.open<number>(file, 'rules-2')).get('x')).toBeUndefined();
    await writeFile(file, 'rules-1\nx\t{broken\ny\t2\n');
    const again = await KeyedLines.open<number>(file, 'rules-1');
    expect(again.get('x')).toBeUndefined();
    expect(again.get('y')).toBe(2);
    await again.save();
    expect(await readFile(file, 'utf8')).toBe('rules-1\ny\t2\n');
  });

  it('stores nothing without a file', async () => {
    const none = KeyedLines.none<number>();
    none.set('x', 1);
    expect(none.get('x')).toBeUndefined();
    await none.save();
  });
});
