import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSession } from './session.ts';
import { watchIdle } from './idle.ts';

describe('session navigation', () => {
  it('pushes, goes back and home, never leaves an empty stack', () => {
    const s = createSession();
    s.start();
    s.go({ name: 'departments' });
    s.go({ name: 'department', id: 'minzheng' });
    expect(s.route.value).toEqual({ name: 'department', id: 'minzheng' });
    s.back();
    expect(s.route.value.name).toBe('departments');
    s.home();
    expect(s.stack.value).toEqual([{ name: 'home' }]);
    s.back();
    expect(s.stack.value).toEqual([{ name: 'home' }]);
  });
  it('replace swaps the current screen', () => {
    const s = createSession();
    s.go({ name: 'evaluate' });
    s.replace({ name: 'thanks' });
    expect(s.stack.value.map((r) => r.name)).toEqual(['home', 'thanks']);
  });
  it('reset clears search text, history, 长辈模式 and dialogs and shows the attract screen', () => {
    const s = createSession();
    s.start(true);
    expect(s.elder.value).toBe(true);
    s.go({ name: 'search' });
    s.searchText.value = 'dbsq';
    s.docSearchText.value = '2018';
    s.dialog.value = { kind: 'qr', itemCode: 'MZ-001' };
    const epoch = s.epoch.value;
    s.reset();
    expect(s.attract.value).toBe(true);
    expect(s.stack.value).toEqual([{ name: 'home' }]);
    expect(s.elder.value).toBe(false);
    expect(s.searchText.value).toBe('');
    expect(s.docSearchText.value).toBe('');
    expect(s.dialog.value).toBeNull();
    expect(s.epoch.value).toBe(epoch + 1);
  });
  it('navigating closes an open dialog', () => {
    const s = createSession();
    s.dialog.value = { kind: 'qr', itemCode: 'MZ-001' };
    s.go({ name: 'topics' });
    expect(s.dialog.value).toBeNull();
  });
});

describe('idle watch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('prompts after the idle time, counts down, then resets', () => {
    const target = new EventTarget();
    const s = createSession();
    const onReset = vi.fn();
    const stop = watchIdle(s, { idleSeconds: 90, promptSeconds: 15, onReset }, target);
    s.start();
    s.go({ name: 'search' });
    s.searchText.value = 'db';
    vi.advanceTimersByTime(89_000);
    expect(s.idlePrompt.value).toBeNull();
    vi.advanceTimersByTime(1_000);
    expect(s.idlePrompt.value).toBe(15);
    vi.advanceTimersByTime(5_000);
    expect(s.idlePrompt.value).toBe(10);
    vi.advanceTimersByTime(10_000);
    expect(s.attract.value).toBe(true);
    expect(s.searchText.value).toBe('');
    expect(s.idlePrompt.value).toBeNull();
    expect(onReset).toHaveBeenCalledOnce();
    stop();
  });

  it('a touch restarts the idle time and dismisses the prompt', () => {
    const target = new EventTarget();
    const s = createSession();
    const stop = watchIdle(s, { idleSeconds: 60, promptSeconds: 10 }, target);
    s.start();
    vi.advanceTimersByTime(59_000);
    target.dispatchEvent(new Event('pointerdown'));
    vi.advanceTimersByTime(59_000);
    expect(s.idlePrompt.value).toBeNull();
    vi.advanceTimersByTime(1_000);
    expect(s.idlePrompt.value).toBe(10);
    target.dispatchEvent(new Event('pointerdown'));
    expect(s.idlePrompt.value).toBeNull();
    vi.advanceTimersByTime(30_000);
    expect(s.attract.value).toBe(false);
    stop();
  });

  it('waits while the kiosk is busy for the user (reading aloud)', () => {
    const target = new EventTarget();
    const s = createSession();
    let speaking = true;
    const stop = watchIdle(s, { idleSeconds: 30, promptSeconds: 10, busy: () => speaking }, target);
    s.start();
    vi.advanceTimersByTime(90_000);
    expect(s.idlePrompt.value).toBeNull();
    speaking = false;
    vi.advanceTimersByTime(30_000);
    expect(s.idlePrompt.value).toBe(10);
    stop();
  });

  it('does not run on the attract screen', () => {
    const target = new EventTarget();
    const s = createSession();
    const stop = watchIdle(s, { idleSeconds: 5, promptSeconds: 5 }, target);
    vi.advanceTimersByTime(60_000);
    expect(s.idlePrompt.value).toBeNull();
    stop();
  });
});
