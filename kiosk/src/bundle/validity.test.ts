import { describe, expect, it } from 'vitest';
import { isLive, nextBoundary, parseInstant } from './validity.ts';

const t = (s: string) => Date.parse(s);

describe('isLive', () => {
  const ann = { publishAt: '2026-11-25T09:00:00+08:00', expireAt: '2026-11-26T00:00:00+08:00' };
  it('is live from publishAt inclusive to expireAt exclusive', () => {
    expect(isLive(ann, t('2026-11-25T08:59:59+08:00'))).toBe(false);
    expect(isLive(ann, t('2026-11-25T09:00:00+08:00'))).toBe(true);
    expect(isLive(ann, t('2026-11-25T23:59:59+08:00'))).toBe(true);
    expect(isLive(ann, t('2026-11-26T00:00:00+08:00'))).toBe(false);
  });
  it('has no end without expireAt', () => {
    expect(isLive({ publishAt: '2020-01-01T00:00:00+08:00' }, t('2099-01-01T00:00:00Z'))).toBe(true);
  });
  it('reads bare local times as China time and rejects garbage', () => {
    expect(parseInstant('2026-11-25 09:00')).toBe(t('2026-11-25T09:00:00+08:00'));
    expect(parseInstant('2026-11-25')).toBe(t('2026-11-25T00:00:00+08:00'));
    expect(parseInstant('soon')).toBeNull();
    expect(isLive({ publishAt: 'soon' }, Date.now())).toBe(false);
  });
});

describe('nextBoundary', () => {
  const list = [
    { publishAt: '2026-11-20T00:00:00+08:00', expireAt: '2026-11-30T00:00:00+08:00' },
    { publishAt: '2026-11-27T08:00:00+08:00' },
    { publishAt: '2026-11-01T00:00:00+08:00', expireAt: '2026-11-10T00:00:00+08:00' },
  ];
  it('is the earliest future publish or expiry', () => {
    expect(nextBoundary(list, t('2026-11-25T00:00:00+08:00'))).toBe(t('2026-11-27T08:00:00+08:00'));
    expect(nextBoundary(list, t('2026-11-27T08:00:00+08:00'))).toBe(t('2026-11-30T00:00:00+08:00'));
    expect(nextBoundary(list, t('2026-12-01T00:00:00+08:00'))).toBeNull();
    expect(nextBoundary([], 0)).toBeNull();
  });
});
