import { describe, expect, it } from 'vitest';
import { formatIsoInZone, isValidClockTime, isValidDate, parseDateTime } from './dates.ts';

const TZ = 'Asia/Shanghai';
const iso = (s: string) => {
  const p = parseDateTime(s, TZ);
  return p && formatIsoInZone(p.epochMs, TZ);
};

describe('dates', () => {
  it('reads local times in the county zone and writes ISO 8601 with +08:00', () => {
    expect(iso('2026-11-01 08:00')).toBe('2026-11-01T08:00:00+08:00');
    expect(iso('2026-11-01T08:00:30')).toBe('2026-11-01T08:00:30+08:00');
    expect(iso('2026-11-01')).toBe('2026-11-01T00:00:00+08:00');
    expect(iso('2026-11-01T00:00:00Z')).toBe('2026-11-01T08:00:00+08:00');
    expect(iso('2026-11-01T08:00:00+09:00')).toBe('2026-11-01T07:00:00+08:00');
    expect(parseDateTime('2026-11-01', TZ)!.dateOnly).toBe(true);
  });

  it('rejects impossible or malformed dates', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '2026-1-1', '2026-11-01 25:00', '2026/11/01', '明天', '2026-11-01 8:00']) {
      expect(parseDateTime(bad, TZ), bad).toBeUndefined();
    }
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2023-02-29')).toBe(false);
    expect(isValidDate('2023-02-01 08:00')).toBe(false);
  });

  it('checks HH:MM clock times', () => {
    expect(isValidClockTime('08:30')).toBe(true);
    expect(isValidClockTime('24:00')).toBe(true);
    expect(isValidClockTime('8:30')).toBe(false);
    expect(isValidClockTime('12:60')).toBe(false);
  });
});
