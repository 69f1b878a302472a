import { describe, expect, it } from 'vitest';
import { ago, dateTime, duration, monthLabel, percent } from './format.ts';

describe('format', () => {
  it('percent', () => {
    expect(percent(0.9234)).toBe('92.3%');
    expect(percent(1)).toBe('100.0%');
    expect(percent(null)).toBe('—');
  });
  it('dateTime in the county zone', () => {
    expect(dateTime(Date.UTC(2026, 10, 30, 23, 5), 'Asia/Shanghai')).toBe('2026-12-01 07:05');
    expect(dateTime(null, 'Asia/Shanghai')).toBe('—');
  });
  it('ago', () => {
    const now = 10 * 86400_000;
    expect(ago(now - 20_000, now)).toBe('刚刚');
    expect(ago(now - 5 * 60_000, now)).toBe('5 分钟前');
    expect(ago(now - 3 * 3600_000, now)).toBe('3 小时前');
    expect(ago(now - 2 * 86400_000, now)).toBe('2 天前');
    expect(ago(null, now)).toBe('从未联系');
  });
  it('duration', () => {
    expect(duration(0)).toBe('0');
    expect(duration(30_000)).toBe('不足 1 分');
    expect(duration(45 * 60_000)).toBe('45 分');
    expect(duration(200 * 60_000)).toBe('3 小时 20 分');
    expect(duration(50 * 3600_000)).toBe('2 天 2 小时');
  });
  it('monthLabel', () => {
    expect(monthLabel('2026-09')).toBe('2026年9月');
    expect(monthLabel('2026-09', true)).toBe('9月');
  });
});
