import { describe, expect, it } from 'vitest';
import { type CountyCalendar, dueDate, isWorkingDay, loadCalendars, localDay } from './calendar.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cal = (holidays: string[] = [], workdays: string[] = [], caseWorkingDays = 5): CountyCalendar => ({
  caseWorkingDays,
  holidays: new Set(holidays),
  workdays: new Set(workdays),
});

describe('working days', () => {
  it('skips weekends', () => {
    expect(isWorkingDay('2026-12-05', cal())).toBe(false); // Saturday
    expect(isWorkingDay('2026-12-07', cal())).toBe(true); // Monday
    expect(dueDate('2026-12-04', cal())).toBe('2026-12-11'); // Friday + 5 working days
    expect(dueDate('2026-12-07', cal())).toBe('2026-12-14');
  });
  it('skips holidays and counts adjusted workdays', () => {
    expect(dueDate('2026-12-04', cal(['2026-12-08']))).toBe('2026-12-14');
    expect(dueDate('2026-12-04', cal(['2026-12-08'], ['2026-12-13']))).toBe('2026-12-13');
    expect(dueDate('2026-09-30', cal(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']))).toBe('2026-10-14');
  });
  it('uses the per-county number of days', () => {
    expect(dueDate('2026-12-04', cal([], [], 10))).toBe('2026-12-18');
  });
  it('county-local date, not UTC', () => {
    expect(localDay(Date.parse('2026-12-04T17:30:00Z'))).toBe('2026-12-05');
  });
  it('reads the config file per county with a default, and names a wrong entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cal-'));
    const good = join(dir, 'good.json');
    writeFileSync(
      good,
      JSON.stringify({
        default: { caseWorkingDays: 5, holidays: [], workdays: [] },
        xx: { caseWorkingDays: 7, holidays: ['2027-01-01'], workdays: [] },
      }),
    );
    const cals = loadCalendars(good);
    expect(cals('xx').caseWorkingDays).toBe(7);
    expect(cals('other').caseWorkingDays).toBe(5);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ yy: { caseWorkingDays: 0, holidays: [], workdays: [] } }));
    expect(() => loadCalendars(bad)).toThrow(/「yy」不正确/);
    expect(loadCalendars()('yx').caseWorkingDays).toBe(5);
  });
});
