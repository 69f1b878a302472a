import { describe, expect, it } from 'vitest';
import { LoopScheduler, type ScheduleInput } from './schedule.ts';

function input(over: Partial<ScheduleInput> = {}): ScheduleInput {
  return {
    urgent: [],
    buildCycle: (start) => ['ann:a', `item:${start}`, `item:${start + 1}`, 'staff', 'centre'],
    isValid: () => true,
    itemCount: 6,
    itemsPerCycle: 2,
    ...over,
  };
}

const take = (s: LoopScheduler, n: number, inp: ScheduleInput) => Array.from({ length: n }, () => s.next(inp));

describe('LoopScheduler', () => {
  it('runs cycles and moves the item cursor on every cycle, wrapping', () => {
    const s = new LoopScheduler();
    const inp = input({ buildCycle: (start) => ['ann:a', `item:${start}`, `item:${(start + 1) % 6}`, 'centre'] });
    expect(take(s, 16, inp)).toEqual([
      'ann:a',
      'item:0',
      'item:1',
      'centre',
      'ann:a',
      'item:2',
      'item:3',
      'centre',
      'ann:a',
      'item:4',
      'item:5',
      'centre',
      'ann:a',
      'item:0',
      'item:1',
      'centre',
    ]);
  });

  it('interrupts with a new urgent announcement at once, then repeats it every 3 regular slides', () => {
    const s = new LoopScheduler(3);
    expect(take(s, 2, input())).toEqual(['ann:a', 'item:0']);
    const withUrgent = input({ urgent: ['ann:u'] });
    expect(s.hasUnseenUrgent(withUrgent.urgent)).toBe(true);
    expect(take(s, 9, withUrgent)).toEqual(['ann:u', 'item:1', 'staff', 'centre', 'ann:u', 'ann:a', 'item:2', 'item:3', 'ann:u']);
    expect(s.hasUnseenUrgent(withUrgent.urgent)).toBe(false);
  });

  it('stops repeating an urgent announcement once it expires, and would interrupt again if re-published', () => {
    const s = new LoopScheduler(2);
    take(s, 3, input({ urgent: ['ann:u'] }));
    const after = take(s, 6, input());
    expect(after).not.toContain('ann:u');
    expect(s.hasUnseenUrgent(['ann:u'])).toBe(true);
  });

  it('takes turns among several urgent announcements', () => {
    const s = new LoopScheduler(1);
    const inp = input({ urgent: ['ann:u1', 'ann:u2'] });
    expect(take(s, 8, inp)).toEqual(['ann:u1', 'ann:u2', 'ann:a', 'ann:u1', 'item:0', 'ann:u2', 'item:1', 'ann:u1']);
  });

  it('skips keys that became invalid and falls back to the centre slide', () => {
    const s = new LoopScheduler();
    expect(take(s, 3, input({ isValid: (k) => !k.startsWith('item') }))).toEqual(['ann:a', 'staff', 'centre']);
    expect(new LoopScheduler().next(input({ isValid: () => false }))).toBe('centre');
  });

  it('starts a fresh cycle after restartCycle (new bundle)', () => {
    const s = new LoopScheduler();
    take(s, 2, input());
    s.restartCycle();
    expect(s.next(input({ buildCycle: () => ['ann:new'] }))).toBe('ann:new');
  });
});
