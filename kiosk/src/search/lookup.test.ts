/**
 * The indexed search must find exactly what a full scan with the reference matcher finds:
 * same refs in the same order, same entries, hits and scores — for initials, full pinyin,
 * mixed, polyphones, aliases, Chinese characters, out-of-order fallbacks, typed key by key.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateContent, writeContentTree } from '../../../scripts/bench/generate-content.ts';
import { buildPublication } from '../../../scripts/publish/publish.ts';
import { siteBundleOf } from '../../../scripts/publish/build-bundles.ts';
import type { SearchEntry, SiteBundle } from '../bundle/schema.ts';
import { prepareSearch, search } from './match.ts';
import { search as referenceSearch } from './match-reference.ts';
import { keepRanked, rankedFor } from './lookup.ts';
import { buildStartIndex, decodeStarts, startKeyOf } from './start-keys.ts';

let dir = '';
let bundles: SiteBundle[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lookup-'));
  writeContentTree(dir, generateContent({ sites: 13, items: 400, announcements: 30, seed: 5 }));
  const generated = await buildPublication(dir);
  const demo = await buildPublication(path.resolve(import.meta.dirname, '../../../content'));
  const sitesOf = (p: typeof demo.publication) => (p ? p.built.sites.slice(0, 2).map((s) => siteBundleOf(p.built, s)) : []);
  bundles = [...sitesOf(generated.publication), ...sitesOf(demo.publication).slice(0, 1)];
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Queries a resident types: initials, full pinyin (every reading), mixed, Chinese, typos. */
function queriesFor(b: SiteBundle): string[] {
  const out = new Set<string>([
    'dbsq',
    'dibao',
    'ylbx',
    'xnh',
    'zxbl',
    'cxbl',
    'shenqing',
    'sq',
    'zdbz',
    'qqqqxx',
    'jmyl',
    '2026',
    '低保',
    '保s',
    'bt',
    'nj',
  ]);
  b.search.forEach((e, i) => {
    if (i % 23 !== 0) return;
    const rs = e.readings.filter((r) => r.length > 0);
    out.add(
      rs
        .map((r) => r[0][0])
        .join('')
        .slice(0, 6),
    );
    out.add(
      rs
        .map((r) => r[r.length - 1])
        .join('')
        .slice(0, 10),
    );
    out.add(
      rs
        .slice(1, 4)
        .map((r, j) => (j === 0 ? r[0] : r[0][0]))
        .join(''),
    );
    out.add([...e.text].slice(0, 2).join(''));
  });
  return [...out].filter(Boolean);
}

const view = (rs: ReturnType<typeof search>) =>
  rs.map((r) => [r.ref, r.entry.text, r.match.hits.join(','), r.match.score, r.match.contiguous]);

