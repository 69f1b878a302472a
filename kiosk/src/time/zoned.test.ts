import { describe, expect, it } from 'vitest';
import { addDays, lunarDateText, lunarDayName, zonedParts, zonedTimeToEpoch, zoneOffsetMinutes } from './zoned.ts';

const TZ = 'Asia/Shanghai';

describe('zonedParts', () => {
  it('reads the wall clock of the county, not of the device', () => {
    // 2026-11-25 23:30 UTC is already Thursday 26th 07:30 in China.
    const p = zonedParts(Date.UTC(2026, 10, 25, 23, 30, 5), TZ);
    expect(p).toEqual({ year: 2026, month: 11, day: 26, weekday: 4, hour: 7, minute: 30, second: 5, isoDate: '2026-11-26' });
  });
  it('numbers weekdays Monday = 1 … Sunday = 7 and midnight as hour 0', () => {
    expect(zonedParts(Date.parse('2026-11-29T00:00:00+08:00'), TZ)).toMatchObject({ weekday: 7, hour: 0, isoDate: '2026-11-29' });
    expect(zonedParts(Date.parse('2026-11-30T12:00:00+08:00'), TZ).weekday).toBe(1);
  });
  it('converts a local wall time back to an instant', () => {
    expect(zonedTimeToEpoch('2026-11-25', '08:30', TZ)).toBe(Date.parse('2026-11-25T08:30:00+08:00'));
    expect(zonedTimeToEpoch('2026-03-08', '02:30', 'America/New_York')).toBeGreaterThan(0);
  });
  it('adds calendar days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('lunar date', () => {
  it('names lunar days the traditional way', () => {
    expect([1, 10, 11, 15, 20, 21, 29, 30].map(lunarDayName)).toEqual(['初一', '初十', '十一', '十五', '二十', '廿一', '廿九', '三十']);
  });
  it('gives the Chinese calendar date from Intl', () => {
    // 2026-11-25 is the 17th day of the 10th lunar month of 丙午 (horse) year.
    expect(lunarDateText(Date.parse('2026-11-25T10:00:00+08:00'), TZ)).toBe('农历丙午年十月十七');
    // Spring Festival 2026 and the Mid-Autumn Festival.
    expect(lunarDateText(Date.parse('2026-02-17T10:00:00+08:00'), TZ)).toBe('农历丙午年正月初一');
    expect(lunarDateText(Date.parse('2026-09-25T10:00:00+08:00'), TZ)).toBe('农历丙午年八月十五');
  });
});

describe('zoneOffsetMinutes', () => {
  it('gives the offset right on both sides of daylight-saving changes (remembered per day)', () => {
    const reference = (ms: number, timeZone: string) => {
      const f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
      const name = f.formatToParts(ms).find((p) => p.type === 'timeZoneName')!.value; // "GMT-05:00"
      const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
      return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
    };
    // New York springs forward at 07:00 UTC on 2026-03-08; Lord Howe moves by 30 minutes.
    expect(zoneOffsetMinutes(Date.UTC(2026, 2, 8, 6, 59, 59, 999), 'America/New_York')).toBe(-300);
    expect(zoneOffsetMinutes(Date.UTC(2026, 2, 8, 7), 'America/New_York')).toBe(-240);
    for (const [zone, start] of [
      ['America/New_York', Date.UTC(2026, 2, 8, 4)],
      ['America/New_York', Date.UTC(2026, 10, 1, 4)],
      ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 12)],
      // Adelaide (+10:30 → +9:30) changes at 16:30 UTC: in the middle of an hour.
      ['Australia/Adelaide', Date.UTC(2026, 3, 4, 14)],
      ['Asia/Shanghai', Date.UTC(2026, 0, 1)],
    ] as const) {
      for (let t = start; t < start + 6 * 3_600_000; t += 7 * 60_000 + 13) {
        expect(zoneOffsetMinutes(t, zone), `${zone} ${new Date(t).toISOString()}`).toBe(reference(t, zone));
        expect(zoneOffsetMinutes(t, zone)).toBe(reference(t, zone));
      }
    }
  });
});
