import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { behindMessage, trustedNow, watchClock } from './clock.ts';
import { EVENTS_STORAGE_KEY, logEvent, MAX_EVENTS, readEvents } from './events.ts';
import { ERROR_LIMIT, FROZEN_MS, nextNightly, startWatchdog } from './watchdog.ts';

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

beforeEach(() => {
  vi.stubGlobal('localStorage', memoryStorage());
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('events', () => {
  it('keeps the last MAX_EVENTS entries', () => {
    for (let i = 0; i < MAX_EVENTS + 5; i++) logEvent('error', `错误 ${i}`, i);
    const list = readEvents();
    expect(list).toHaveLength(MAX_EVENTS);
    expect(list[0].message).toBe('错误 5');
    localStorage.setItem(EVENTS_STORAGE_KEY, '{broken');
    expect(readEvents()).toEqual([]);
  });
});

describe('watchdog', () => {
  it('asks for a reload after repeated errors and reloads only when idle', () => {
    let t = 1000;
    const reload = vi.fn();
    let idle = false;
    const dog = startWatchdog({ nightly: null, now: () => t, reload, memory: () => null });
    dog.setIdle(() => idle);
    for (let i = 0; i < ERROR_LIMIT; i++) dog.reportError(`渲染失败 ${i}`);
    expect(dog.pendingReason()).toContain('出错 3 次');
    dog.check();
    expect(reload).not.toHaveBeenCalled();
    idle = true;
    t += 1;
    dog.check();
    expect(reload).toHaveBeenCalledTimes(1);
    dog.stop();
  });

  it('errors spread over more than the window do not add up', () => {
    let t = 0;
    const dog = startWatchdog({ nightly: null, now: () => t, reload: vi.fn(), memory: () => null });
    for (let i = 0; i < ERROR_LIMIT; i++) {
      dog.reportError('x');
      t += 11 * 60_000;
    }
    expect(dog.pendingReason()).toBeNull();
    dog.stop();
  });

  it('reloads when memory passes the threshold', () => {
    const reload = vi.fn();
    const dog = startWatchdog({ nightly: null, reload, memory: () => ({ used: 900, limit: 1000 }) });
    dog.check();
    expect(reload.mock.calls[0][0]).toContain('内存占用过高');
    dog.stop();
  });

  it('a still stage is frozen after FROZEN_MS unless stillness is expected', () => {
    let t = 0;
    let still = true;
    const reload = vi.fn();
    const stage = {} as Element; // no MutationObserver in node: never changes
    const dog = startWatchdog({ nightly: null, now: () => t, reload, memory: () => null, stage: () => stage, stillOk: () => still });
    dog.check();
    t += FROZEN_MS + 1;
    dog.check();
    expect(reload).not.toHaveBeenCalled();
    still = false;
    t += FROZEN_MS + 1;
    dog.check();
    expect(reload.mock.calls[0][0]).toContain('分钟没有变化');
    dog.stop();
  });

  it('nightly reload at the given time after enough uptime', () => {
    const from = new Date(2026, 11, 1, 22, 0).getTime();
    expect(new Date(nextNightly('03:30', from)!).getHours()).toBe(3);
    expect(nextNightly('25:00', from)).toBeNull();
    let t = from;
    const reload = vi.fn();
    const dog = startWatchdog({ nightly: '03:30', now: () => t, reload, memory: () => null });
    t = new Date(2026, 11, 2, 3, 31).getTime();
    dog.check();
    expect(reload.mock.calls[0][0]).toContain('每日定时重启');
    dog.stop();
  });
});

describe('clock', () => {
  const published = '2026-12-01T08:00:00+08:00';
  it('trusts the publish time over an earlier device clock', () => {
    const p = Date.parse(published);
    // Reset to 2000: the publish time is used.
    expect(trustedNow(published, Date.parse('2000-01-01T00:00:00Z'))).toBe(p);
    expect(behindMessage(published, Date.parse('2000-01-01T00:00:00Z'))).toContain('已按发布时间显示');
    // A few days behind: flagged, but the publisher's clock may be the wrong one.
    expect(trustedNow(published, p - 3 * 86400_000)).toBe(p - 3 * 86400_000);
    expect(trustedNow(published, p + 5)).toBe(p + 5);
    expect(trustedNow(null, 42)).toBe(42);
    expect(behindMessage(published, p - 3 * 3600_000)).toContain('3 小时');
    expect(behindMessage(published, p - 3 * 86400_000)).toContain('3 天');
    expect(behindMessage(published, p - 60_000)).toBeNull();
  });

  it('flags a jump between wall and monotonic time', () => {
    let wall = Date.parse(published) + 1000;
    let mono = 0;
    const c = watchClock(
      () => published,
      () => wall,
      () => mono,
    );
    expect(c.issue.value).toBeNull();
    wall += 30_000 + 3600_000;
    mono += 30_000;
    c.check();
    expect(c.issue.value).toContain('跳变');
    c.stop();
  });
});
