import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SiteBundle } from '../../kiosk/src/bundle/schema.ts';
import { DISCLOSURE_FIELDS } from '../../kiosk/src/bundle/schema.ts';
import { loadContent } from '../content/load-content.ts';
import { validateContent } from '../content/validate-content.ts';
import { buildBundles, coverIndex, listParts, PartSet, siteBundleOf, type BuildResult } from './build-bundles.ts';
import { sitesCover, type SiteRef } from '../content/site-offer.ts';
import { replace, writeContent } from './fixtures/minimal-content.ts';

// File-heavy tests: a generous timeout for a busy machine (no timing is asserted).
vi.setConfig({ testTimeout: 30_000 });

let dir: string;
let built: BuildResult;
const bundle = (code: string): SiteBundle => siteBundleOf(built, built.sites.find((s) => s.summary.code === code)!);
const codes = (b: SiteBundle) => b.items.map((i) => i.code);

beforeAll(async () => {
  dir = await writeContent();
  const content = await loadContent(dir);
  expect(validateContent(content)).toEqual([]);
  built = buildBundles(content);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('buildBundles', () => {
  it('orders sites: each township followed by its villages', () => {
    expect(built.sites.map((s) => s.summary.code)).toEqual(['alpha', 'alpha-east', 'beta', 'beta-west']);
  });

  it('offers township items (乡镇, 乡镇和村) at townships, filtered by sites', () => {
    expect(codes(bundle('alpha'))).toEqual(['MZ-001', 'MZ-002', 'LY-002']);
    expect(codes(bundle('beta'))).toEqual(['MZ-001', 'MZ-002']);
  });

  it('offers a village its own 村(社区) items plus the 乡镇和村(社区) items of its township', () => {
    expect(codes(bundle('alpha-east'))).toEqual(['MZ-001', 'LY-001']);
    expect(codes(bundle('beta-west'))).toEqual(['MZ-001']);
  });

  it('resolves where, window, time limit, supervision and phone', () => {
    const alpha = bundle('alpha');
    const mz1 = alpha.items.find((i) => i.code === 'MZ-001')!;
    expect(mz1.where).toBe('1号窗口（民政窗口）');
    expect(mz1.window).toBe('1');
    expect(mz1.timeLimit).toBe('承诺件，20个工作日办结（法定时限30个工作日）');
    expect(mz1.supervision).toBe('甲镇监督电话 0839-2000002');
    expect(mz1.phone).toBe('0839-1000001');
    expect(mz1.feeBasis).toBe('不收费');
    expect(mz1.feeStandard).toBe('不收费');
    expect(mz1.materials[0]).toEqual({ name: '申请书', form: '填写', copies: 1 });
    expect(mz1.steps).toEqual([{ title: '申请', actor: '申请人' }, { title: '审批' }]);
    expect(alpha.items.find((i) => i.code === 'LY-002')!.where).toBe('2号窗口（林业窗口）');

    const mz2 = alpha.items.find((i) => i.code === 'MZ-002')!;
    expect(mz2.timeLimit).toBe('即办件，材料齐全当场办结');
    expect(mz2.supervision).toBe('县民政局监督电话 0839-1000009');
    expect(mz2.phone).toBe('0839-1000010');
    expect(mz2.charged).toBe(true);
    expect(mz2.feeStandard).toBe('每件10元');

    // beta has no supervision phone of its own: the county's
    expect(bundle('beta').items[0].supervision).toBe('县监督举报电话 0839-1000000');
    // a department without a phone: the site's consultation phone
    expect(bundle('alpha-east').items.find((i) => i.code === 'LY-001')!.phone).toBe('0839-2000101');
  });

  it('tells village residents who takes their papers', () => {
    const east = bundle('alpha-east');
    expect(east.items.find((i) => i.code === 'MZ-001')!.where).toBe('本站代办员 王芳（13800000001），由代办员代为提交至甲镇便民服务中心');
    expect(east.items.find((i) => i.code === 'LY-001')!.where).toBe('在本站办理：代办员 王芳（13800000001）');
    expect(east.items.every((i) => i.window === undefined)).toBe(true);
    // village supervision falls back to the township's phone
    expect(east.items[0].supervision).toBe('甲镇监督电话 0839-2000002');
  });

  it('fills every disclosure element of every item', () => {
    for (const b of built.sites.map((s) => siteBundleOf(built, s))) {
      for (const item of b.items) {
        for (const { key } of DISCLOSURE_FIELDS) {
          const v = item[key];
          expect(Array.isArray(v) ? v.length : String(v ?? '').length, `${b.site.code} ${item.code} ${key}`).toBeGreaterThan(0);
        }
      }
    }
  });

  it('builds site info: stations, parent, inherited hours, photos as assets', () => {
    const alpha = bundle('alpha').site;
    expect(alpha.stations).toEqual([{ code: 'alpha-east', name: '东村便民服务代办站', agent: '王芳', phone: '13800000001' }]);
    expect(alpha.class).toBe('二类');
    const east = bundle('alpha-east').site;
    expect(east.parent).toEqual({
      code: 'alpha',
      name: '甲镇便民服务中心',
      address: '甲镇正街1号',
      phone: { label: '甲镇咨询电话', number: '0839-2000001' },
    });
    expect(east.hours).toEqual(alpha.hours);
    expect(east.windows).toEqual([]);
    expect(east.agent?.photo).toMatch(/^assets\/[0-9a-f]{16}\.png$/);
    const staff = bundle('alpha').staff;
    expect(staff.map((s) => [s.id, s.post, s.partner])).toEqual([
      ['alpha-zhang', 'A', 'alpha-li'],
      ['alpha-li', 'B', 'alpha-zhang'],
    ]);
    expect(staff[0].photo).toMatch(/^assets\/[0-9a-f]{16}\.png$/);
    expect(staff[0].roster).toEqual([
      { weekdays: [1, 2, 3, 4, 5], onDuty: true },
      { date: '2026-10-01', onDuty: true, note: '国庆节假日轮值' },
    ]);
    expect(bundle('alpha-east').staff).toEqual([]);
    expect(
      built.assets
        .list()
        .map((a) => a.path)
        .sort(),
    ).toEqual([east.agent!.photo, staff[0].photo].sort());
  });

  it('filters announcements and documents by site (a township code includes its villages)', () => {
    expect(bundle('alpha').announcements.map((a) => a.id)).toEqual(['a1']);
    expect(bundle('beta').announcements.map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(bundle('beta-west').announcements.map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(bundle('alpha-east').documents.map((d) => d.id)).toEqual(['d1']);
  });

  it('normalises dates to ISO 8601 with +08:00 (a date-only expiry lasts through that day)', () => {
    const a1 = bundle('beta').announcements.find((a) => a.id === 'a1')!;
    expect(a1.publishAt).toBe('2026-11-01T08:00:00+08:00');
    expect(a1.expireAt).toBe('2026-12-01T00:00:00+08:00');
    expect(a1.priority).toBe('urgent');
    const a2 = bundle('beta').announcements.find((a) => a.id === 'a2')!;
    expect(a2.publishAt).toBe('2026-10-01T09:00:00+08:00');
    expect(a2.expireAt).toBeUndefined();
    expect(a2.priority).toBe('normal');
    expect(a2.html).toContain('<table>');
    expect(a1.html).toBe('<p>本周六<strong>停电</strong>，暂停办理业务。</p>');
    expect(a1.text).toBe('本周六停电，暂停办理业务。');
  });

  it('filters topics to offered items and drops empty topics', () => {
    expect(bundle('alpha').topics.map((t) => [t.id, t.items])).toEqual([
      ['jiuzhu', ['MZ-001']],
      ['linmu', ['LY-002']],
    ]);
    expect(bundle('beta').topics.map((t) => t.id)).toEqual(['jiuzhu']);
    expect(bundle('alpha-east').topics.map((t) => [t.id, t.items])).toEqual([
      ['jiuzhu', ['MZ-001']],
      ['linmu', ['LY-001']],
    ]);
  });

  it('lists the departments a site uses', () => {
    expect(bundle('alpha').departments.map((d) => d.id)).toEqual(['minzheng', 'linye']);
    expect(bundle('beta').departments.map((d) => d.id)).toEqual(['minzheng']);
  });

  it('indexes item names, keywords, documents and announcements of the site', () => {
    const refs = bundle('beta').search.map((e) => `${e.ref}|${e.text}|${e.alias ? 'alias' : ''}`);
    expect(refs).toEqual([
      'MZ-001|最低生活保障申请|',
      'MZ-001|低保|alias',
      'MZ-001|重新申请低保|alias',
      'MZ-002|婚姻登记预约|',
      'doc:d1|关于进一步加强便民服务的通知|',
      'doc:d1|测府办发〔2018〕25号|alias',
      'ann:a1|停电通知|',
      'ann:a2|乙乡低保公示|',
    ]);
  });
});

describe('buildBundles with variations', () => {
  it('gives a 即办件 with a legal time limit both sentences', async () => {
    const d = await writeContent({ 'items/minzheng/MZ-002.yaml': replace('mode: 即办件', 'mode: 即办件\nlegalDays: 5') });
    try {
      const b = buildBundles(await loadContent(d));
      expect(siteBundleOf(b, b.sites[0]).items.find((i) => i.code === 'MZ-002')!.timeLimit).toBe(
        '即办件，材料齐全当场办结（法定时限5个工作日）',
      );
    } finally {
      await rm(d, { recursive: true, force: true });
    }
  });
});

describe('coverIndex', () => {
  it('selects exactly what sitesCover selects, in list order', () => {
    const sites: SiteRef[] = [
      { code: 'T1', kind: 'township' },
      { code: 'T2', kind: 'township' },
      { code: 'V11', kind: 'village', parent: 'T1' },
      { code: 'V12', kind: 'village', parent: 'T1' },
      { code: 'V21', kind: 'village', parent: 'T2' },
    ];
    const codes = sites.map((s) => s.code);
    // Every 'all'/absent case and every list of up to three codes (repeats included).
    const lists: ('all' | string[] | undefined)[] = ['all', undefined, []];
    for (const a of codes) {
      lists.push([a]);
      for (const b of codes) {
        lists.push([a, b]);
        for (const c of codes) lists.push([c, a, b]);
      }
    }
    const pick = coverIndex(lists, (l) => l);
    for (const site of sites) expect(pick(site)).toEqual(lists.filter((l) => sitesCover(l, site)));
  });
});

describe('listParts', () => {
  it('writes each list as canonical JSON, once for equal runs', () => {
    const parts = new PartSet();
    const refs = [
      { sha256: `0000${'a'.repeat(60)}`, bytes: 10 },
      { sha256: `1234${'b'.repeat(60)}`, bytes: 20 },
    ];
    // Cut after the first ref (its hash starts with a multiple of 16).
    const lists = listParts(parts, refs);
    expect(lists).toHaveLength(2);
    const size = parts.byHash.size;
    expect(listParts(parts, refs)).toEqual(lists);
    expect(parts.byHash.size).toBe(size);
    const [first] = lists;
    const canonical = new PartSet().add({ refs: [refs[0]] });
    expect(first).toEqual(canonical);
    expect(parts.byHash.get(first.sha256)?.data.toString()).toBe(`{"refs":[{"bytes":10,"sha256":"0000${'a'.repeat(60)}"}]}`);
    expect(listParts(parts, [refs[1]])).toEqual([lists[1]]);
  });
});
