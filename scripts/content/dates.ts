/**
 * Dates and times as editors write them, and their normalised ISO 8601 form
 * with the county's UTC offset (e.g. "2026-11-01T08:00:00+08:00").
 *
 * Accepted: "2026-11-01", "2026-11-01 08:00", "2026-11-01T08:00",
 * optional ":ss", optional offset "Z" / "+08:00". Without an offset the time
 * is local time in the county's time zone. Zone arithmetic is the kiosk's own
 * (kiosk/src/time/zoned.ts): the publisher and the kiosk read a zone the same way.
 */

import { zoneOffsetMinutes } from '../../kiosk/src/time/zoned.ts';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:\d{2})?$/;

export interface ParsedDateTime {
  /** Milliseconds since the epoch. */
  epochMs: number;
  /** True when only a date was written. */
  dateOnly: boolean;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    zoneOffsetMinutes(0, tz);
    return true;
  } catch {
    return false;
  }
}

/** Parse a date or date-time; undefined when malformed or not a real calendar date. */
export function parseDateTime(text: string, timeZone: string): ParsedDateTime | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
  const fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)] as const;
  const localAsUtc = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5]);
  const check = new Date(localAsUtc);
  if (
    check.getUTCFullYear() !== fields[0] ||
    check.getUTCMonth() !== fields[1] - 1 ||
    check.getUTCDate() !== fields[2] ||
    fields[3] > 23 ||
    fields[4] > 59 ||
    fields[5] > 59
  ) {
    return undefined;
  }
  let offset: number;
  if (zone === 'Z') offset = 0;
  else if (zone) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const [oh, om] = zone.slice(1).split(':').map(Number);
    if (oh > 14 || om > 59) return undefined;
    offset = sign * (oh * 60 + om);
  } else {
    // Local time in the zone: start from the offset at that instant read as UTC, then refine once.
    offset = zoneOffsetMinutes(localAsUtc, timeZone);
    offset = zoneOffsetMinutes(localAsUtc - offset * 60000, timeZone);
  }
  return { epochMs: localAsUtc - offset * 60000, dateOnly: m[4] === undefined };
}

/** True for a strict "YYYY-MM-DD" calendar date. */
export function isValidDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && parseDateTime(text, 'UTC') !== undefined;
}

/** "HH:MM" 24-hour local time. */
export function isValidClockTime(text: string): boolean {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  return !!m && Number(m[1]) <= 24 && Number(m[2]) <= 59 && !(Number(m[1]) === 24 && m[2] !== '00');
}

/** ISO 8601 with the zone's offset at that instant, seconds precision: 2026-11-01T08:00:00+08:00 */
export function formatIsoInZone(epochMs: number, timeZone: string): string {
  const whole = Math.floor(epochMs / 1000) * 1000;
  const offset = zoneOffsetMinutes(whole, timeZone);
  const local = new Date(whole + offset * 60000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const oh = String(Math.floor(abs / 60)).padStart(2, '0');
  const om = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${oh}:${om}`;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
