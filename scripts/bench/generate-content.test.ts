import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../content/load-content.ts';
import { validateContent } from '../content/validate-content.ts';
import { generateContent, OutputNotEmpty, portraitPng, writeContentTree } from './generate-content.ts';

const digest = (files: Map<string, Buffer>) => {
  const h = createHash('sha256');
  for (const [k, v] of files) h.update(k).update('\0').update(v).update('\0');
  return h.digest('hex');
};

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'gen-content-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('generateContent', () => {
  const opts = { sites: 30, items: 120, announcements: 40, seed: 7 };

  it('writes the same bytes for the same options and different bytes for another seed', () => {
    const a = generateContent(opts);
    const b = generateContent(opts);
    expect(digest(a.files)).toBe(digest(b.files));
    expect(digest(generateContent({ ...opts, seed: 8 }).files)).not.toBe(digest(a.files));
  });

  it('has the requested counts: 12 sites per township, 11 villages each, items, texts, staff', () => {
    const t = generateContent(opts);
    const paths = [...t.files.keys()];
    const sites = paths.filter((p) => p.startsWith('sites/'));
    expect(sites).toHaveLength(30);
    expect(t.counts.townships).toBe(3);
    expect(t.counts.villages).toBe(27);
    const villagesOf = (code: string) => sites.filter((p) => p.startsWith(`sites/${code}-`)).length;
    expect(t.townships.map(villagesOf)).toEqual([11, 11, 5]);
    expect(paths.filter((p) => p.startsWith('items/'))).toHaveLength(120);
    expect(paths.filter((p) => p.startsWith('announcements/'))).toHaveLength(40);
    expect(paths.filter((p) => p.startsWith('documents/'))).toHaveLength(4);
    expect(paths.filter((p) => p.startsWith('staff/') && p.endsWith('.yaml'))).toHaveLength(3);
    expect(paths.filter((p) => p.startsWith('staff/photos/'))).toHaveLength(t.counts.photos);
    expect(t.counts.staff).toBe(30);
  });

  it('offers about 10 % of items everywhere and the rest at 1–3 townships', () => {
    const t = generateContent({ sites: 120, items: 2000, announcements: 0, seed: 3 });
    const everywhere = t.items.filter((i) => i.sites === 'all').length;
    expect(everywhere / 2000).toBeGreaterThan(0.07);
    expect(everywhere / 2000).toBeLessThan(0.13);
    for (const i of t.items) {
      if (i.sites === 'all') continue;
      expect(i.sites.length).toBeGreaterThanOrEqual(1);
      expect(i.sites.length).toBeLessThanOrEqual(3);
      for (const s of i.sites) expect(t.townships).toContain(s);
    }
  });

  it('gives items distinct Chinese names and aliases', () => {
    const t = generateContent({ sites: 1, items: 10_000, announcements: 0, seed: 1 });
    const names = [...t.files].filter(([p]) => p.startsWith('items/')).map(([, b]) => /^name: (.*)$/m.exec(b.toString('utf8'))?.[1] ?? '');
    expect(new Set(names).size).toBe(10_000);
    expect(names.every((n) => /^[\p{Script=Han}（）()\d]+$/u.test(n))).toBe(true);
    const first = t.files.get(t.items[0].file)?.toString('utf8') ?? '';
    expect(first).toMatch(/^keywords: \["[\p{Script=Han}]+"/mu);
  });

  it('makes valid PNG photos', () => {
    const png = portraitPng(10, 20, 30);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(24);
    expect(png.readUInt32BE(20)).toBe(30);
  });

  it('writes a tree the publisher validates without a single problem', async () => {
    const dir = tmp();
    writeContentTree(path.join(dir, 'c'), generateContent({ sites: 26, items: 150, announcements: 30, seed: 11 }));
    const problems = validateContent(await loadContent(path.join(dir, 'c')));
    expect(problems).toEqual([]);
    // One township alone (the 10,000-item tier's shape): no village-only item without a village.
    writeContentTree(path.join(dir, 'one'), generateContent({ sites: 1, items: 80, announcements: 5, seed: 2 }));
    expect(validateContent(await loadContent(path.join(dir, 'one')))).toEqual([]);
  });

  it('replaces its own earlier output but never a folder it did not write', () => {
    const dir = tmp();
    const out = path.join(dir, 'c');
    writeContentTree(out, generateContent({ ...opts, items: 5 }));
    writeContentTree(out, generateContent({ ...opts, items: 3 }));
    expect(readdirSync(path.join(out, 'items')).flatMap((d) => readdirSync(path.join(out, 'items', d)))).toHaveLength(3);
    const other = path.join(dir, 'other');
    writeContentTree(other, generateContent(opts));
    rmSync(path.join(other, '.generated-content'));
    writeFileSync(path.join(other, 'mine.txt'), 'x');
    expect(() => writeContentTree(other, generateContent(opts))).toThrow(OutputNotEmpty);
  });
});
