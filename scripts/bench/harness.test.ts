/** Correctness of the bench harness (not its timings): tables, bursts, edits, site choice. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { editOneItem, statusNote } from './figures.ts';
import { generateContent, writeContentTree } from './generate-content.ts';
import { kindOf, summarise } from './loaded-js.ts';
import { median } from './measure.ts';
import { formatValue, markdownTable, ratioText, type Row } from './report.ts';
import { percentile } from './search-bench.ts';
import { siteOf, townshipsOf } from './site-of.ts';
import { medianTownship } from './tiers.ts';
import { bursts, requestsIn, statusesIn } from './wire.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('report', () => {
  it('formats values and ratios against the same-run baseline', () => {
    expect(formatValue(1536, 'B')).toBe('1.5 kB');
    expect(formatValue(3 * 1048576, 'B')).toBe('3.00 MB');
    expect(formatValue(12.34, 'ms')).toBe('12.3 ms');
    const row: Row = { figure: 'wire', tier: 's500', name: 'poll', value: 512, unit: 'B', baseline: { name: 'full', value: 1024 * 1024 } };
    expect(ratioText(row)).toBe('4.9e-4× full (1.00 MB)');
    expect(ratioText({ ...row, baseline: { name: 'x', value: 0 } })).toBe('— (x = 0)');
  });
  it('prints one Markdown row per figure row, escaping pipes', () => {
    const t = markdownTable([{ figure: 'a', tier: 'demo', name: 'x|y', value: 2, unit: 'count', runs: 3 }]);
    expect(t.split('\n')).toEqual([
      '| figure | tier | measure | value | vs baseline (same run) | runs |',
      '|---|---|---|---:|---|---:|',
      '| a | demo | x\\|y | 2 |  | 3 |',
    ]);
  });
  it('takes medians and percentiles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBe(0);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
  });
});

describe('wire bursts', () => {
  it('splits traffic at quiet gaps and sums each direction', () => {
    const b = bursts(
      [
        { t: 0, dir: 'up', bytes: 100 },
        { t: 5, dir: 'down', bytes: 1000 },
        { t: 2000, dir: 'up', bytes: 90 },
        { t: 2010, dir: 'down', bytes: 300 },
        { t: 2020, dir: 'up', bytes: 80 },
        { t: 2030, dir: 'down', bytes: 50 },
      ],
      1000,
    );
    expect(b.map((x) => [x.requests, x.up, x.down])).toEqual([
      [1, 100, 1000],
      [2, 170, 350],
    ]);
  });
});

describe('wire statuses', () => {
  it('reads request lines and response statuses from raw HTTP/1.1 chunks', () => {
    const up = Buffer.from('GET /sites/a.json HTTP/1.1\r\nHost: x\r\nIf-None-Match: "abc"\r\n\r\n');
    const down = Buffer.from('HTTP/1.1 304 Not Modified\r\nETag: "abc"\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}');
    expect(requestsIn(up)).toEqual(['GET /sites/a.json']);
    expect(statusesIn(down)).toEqual([304, 200]);
    expect(statusesIn(Buffer.from('{"x":"HTTP/1.1 200 "}'))).toEqual([]);
    const b = bursts(
      [
        { t: 0, dir: 'up', bytes: up.length, requests: requestsIn(up) },
        { t: 1, dir: 'down', bytes: 40, statuses: [304] },
        { t: 3000, dir: 'up', bytes: up.length, requests: ['GET /sites/a.json'] },
        { t: 3001, dir: 'down', bytes: 40, statuses: [304] },
      ],
      1000,
    );
    expect(statusNote(b)).toBe('2× /sites/a.json; 2× 304');
    expect(statusNote([{ paths: ['GET /sites/a.json', 'GET /parts/0123abcd.json'], statuses: [200, 200] }])).toBe(
      '/sites/a.json, /parts/…; 2× 200',
    );
    // A head right after the previous response's body, in the same chunk.
    expect(statusesIn(Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08]), Buffer.from('HTTP/1.1 200 OK\r\n')]))).toEqual([200]);
  });
});

describe('loaded files', () => {
  it('counts app scripts and styles, not content', () => {
    expect(kindOf('http://x/assets/index-abc.js', 'text/javascript')).toBe('js');
    expect(kindOf('http://x/assets/a.css', 'text/css')).toBe('css');
    expect(kindOf('http://x/content/manifest.json', 'application/json')).toBeUndefined();
    const s = summarise('kiosk', [
      { path: '/a.js', kind: 'js', bytes: 10, gzip: 5 },
      { path: '/b.js', kind: 'js', bytes: 10, gzip: 6 },
      { path: '/c.css', kind: 'css', bytes: 10, gzip: 2 },
    ]);
    expect([s.jsGzip, s.cssGzip]).toEqual([11, 2]);
  });
});

describe('tiers', () => {
  it('edits exactly one item offered everywhere', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-edit-'));
    dirs.push(dir);
    const tree = generateContent({ sites: 13, items: 60, announcements: 0, seed: 2 });
    writeContentTree(dir, tree);
    const file = editOneItem(dir, '（改）');
    const changed = tree.items.filter((i) => readFileSync(path.join(dir, i.file), 'utf8') !== tree.files.get(i.file)?.toString('utf8'));
    expect(changed.map((i) => i.file)).toEqual([`items/${file}`]);
    expect(changed[0].sites).toBe('all');
  });
  it('measures the median township: by published size, else the middle one', () => {
    expect(
      medianTownship([
        { code: 'a', bytes: 5, kind: 'township' },
        { code: 'b', bytes: 1, kind: 'township' },
        { code: 'c', bytes: 9, kind: 'township' },
        { code: 'a-x', bytes: 100, kind: 'village' },
      ]),
    ).toBe('a');
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-site-'));
    dirs.push(dir);
    const tree = generateContent({ sites: 36, items: 10, announcements: 0, seed: 4 });
    writeContentTree(dir, tree);
    expect(townshipsOf(dir).map((t) => t.code)).toEqual([...tree.townships].sort());
    const s = siteOf(dir, path.join(dir, 'no-output'));
    expect(s.code).toBe([...tree.townships].sort()[1]);
    expect(s.name).toMatch(/便民服务中心$/);
  });
});
