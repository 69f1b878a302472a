/**
 * Wall-clock parts of an instant in a given IANA time zone, through Intl only
 * (no library, no reliance on the device's own time zone setting: kiosks are
 * often installed with UTC or a wrong zone, the county's zone is in the bundle).
 */

/**
 * The zone used only while no bundle (which names the county's zone) has ever arrived, e.g. on
 * the "no content" screen. Everything else takes bundle.county.timeZone.
 */
export const FALLBACK_TIME_ZONE = 'Asia/Shanghai';

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  hour: number;
  minute: number;
  second: number;
  /** "YYYY-MM-DD" in the zone */
  isoDate: string;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** One formatter per zone: the set of zones a kiosk sees is tiny (normally one). */
const partsFormatters = new Map<string, Intl.DateTimeFormat>();
const lunarFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export function zonedParts(epochMs: number, timeZone: string): ZonedParts {
  const out: Record<string, string> = {};
  for (const p of partsFormatter(timeZone).formatToParts(epochMs)) out[p.type] = p.value;
  const year = Number(out.year);
  const month = Number(out.month);
  const day = Number(out.day);
  // Some engines print midnight as "24" even with h23; normalise.
  const hour = Number(out.hour) % 24;
  return {
    year,
    month,
    day,
    weekday: WEEKDAYS[out.weekday] ?? 1,
    hour,
    minute: Number(out.minute),
    second: Number(out.second),
    isoDate: `${year}-${pad2(month)}-${pad2(day)}`,
  };
}

/** Minutes since local midnight in the zone. */
export function zonedMinutes(epochMs: number, timeZone: string): number {
  const p = zonedParts(epochMs, timeZone);
  return p.hour * 60 + p.minute;
}

/**
 * Offset of the zone from UTC at an instant, in minutes (e.g. +480 for Asia/Shanghai).
 */
export function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
  // No zone changes its offset twice within a (UTC) day: a day with the same offset at its first
  // and last millisecond has it throughout, and is remembered (the publisher asks for thousands
  // of dates; Intl is slow).
  const day = Math.floor(epochMs / DAY_MS);
  const key = `${timeZone}\u0000${day}`;
  const known = dayOffsets.get(key);
  if (known !== undefined) return known;
  const offset = offsetAt(epochMs, timeZone);
  if (offsetAt(day * DAY_MS, timeZone) === offset && offsetAt(day * DAY_MS + DAY_MS - 1, timeZone) === offset) {
    if (dayOffsets.size >= MAX_REMEMBERED_DAYS) dayOffsets.clear();
    dayOffsets.set(key, offset);
  }
  return offset;
}

const DAY_MS = 86_400_000;
const MAX_REMEMBERED_DAYS = 4096;
const dayOffsets = new Map<string, number>();

function offsetAt(epochMs: number, timeZone: string): number {
  const p = zonedParts(epochMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60000);
}

/**
 * The instant at which the zone's wall clock shows `isoDate` `HH:MM`.
 * Exact for zones without a transition near that time (China has none).
 */
export function zonedTimeToEpoch(isoDate: string, hhmm: string, timeZone: string): number {
  const [y, mo, d] = isoDate.split('-').map(Number);
  const [h, mi] = hhmm.split(':').map(Number);
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  const off1 = zoneOffsetMinutes(guess, timeZone);
  const t = guess - off1 * 60000;
  const off2 = zoneOffsetMinutes(t, timeZone);
  return off2 === off1 ? t : guess - off2 * 60000;
}

/** Add whole days to an ISO date (calendar arithmetic, zone-free). */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

export const WEEKDAY_NAMES = ['', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'] as const;
export const WEEKDAY_SHORT = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

/** "2026年11月25日" */
export function chineseDate(p: ZonedParts): string {
  return `${p.year}年${p.month}月${p.day}日`;
}

/** "09:05" */
export function clockText(p: ZonedParts, seconds = false): string {
  return `${pad2(p.hour)}:${pad2(p.minute)}${seconds ? ':' + pad2(p.second) : ''}`;
}

const LUNAR_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Traditional name of a lunar day: 1 → 初一, 10 → 初十, 15 → 十五, 20 → 二十, 21 → 廿一, 30 → 三十. */
export function lunarDayName(day: number): string {
  if (day <= 10) return '初' + LUNAR_DIGITS[day];
  if (day < 20) return '十' + LUNAR_DIGITS[day - 10];
  if (day === 20) return '二十';
  if (day < 30) return '廿' + LUNAR_DIGITS[day - 20];
  return '三十';
}

function lunarFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = lunarFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('zh-CN-u-ca-chinese', { timeZone, year: 'numeric', month: 'long', day: 'numeric' });
    lunarFormatters.set(timeZone, f);
  }
  return f;
}

/**
 * Lunar date as shown on Chinese wall calendars, e.g. "丙午年十月十七", from the
 * browser's Chinese calendar. Engines differ in how they print the day (digits
 * or already 初七), so parts are normalised. Returns "" when the engine has no
 * Chinese calendar (the header then simply omits it).
 */
export function lunarDateText(epochMs: number, timeZone: string): string {
  try {
    const parts = lunarFormatter(timeZone).formatToParts(epochMs);
    let yearName = '';
    let month = '';
    let day = '';
    for (const p of parts) {
      const type: string = p.type;
      if (type === 'yearName') yearName = p.value;
      else if (p.type === 'month') month = p.value;
      else if (p.type === 'day') day = p.value;
    }
    if (!month || !day) return '';
    if (/^\d+$/.test(day)) day = lunarDayName(Number(day));
    if (/^\d+$/.test(month)) month = LUNAR_DIGITS[Number(month)] ?? month;
    if (!month.endsWith('月')) month += '月';
    return `农历${yearName ? yearName + '年' : ''}${month}${day}`;
  } catch {
    return '';
  }
}
