import { describe, expect, it } from 'vitest';
import type { OpeningHours } from '../bundle/schema.ts';
import { hoursText, nextOpeningBoundary, openState } from './opening-hours.ts';

const TZ = 'Asia/Shanghai';
const hours: OpeningHours = {
  days: [1, 2, 3, 4, 5],
  periods: [
    { open: '14:00', close: '17:30' },
    { open: '08:30', close: '12:00' },
  ],
};
const at = (s: string) => Date.parse(s + '+08:00');

describe('openState', () => {
  it('is open inside a period and says when it closes', () => {
    expect(openState(hours, at('2026-11-25T09:00'), TZ)).toEqual({ open: true, closesAt: '12:00' });
    expect(openState(hours, at('2026-11-25T17:29'), TZ)).toEqual({ open: true, closesAt: '17:30' });
  });
  it('treats the close minute as closed and points to the next period today', () => {
    expect(openState(hours, at('2026-11-25T12:00'), TZ)).toEqual({
      open: false,
      nextOpen: { epochMs: at('2026-11-25T14:00'), label: '今天 14:00' },
    });
  });
  it('points to tomorrow morning in the evening', () => {
    expect(openState(hours, at('2026-11-25T22:00'), TZ).nextOpen).toEqual({ epochMs: at('2026-11-26T08:30'), label: '明天 08:30' });
  });
  it('points to Monday across the weekend', () => {
    // Friday evening → Monday is three days on
    expect(openState(hours, at('2026-11-27T19:00'), TZ).nextOpen?.label).toBe('周一 08:30');
    // Saturday → Monday is the day after tomorrow
    expect(openState(hours, at('2026-11-28T10:00'), TZ).nextOpen?.label).toBe('后天 08:30');
    expect(openState(hours, at('2026-11-29T10:00'), TZ).nextOpen?.label).toBe('明天 08:30');
  });
  it('is never open with empty hours', () => {
    expect(openState({ days: [], periods: [] }, at('2026-11-25T09:00'), TZ)).toEqual({ open: false });
  });
});

describe('nextOpeningBoundary', () => {
  it('finds the next open or close instant', () => {
    expect(nextOpeningBoundary(hours, at('2026-11-25T09:00'), TZ)).toBe(at('2026-11-25T12:00'));
    expect(nextOpeningBoundary(hours, at('2026-11-25T12:00'), TZ)).toBe(at('2026-11-25T14:00'));
    expect(nextOpeningBoundary(hours, at('2026-11-27T18:00'), TZ)).toBe(at('2026-11-30T08:30'));
  });
});

describe('hoursText', () => {
  it('summarises days and periods', () => {
    expect(hoursText(hours)).toBe('周一至周五 08:30–12:00 14:00–17:30');
    expect(hoursText({ days: [1, 3, 6], periods: [{ open: '9:00', close: '12:00' }] })).toBe('周一、周三、周六 09:00–12:00');
  });
});
