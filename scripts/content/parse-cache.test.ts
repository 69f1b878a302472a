import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ParseCache } from './parse-cache.ts';
import * as yamlSource from './yaml-source.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const YAML = 'code: MZ-001\nname: 低保\nmaterials:\n  - name: 身份证\n    copies: 1\n  - name: 户口簿\nfee:\n  charged: false\n';
const MD = '---\nid: a1\ntitle: 公告\n---\n正文第一行\n';

describe('ParseCache', () => {
  it('gives back the same data and line numbers from the cache, without parsing again', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'parse-cache-'));
    dirs.push(dir);
    const file = path.join(dir, '.cache', 'parsed.json');
    const first = await ParseCache.open(file);
    const a = first.yaml('items/mz/MZ-001.yaml', YAML).source!;
    const m = first.markdown('announcements/a1.md', MD).source!;
    await first.save();
    expect((await stat(file)).size).toBeGreaterThan(0);

    const spy = vi.spyOn(yamlSource, 'parseYamlSource');
    const second = await ParseCache.open(file);
    const b = second.yaml('items/mz/MZ-001.yaml', YAML).source!;
    const n = second.markdown('announcements/a1.md', MD).source!;
    expect(spy).not.toHaveBeenCalled();
    expect(b.data).toEqual(a.data);
    for (const p of [[], ['name'], ['materials', 1, 'name'], ['materials', 1, 'copies'], ['fee', 'charged'], ['missing', 'deep']]) {
      expect(b.line(p), JSON.stringify(p)).toBe(a.line(p));
    }
    expect([n.data, n.body, n.bodyLine, n.line(['title'])]).toEqual([m.data, m.body, m.bodyLine, m.line(['title'])]);

    // A changed file is parsed again; a file with problems is never cached.
    expect(second.yaml('items/mz/MZ-001.yaml', YAML.replace('低保', '低保金')).source!.data).toMatchObject({ name: '低保金' });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(second.yaml('bad.yaml', 'a: [1,').problems.length).toBeGreaterThan(0);
    expect(second.yaml('bad.yaml', 'a: [1,').problems.length).toBeGreaterThan(0);
    expect(spy).toHaveBeenCalledTimes(3);
    spy.mockRestore();
  });
});
