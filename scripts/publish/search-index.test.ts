import { describe, expect, it } from 'vitest';
import type { ServiceItem } from '../../kiosk/src/bundle/schema.ts';
import { buildSearchIndex, readingsOf } from './search-index.ts';

describe('readingsOf', () => {
  it('lists every reading of a polyphone, the reading in context first', () => {
    const r = readingsOf('重新办理');
    expect(r[0][0]).toBe('chong');
    expect(r[0]).toContain('zhong');
    expect(r.slice(1)).toEqual([['xin'], ['ban'], ['li']]);
    expect(readingsOf('体重')[1][0]).toBe('zhong');
    expect(readingsOf('体重')[1]).toContain('chong');
  });

  it('uses the context reading of 银行 (hang) and keeps xing', () => {
    const r = readingsOf('银行卡');
    expect(r[0]).toEqual(['yin']);
    expect(r[1][0]).toBe('hang');
    expect(r[1]).toContain('xing');
  });

  it('fixes context readings pinyin-pro gets wrong (退耕还林 huan)', () => {
    expect(readingsOf('退耕还林')[2]).toEqual(['huan', 'hai']);
    expect(readingsOf('还是')[0][0]).toBe('hai');
  });

  it('reads letters and digits as themselves and skips punctuation', () => {
    expect(readingsOf('A1，ｂ２（')).toEqual([['a'], ['1'], [], ['b'], ['2'], []]);
  });

  it('gives ü as v and u, without tones', () => {
    expect(readingsOf('绿')[0].slice(0, 2)).toEqual(['lv', 'lu']);
    for (const readings of readingsOf('城乡居民医疗保险')) {
      for (const r of readings) expect(r).toMatch(/^[a-z]+$/);
    }
  });

  it('has one entry per code point', () => {
    const text = '𠀀低保';
    expect(readingsOf(text)).toHaveLength(Array.from(text).length);
  });
});

describe('buildSearchIndex', () => {
  it('adds names, aliases (deduplicated), documents and announcements', () => {
    const item = { code: 'MZ-001', name: '最低生活保障', keywords: ['低保', '最低生活保障', '低保'] } as ServiceItem;
    const entries = buildSearchIndex(
      [item],
      [{ id: 'd1', title: '通知', number: '县发〔2018〕1号', issuer: '', date: '2018-01-01', html: '', text: '' }],
      [{ id: 'a1', title: '停电', html: '', text: '', publishAt: '', priority: 'normal' }],
    );
    expect(entries.map((e) => [e.ref, e.text, e.alias ?? false])).toEqual([
      ['MZ-001', '最低生活保障', false],
      ['MZ-001', '低保', true],
      ['doc:d1', '通知', false],
      ['doc:d1', '县发〔2018〕1号', true],
      ['ann:a1', '停电', false],
    ]);
    expect(entries[1].readings).toEqual([['di'], ['bao']]);
  });
});