describe('indexed search', () => {
  it('finds exactly what the full reference scan finds, typed one key at a time', () => {
    let compared = 0;
    for (const b of bundles) {
      expect(b.searchIndex?.entries).toBe(b.search.length);
      const pop = new Map(b.items.map((i) => [i.code, i.popularity]));
      const popularity = (ref: string) => pop.get(ref) ?? 0;
      for (const q of queriesFor(b)) {
        for (let n = 1; n <= q.length; n++) {
          const k = q.slice(0, n);
          const expected = view(referenceSearch(b.search, k, { popularity }));
          expect(view(search(b.search, k, { popularity, index: b.searchIndex })), k).toEqual(expected);
          expect(view(search(b.search, k, { popularity, index: b.searchIndex, limit: 5 })), k).toEqual(expected.slice(0, 5));
          compared++;
        }
        // The same query typed fresh (not extending the previous one): looked up by its start key.
        search(b.search, '9', { index: b.searchIndex });
        expect(view(search(b.search, q, { popularity, index: b.searchIndex })), q).toEqual(
          view(referenceSearch(b.search, q, { popularity })),
        );
      }
    }
    expect(compared).toBeGreaterThan(500);
  }, 120_000);

  it('applies a filter after the lookup, as the scan does', () => {
    const b = bundles[0];
    const filter = (e: { ref: string }) => !e.ref.startsWith('ann:') && e.ref.charCodeAt(e.ref.length - 1) % 2 === 0;
    for (const q of ['s', 'sq', 'shen', 'gg', 'bt']) {
      expect(view(search(b.search, q, { filter, index: b.searchIndex, limit: 40 }))).toEqual(
        view(referenceSearch(b.search, q, { filter, limit: 40 })),
      );
    }
  });

  it('answers a dense key from its ranked list, exactly as the scan does, and falls back when the list cannot', () => {
    let ranked = 0;
    for (const b of bundles) {
      const idx = b.searchIndex!;
      const pop = new Map(b.items.map((i) => [i.code, i.popularity]));
      const popularity = (ref: string) => pop.get(ref) ?? 0;
      for (const key of idx.dense.filter((k) => /^[a-z0-9]+$/.test(k))) {
        for (const limit of [1, 5, 40]) {
          const expected = view(referenceSearch(b.search, key, { popularity })).slice(0, limit);
          let tested = 0;
          const filter = () => {
            tested++;
            return true;
          };
          // The first search of a dense key ranks it (a scan), the next ones read the list.
          expect(view(search(b.search, key, { popularity, index: idx, limit })), key).toEqual(expected);
          const list = rankedFor(b.search, idx, key)!;
          expect(list, key).toBeDefined();
          expect(view(search(b.search, key, { popularity, filter, index: idx, limit })), key).toEqual(expected);
          if (new Set([...list].map((i) => b.search[i].ref)).size >= limit * 2) {
            expect(tested, key).toBeLessThanOrEqual(list.length);
            ranked++;
          }
          // A filter that leaves too few refs in the list: scanned, same results.
          const few = (e: { ref: string }) => e.ref.charCodeAt(e.ref.length - 1) % 5 === 0;
          expect(view(search(b.search, key, { popularity, filter: few, index: idx, limit }))).toEqual(
            view(referenceSearch(b.search, key, { popularity, filter: few })).slice(0, limit),
          );
        }
        // A list out of the matcher's order: scanned.
        const list = rankedFor(b.search, idx, key)!;
        keepRanked(b.search, idx, key, Int32Array.from([...list].reverse()));
        expect(view(search(b.search, key, { popularity, index: idx, limit: 5 }))).toEqual(
          view(referenceSearch(b.search, key, { popularity })).slice(0, 5),
        );
        keepRanked(b.search, idx, key, list);
      }
    }
    expect(ranked).toBeGreaterThan(20);
  });

  it('prepares every dense key ahead (idle steps), with the same results after', () => {
    const b = bundles[1];
    const entries = structuredClone(b.search);
    const idx = structuredClone(b.searchIndex!);
    const steps = prepareSearch(entries, idx);
    const dense = idx.dense.filter((k) => /^[a-z0-9]+$/.test(k));
    expect(dense.length).toBeGreaterThan(0);
    expect(steps.length).toBeGreaterThan(dense.length);
    for (const k of dense) expect(rankedFor(entries, idx, k)).toBeUndefined();
    for (const step of steps) step();
    for (const k of dense) {
      expect(rankedFor(entries, idx, k)?.length, k).toBeGreaterThan(0);
      expect(view(search(entries, k, { index: idx, limit: 8 }))).toEqual(view(referenceSearch(entries, k)).slice(0, 8));
    }
  });

  it('on a large site after the idle steps, the first 40 and 10 results of every key match the full scan', async () => {
    const dir3k = mkdtempSync(path.join(tmpdir(), 'lookup-3k-'));
    try {
      writeContentTree(dir3k, generateContent({ sites: 1, items: 3000, announcements: 40, seed: 9 }));
      const { publication } = await buildPublication(dir3k);
      {
        const b = siteBundleOf(publication!.built, publication!.built.sites[0]);
        const entries = b.search;
        const idx = buildStartIndex(entries);
        for (const step of prepareSearch(entries, idx)) step();
        const pop = new Map(b.items.map((i) => [i.code, i.popularity]));
        const popularity = (ref: string) => pop.get(ref) ?? 0;
        // The kiosk's filter: only some refs are shown (here: every item code with an even digit sum).
        const shown = (ref: string) => [...ref].reduce((n, c) => n + (c.charCodeAt(0) % 2), 0) % 2 === 0;
        const filter = (e: SearchEntry) => shown(e.ref);
        const queries = [
          'dbsq',
          'dibao',
          'yibao',
          'shengyu',
          'shenqing',
          'nongjibutie',
          'nongcun',
          'qxzz',
          'zhengming',
          'ylbx',
          'jiating',
          'shebao',
        ];
        let compared = 0;
        for (const q of queries) {
          for (let n = 1; n <= q.length; n++) {
            const k = q.slice(0, n);
            const all = referenceSearch(entries, k, { popularity });
            expect(view(search(entries, k, { popularity, index: idx, limit: 40 })), k).toEqual(view(all).slice(0, 40));
            const some = referenceSearch(entries, k, { popularity, filter });
            expect(view(search(entries, k, { popularity, filter, index: idx, limit: 10 })), k).toEqual(view(some).slice(0, 10));
            compared++;
          }
        }
        expect(compared).toBeGreaterThan(70);
      }
    } finally {
      rmSync(dir3k, { recursive: true, force: true });
    }
  }, 120_000);

  it('still finds a strong match in the middle of a text when many weak ones start at the first character', () => {
    // 1,100 long texts whose first character begins the query (a weak prefix of one long
    // reading), and one text where the query's letters are whole one-letter readings after
    // its first character: that one scores best and must come first.
    const weak: SearchEntry[] = Array.from({ length: 1100 }, (_, i) => ({
      ref: `w${i}`,
      text: `甲${'乙'.repeat(19)}`,
      alias: false,
      readings: [['abcdefghij'], ...Array.from({ length: 19 }, () => ['z'])],
    }));
    const strong: SearchEntry = { ref: 'strong', text: '口abcdefgh', alias: false, readings: [['k'], ...[...'abcdefgh'].map((c) => [c])] };
    const entries = [...weak, strong];
    const idx = buildStartIndex(entries);
    for (const step of prepareSearch(entries, idx)) step();
    for (let n = 1; n <= 8; n++) {
      const k = 'abcdefgh'.slice(0, n);
      expect(view(search(entries, k, { index: idx, limit: 40 })), k).toEqual(view(referenceSearch(entries, k)).slice(0, 40));
    }
    expect(search(entries, 'abcdefgh', { index: idx, limit: 40 })[0].ref).toBe('strong');
  });

  it('ignores an index built over other entries', () => {
    const b = bundles[0];
    const other = bundles[1].searchIndex;
    expect(view(search(b.search, 'sq', { index: other }))).toEqual(view(referenceSearch(b.search, 'sq')));
  });

  it('keeps the start-key lists ascending and within the entries', () => {
    const b = bundles[0];
    const idx = b.searchIndex!;
    for (const text of Object.values(idx.starts)) {
      const list = decodeStarts(text);
      for (let i = 0; i < list.length; i++) {
        expect(list[i]).toBeGreaterThanOrEqual(i === 0 ? 0 : list[i - 1] + 1);
        expect(list[i]).toBeLessThan(b.search.length);
      }
    }
    expect(startKeyOf('dbsq')).toBe('db');
    expect(startKeyOf('d')).toBe('d');
    expect(startKeyOf('低保')).toBe('低');
    expect(startKeyOf('d保')).toBe('d保');
  });
});
