import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
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

describe('the line table', () => {
  /** Every path of a value, plus a missing child under each (looked up as its nearest ancestor). */
  function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
    const out: (string | number)[][] = [at, [...at, 'missing'], [...at, 99]];
    if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
    return out;
  }

  it('gives every line the syntax tree gives, for every file of the demo content and odd YAML', async () => {
    const root = path.resolve(import.meta.dirname, '../../content');
    const files = (await readdir(root, { recursive: true })).filter((f) => /\.(ya?ml|md)$/.test(f) && !/readme/i.test(f));
    expect(files.length).toBeGreaterThan(20);
    const odd: [string, string][] = [
      [
        'odd.yaml',
        'base: &b { a: 1, b: [x, y] }\nuse: *b\nmerged:\n  <<: *b\n  c: 2\nlist:\n  - - 1\n    - 2\n  -\n  - { k: v }\n01: zero\ntrue: yes\n',
      ],
      ['seq.yaml', '- a\n- b: 1\n  c:\n    - 2\n'],
    ];
    const dir = await mkdtemp(path.join(os.tmpdir(), 'line-table-'));
    dirs.push(dir);
    const cache = await ParseCache.open(path.join(dir, 'cache.json'));
    let checked = 0;
    for (const [rel, text] of [...files.map((f) => [f, '']), ...odd] as [string, string][]) {
      const body = text || (await readFile(path.join(root, rel), 'utf8'));
      const direct = rel.endsWith('.md')
        ? yamlSource.parseMarkdownSource(rel, body).source!
        : yamlSource.parseYamlSource(rel, body).source!;
      const cached = rel.endsWith('.md') ? cache.markdown(rel, body).source! : cache.yaml(rel, body).source!;
      for (const p of paths(direct.data)) {
        expect(cached.line(p), `${rel} ${JSON.stringify(p)}`).toBe(direct.line(p));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
