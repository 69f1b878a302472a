import { describe, expect, it } from 'vitest';
import type { SearchEntry } from '../bundle/schema.ts';
import { highlightRanges, highlightSegments, literalEntry, matchEntry, normaliseQuery, search } from './match.ts';

/** Readings as the publisher writes them: one list per character, context reading first. */
const R: Record<string, string[]> = {
  最: ['zui'],
  低: ['di'],
  生: ['sheng'],
  活: ['huo'],
  保: ['bao'],
  障: ['zhang'],
  申: ['shen'],
  请: ['qing'],
  重: ['chong', 'zhong'],
  新: ['xin'],
  办: ['ban'],
  理: ['li'],
  城: ['cheng'],
  乡: ['xiang'],
  居: ['ju'],
  民: ['min'],
  养: ['yang'],
  老: ['lao'],
  险: ['xian'],
  参: ['can', 'shen', 'cen'],
  高: ['gao'],
  龄: ['ling'],
  津: ['jin'],
  贴: ['tie'],
  补: ['bu'],
  农: ['nong'],
  机: ['ji'],
  购: ['gou'],
  置: ['zhi'],
  长: ['chang', 'zhang'],
  期: ['qi'],
  医: ['yi'],
  合: ['he'],
  作: ['zuo'],
  疗: ['liao'],
  登: ['deng'],
  记: ['ji'],
  育: ['yu'],
  特: ['te'],
  困: ['kun'],
  供: ['gong'],
};

function entry(ref: string, text: string, alias = false): SearchEntry {
  return {
    ref,
    text,
    alias,
    readings: [...text].map((c) => R[c] ?? (/[0-9a-z]/i.test(c) ? [c.toLowerCase()] : [])),
  };
}

const ENTRIES: SearchEntry[] = [
  entry('MZ-001', '最低生活保障申请'),
  entry('MZ-001', '低保', true),
  entry('MZ-001', '低保申请', true),
  entry('MZ-002', '高龄津贴申请'),
  entry('LB-001', '城乡居民养老保险参保登记'),
  entry('LB-001', '养老保险', true),
  entry('YB-001', '城乡居民医疗保险参保登记'),
  entry('YB-001', '新农合', true),
  entry('NJ-001', '农机购置补贴申请'),
  entry('X-1', '重新办理'),
  entry('MZ-003', '特困供养申请'),
];

const refs = (q: string) => search(ENTRIES, q).map((r) => r.ref);

describe('normaliseQuery', () => {
  it('lowercases, drops spaces and apostrophes, folds full-width letters', () => {
    expect(normaliseQuery(" Di'Bao ")).toBe('dibao');
    expect(normaliseQuery('ＤＢ')).toBe('db');
    expect(normaliseQuery('低保 a')).toBe('低保a');
  });
});

describe('matchEntry', () => {
  it('matches initials', () => {
    expect(matchEntry('dbsq', entry('MZ-001', '低保申请'))?.hits).toEqual([0, 1, 2, 3]);
  });
  it('matches full pinyin', () => {
    expect(matchEntry('dibao', entry('MZ-001', '低保'))?.hits).toEqual([0, 1]);
  });
  it('matches mixed full pinyin and initials, and a partial last syllable', () => {
    expect(matchEntry('disq', entry('MZ-001', '低保申请'))).toBeNull();
    expect(matchEntry('dibsq', entry('MZ-001', '低保申请'))?.hits).toEqual([0, 1, 2, 3]);
    expect(matchEntry('dib', entry('MZ-001', '低保申请'))?.hits).toEqual([0, 1]);
    expect(matchEntry('yanglaob', entry('LB-001', '养老保险'))?.hits).toEqual([0, 1, 2]);
  });
  it('matches a substring in the middle of the text', () => {
    expect(matchEntry('shbz', entry('MZ-001', '最低生活保障申请'))?.hits).toEqual([2, 3, 4, 5]);
  });
  it('accepts any reading of a polyphonic character', () => {
    expect(matchEntry('zxbl', entry('X-1', '重新办理'))?.hits).toEqual([0, 1, 2, 3]);
    expect(matchEntry('cxbl', entry('X-1', '重新办理'))?.hits).toEqual([0, 1, 2, 3]);
    expect(matchEntry('chongxin', entry('X-1', '重新办理'))).not.toBeNull();
    expect(matchEntry('zhongxin', entry('X-1', '重新办理'))).not.toBeNull();
  });
  it('prefers the context reading of a polyphone in the score', () => {
    const e = entry('X-1', '重新办理');
    expect(matchEntry('chongxin', e)!.score).toBeGreaterThan(matchEntry('zhongxin', e)!.score);
  });
  it('matches Chinese characters typed on a hardware keyboard or IME', () => {
    expect(matchEntry('保障', entry('MZ-001', '最低生活保障申请'))?.hits).toEqual([4, 5]);
    expect(matchEntry('保s', entry('MZ-001', '低保申请'))?.hits).toEqual([1, 2]);
    expect(matchEntry('障碍', entry('MZ-001', '最低生活保障申请'))).toBeNull();
  });
  it('rejects letters that no reading explains', () => {
    expect(matchEntry('dbx', entry('MZ-001', '低保申请'))).toBeNull();
    expect(matchEntry('bd', entry('MZ-001', '低保'))).toBeNull();
  });
  it('skips characters without readings inside a match', () => {
    const e = entry('LB-002', '城乡居民（养老）保险');
    expect(matchEntry('jmyl', e)?.hits).toEqual([2, 3, 5, 6]);
  });
  it('finds out-of-order (subsequence) matches only when asked, and scores them below contiguous ones', () => {
    const e = entry('MZ-001', '最低生活保障申请');
    expect(matchEntry('dbsq', e)).toBeNull();
    const loose = matchEntry('dbsq', e, true)!;
    expect(loose.contiguous).toBe(false);
    expect(loose.hits).toEqual([1, 4, 6, 7]);
    expect(loose.score).toBeLessThan(matchEntry('dbsq', entry('MZ-001', '低保申请'))!.score);
  });
});

