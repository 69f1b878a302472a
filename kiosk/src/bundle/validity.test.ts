import { describe, expect, it } from 'vitest';
import { isLive, nextBoundary, parseInstant } from './validity.ts';

const t = (s: string) => Date.parse(s);
const TZ = 'Asia/Shanghai';

describe('isLive', () => {
  const ann = { publishAt: '2026-11-25T09:00:00+08:00', expireAt: '2026-11-26T00:00:00+08:00' };
  it('is live from publishAt inclusive to expireAt exclusive', () => {
    expect(isLive(ann, t('2026-11-25T08:59:59+08:00'), TZ)).toBe(false);
    expect(isLive(ann, t('2026-11-25T09:00:00+08:00'), TZ)).toBe(true);
    expect(isLive(ann, t('2026-11-25T23:59:59+08:00'), TZ)).toBe(true);
    expect(isLive(ann, t('2026-11-26T00:00:00+08:00'), TZ)).toBe(false);
  });
  it('has no end without expireAt', () => {
    expect(isLive({ publishAt: '2020-01-01T00:00:00+08:00' }, t('2099-01-01T00:00:00Z'), TZ)).toBe(true);
  });
  it('reads bare local times in the given zone and rejects garbage', () => {
    expect(parseInstant('2026-11-25 09:00', TZ)).toBe(t('2026-11-25T09:00:00+08:00'));
    expect(parseInstant('2026-11-25', TZ)).toBe(t('2026-11-25T00:00:00+08:00'));
    expect(parseInstant('soon', TZ)).toBeNull();
    expect(isLive({ publishAt: 'soon' }, Date.now(), TZ)).toBe(false);
  });
  it('uses the zone it is given, not +08:00', () => {
    expect(parseInstant('2026-11-25 09:00', 'Asia/Urumqi')).toBe(t('2026-11-25T09:00:00+06:00'));
    expect(parseInstant('2026-11-25', 'UTC')).toBe(t('2026-11-25T00:00:00Z'));
    expect(parseInstant('2026-11-25T09:00:00+08:00', 'UTC')).toBe(t('2026-11-25T01:00:00Z'));
  });
});

describe('nextBoundary', () => {
  const list = [
    { publishAt: '2026-11-20T00:00:00+08:00', expireAt: '2026-11-30T00:00:00+08:00' },
    { publishAt: '2026-11-27T08:00:00+08:00' },
    { publishAt: '2026-11-01T00:00:00+08:00', expireAt: '2026-11-10T00:00:00+08:00' },
  ];
  it('is the earliest future publish or expiry', () => {
    expect(nextBoundary(list, t('2026-11-25T00:00:00+08:00'), TZ)).toBe(t('2026-11-27T08:00:00+08:00'));
    expect(nextBoundary(list, t('2026-11-27T08:00:00+08:00'), TZ)).toBe(t('2026-11-30T00:00:00+08:00'));
    expect(nextBoundary(list, t('2026-12-01T00:00:00+08:00'), TZ)).toBeNull();
    expect(nextBoundary([], 0, TZ)).toBeNull();
  });
});
