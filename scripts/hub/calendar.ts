/**
 * Working days for 差评 deadlines: per county, the number of working days a case has (default 5)
 * and the county's holidays and adjusted workdays (调休上班). Kept in a hub config file,
 * scripts/hub/calendar.json (or the file named by HUB_CALENDAR), keyed by county code, with a
 * "default" entry. Parsed once, at hub start.
 */
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { addDays, zonedParts } from '../../kiosk/src/time/zoned.ts';

export const DEFAULT_CALENDAR_FILE = new URL('./calendar.json', import.meta.url);

const IsoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD'));
const Entry = v.object({
  caseWorkingDays: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(60)),
  holidays: v.array(IsoDate),
  workdays: v.array(IsoDate),
});

export interface CountyCalendar {
  caseWorkingDays: number;
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

export type Calendars = (countyCode: string) => CountyCalendar;

function toCalendar(e: v.InferOutput<typeof Entry>): CountyCalendar {
  return { caseWorkingDays: e.caseWorkingDays, holidays: new Set(e.holidays), workdays: new Set(e.workdays) };
}

/** Reads the calendar file; throws a Chinese message naming the entry that is wrong. */
export function loadCalendars(file: string | URL = process.env.HUB_CALENDAR || DEFAULT_CALENDAR_FILE): Calendars {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`无法读取工作日配置 ${String(file)}：${err instanceof Error ? err.message : String(err)}`);
  }
  const byCounty = new Map<string, CountyCalendar>();
  for (const [code, value] of Object.entries(raw)) {
    if (code.startsWith('$')) continue;
    const r = v.safeParse(Entry, value);
    if (!r.success) throw new Error(`工作日配置 ${String(file)} 中「${code}」不正确：${r.issues[0].message}`);
    byCounty.set(code, toCalendar(r.output));
  }
  const fallback = byCounty.get('default') ?? { caseWorkingDays: 5, holidays: new Set(), workdays: new Set() };
  return (code) => byCounty.get(code) ?? fallback;
}

export function isWorkingDay(isoDate: string, cal: CountyCalendar): boolean {
  if (cal.workdays.has(isoDate)) return true;
  if (cal.holidays.has(isoDate)) return false;
  const [y, m, d] = isoDate.split('-').map(Number);
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  return wd !== 0 && wd !== 6;
}

/**
 * The date by which a case opened on `openedDay` must be closed: the Nth working day after
 * that day (the day itself does not count), weekends and holidays skipped.
 */
export function dueDate(openedDay: string, cal: CountyCalendar, days = cal.caseWorkingDays): string {
  let day = openedDay;
  let left = days;
  for (let guard = 0; left > 0 && guard < 3660; guard++) {
    day = addDays(day, 1);
    if (isWorkingDay(day, cal)) left--;
  }
  return day;
}

export const COUNTY_TIME_ZONE = 'Asia/Shanghai';

/** County-local calendar date of an instant. */
export function localDay(epochMs: number, timeZone = COUNTY_TIME_ZONE): string {
  return zonedParts(epochMs, timeZone).isoDate;
}