describe('search', () => {
  it('finds 低保 by initials through its alias and by full pinyin', () => {
    expect(refs('dbsq')[0]).toBe('MZ-001');
    expect(refs('dibao')).toEqual(['MZ-001']);
    expect(refs('db')[0]).toBe('MZ-001');
  });
  it('returns one result per ref with its best entry', () => {
    const r = search(ENTRIES, 'db');
    expect(r.filter((x) => x.ref === 'MZ-001')).toHaveLength(1);
    expect(r[0].entry.text).toBe('低保');
  });
  it('matches aliases (新农合 finds the medical insurance item)', () => {
    const r = search(ENTRIES, 'xnh');
    expect(r.map((x) => x.ref)).toEqual(['YB-001']);
    expect(r[0].entry.text).toBe('新农合');
  });
  it('ranks a match at the start of a name above one in the middle', () => {
    // 养老保险 (alias, starts with yl) before anything containing yl later.
    expect(refs('ylbx')[0]).toBe('LB-001');
    // "bx" is 保险 in both insurance items, mid-name; the shorter alias 养老保险 wins over longer names.
    const r = refs('cxjm');
    expect(r).toEqual(expect.arrayContaining(['LB-001', 'YB-001']));
  });
  it('breaks ties by popularity', () => {
    const pop: Record<string, number> = { 'LB-001': 10, 'YB-001': 90 };
    expect(
      search(ENTRIES, 'cxjm', { popularity: (ref) => pop[ref] ?? 0 })
        .map((x) => x.ref)
        .slice(0, 2),
    ).toEqual(['YB-001', 'LB-001']);
    pop['LB-001'] = 99;
    expect(
      search(ENTRIES, 'cxjm', { popularity: (ref) => pop[ref] ?? 0 })
        .map((x) => x.ref)
        .slice(0, 2),
    ).toEqual(['LB-001', 'YB-001']);
  });
  it('prefers whole-name and full-syllable matches', () => {
    const r = search(ENTRIES, 'sq');
    // Every 申请 item matches; 低保申请 is not the best because it is an alias and sq is mid-text everywhere.
    expect(r.length).toBeGreaterThanOrEqual(4);
    const full = matchEntry('dibao', entry('a', '低保'))!.score;
    const initials = matchEntry('db', entry('a', '低保'))!.score;
    expect(full).toBeGreaterThan(initials);
  });
  it('falls back to out-of-order matches only when nothing matches in order', () => {
    // "zdbz": 最低…保障 is only a subsequence.
    const r = search(ENTRIES, 'zdbz');
    expect(r.map((x) => x.ref)).toEqual(['MZ-001']);
    expect(r[0].match.contiguous).toBe(false);
    // With a contiguous hit available, no out-of-order results are mixed in.
    expect(search(ENTRIES, 'dbsq').every((x) => x.match.contiguous)).toBe(true);
  });
  it('returns nothing for an empty or unmatched query', () => {
    expect(search(ENTRIES, '')).toEqual([]);
    expect(search(ENTRIES, 'qqqqxx')).toEqual([]);
  });
  it('filters entries and limits results', () => {
    expect(search(ENTRIES, 'sq').some((x) => !x.ref.startsWith('MZ'))).toBe(true);
    const r = search(ENTRIES, 'sq', { filter: (e) => e.ref.startsWith('MZ') });
    expect(r.map((x) => x.ref).sort()).toEqual(['MZ-001', 'MZ-002', 'MZ-003']);
    expect(search(ENTRIES, 'sq', { filter: (e) => e.ref.startsWith('MZ'), limit: 1 })).toHaveLength(1);
  });
  it('matches document numbers by their digits through a literal entry', () => {
    const doc = literalEntry('doc:1', '云府办发〔2018〕25号');
    expect(matchEntry('2018', doc)?.hits).toEqual([5, 6, 7, 8]);
    expect(matchEntry('201825', doc)?.hits).toEqual([5, 6, 7, 8, 10, 11]);
    expect(matchEntry('2019', doc)).toBeNull();
  });
});

describe('highlight', () => {
  it('splits text into highlighted and plain runs', () => {
    expect(highlightSegments('最低生活保障申请', [2, 3, 4, 5])).toEqual([
      { text: '最低', hit: false },
      { text: '生活保障', hit: true },
      { text: '申请', hit: false },
    ]);
  });
  it('gives ranges as [start, end)', () => {
    expect(highlightRanges([1, 4, 6, 7])).toEqual([
      [1, 2],
      [4, 5],
      [6, 8],
    ]);
    expect(highlightRanges(matchEntry('jmyl', entry('a', '城乡居民（养老）保险'))!.hits)).toEqual([
      [2, 4],
      [5, 7],
    ]);
  });
});
