/**
 * Is the centre open now, when does it close, and when does it open next —
 * from the site's OpeningHours, in the county's time zone.
 */
import type { OpeningHours } from '../bundle/schema.ts';
import { addDays, WEEKDAY_SHORT, zonedParts, zonedTimeToEpoch } from './zoned.ts';

export interface OpenState {
  open: boolean;
  /** While open: end of the current period, "HH:MM". */
  closesAt?: string;
  /** While closed: start of the next period (absent when the hours list no day at all). */
  nextOpen?: { epochMs: number; label: string };
}

const toMinutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

function sortedPeriods(hours: OpeningHours) {
  return [...hours.periods]
    .filter((p) => /^\d{1,2}:\d{2}$/.test(p.open) && /^\d{1,2}:\d{2}$/.test(p.close))
    .sort((a, b) => toMinutes(a.open) - toMinutes(b.open));
}

/** Normalises "8:30" to "08:30". */
const norm = (hhmm: string) => {
  const [h, m] = hhmm.split(':');
  return `${h.padStart(2, '0')}:${m}`;
};

export function openState(hours: OpeningHours, epochMs: number, timeZone: string): OpenState {
  const now = zonedParts(epochMs, timeZone);
  const minutes = now.hour * 60 + now.minute;
  const periods = sortedPeriods(hours);
  const openToday = hours.days.includes(now.weekday);

  if (openToday) {
    for (const p of periods) {
      if (minutes >= toMinutes(p.open) && minutes < toMinutes(p.close)) {
        return { open: true, closesAt: norm(p.close) };
      }
    }
  }
  if (periods.length === 0 || hours.days.length === 0) return { open: false };

  // Search today (later periods) and the next 7 days.
  for (let offset = 0; offset <= 7; offset++) {
    const weekday = ((now.weekday - 1 + offset) % 7) + 1;
    if (!hours.days.includes(weekday)) continue;
    for (const p of periods) {
      if (offset === 0 && toMinutes(p.open) <= minutes) continue;
      const isoDate = addDays(now.isoDate, offset);
      const time = norm(p.open);
      const day = offset === 0 ? '今天' : offset === 1 ? '明天' : offset === 2 ? '后天' : WEEKDAY_SHORT[weekday];
      return { open: false, nextOpen: { epochMs: zonedTimeToEpoch(isoDate, time, timeZone), label: `${day} ${time}` } };
    }
  }
  return { open: false };
}

/**
 * The next instant after `epochMs` at which openState may change (a period
 * opens or closes), so a display can set one timer instead of polling.
 * Returns null when the hours define no period at all.
 */
export function nextOpeningBoundary(hours: OpeningHours, epochMs: number, timeZone: string): number | null {
  const periods = sortedPeriods(hours);
  if (periods.length === 0 || hours.days.length === 0) return null;
  const now = zonedParts(epochMs, timeZone);
  let best: number | null = null;
  for (let offset = 0; offset <= 8 && best === null; offset++) {
    const weekday = ((now.weekday - 1 + offset) % 7) + 1;
    if (!hours.days.includes(weekday)) continue;
    const isoDate = addDays(now.isoDate, offset);
    for (const p of periods) {
      for (const t of [p.open, p.close]) {
        const at = zonedTimeToEpoch(isoDate, norm(t), timeZone);
        if (at > epochMs && (best === null || at < best)) best = at;
      }
    }
  }
  return best;
}

/** "周一至周五 08:30–12:00 14:00–17:30" */
export function hoursText(hours: OpeningHours): string {
  const days = [...hours.days].sort((a, b) => a - b);
  let dayText: string;
  const contiguous = days.length > 1 && days.every((d, i) => i === 0 || d === days[i - 1] + 1);
  if (days.length === 7) dayText = '每天';
  else if (contiguous) dayText = `${WEEKDAY_SHORT[days[0]]}至${WEEKDAY_SHORT[days[days.length - 1]]}`;
  else dayText = days.map((d) => WEEKDAY_SHORT[d]).join('、');
  const periods = sortedPeriods(hours)
    .map((p) => `${norm(p.open)}–${norm(p.close)}`)
    .join(' ');
  return `${dayText} ${periods}`.trim();
}
