import { describe, expect, it } from 'vitest';
import type { StaffMember } from './schema.ts';
import { isOnDuty, onDutyToday, windowCover } from './roster.ts';

const member = (id: string, post: 'A' | 'B', partner: string, roster: StaffMember['roster'], window = '2'): StaffMember => ({
  id,
  name: id,
  position: '工作人员',
  window,
  post,
  partner,
  roster,
});

const weekdays = [{ weekdays: [1, 2, 3, 4, 5], onDuty: true }];
const zhang = member('zhang', 'A', 'li', [...weekdays, { date: '2026-11-25', onDuty: false, note: '年休假' }]);
const li = member('li', 'B', 'zhang', [
  { weekdays: [1, 2, 3, 4, 5], onDuty: true },
  { weekdays: [3], onDuty: false },
]);

describe('isOnDuty', () => {
  it('follows weekday rules', () => {
    expect(isOnDuty(zhang, '2026-11-24', 2)).toBe(true);
    expect(isOnDuty(zhang, '2026-11-28', 6)).toBe(false);
  });
  it('lets a dated entry override the weekday rules, both ways', () => {
    expect(isOnDuty(zhang, '2026-11-25', 3)).toBe(false);
    const weekendShift = member('w', 'A', 'x', [...weekdays, { date: '2026-11-28', onDuty: true }]);
    expect(isOnDuty(weekendShift, '2026-11-28', 6)).toBe(true);
  });
  it('lets an absent weekday rule win over a present one', () => {
    expect(isOnDuty(li, '2026-11-25', 3)).toBe(false);
    expect(isOnDuty(li, '2026-11-26', 4)).toBe(true);
  });
  it('is off duty with an empty roster', () => {
    expect(isOnDuty(member('n', 'A', 'x', []), '2026-11-25', 3)).toBe(false);
  });
});

describe('windowCover', () => {
  const staff = [zhang, li, member('wang', 'A', 'zhao', weekdays, '3')];
  it('serves with A when A is on duty', () => {
    const c = windowCover(staff, '2', '2026-11-24', 2);
    expect([c.a?.id, c.b?.id, c.serving?.id]).toEqual(['zhang', 'li', 'zhang']);
  });
  it('falls back to B when A is away', () => {
    const li2 = member('li', 'B', 'zhang', weekdays);
    expect(windowCover([zhang, li2], '2', '2026-11-25', 3).serving?.id).toBe('li');
  });
  it('has nobody serving when both are away', () => {
    const c = windowCover(staff, '2', '2026-11-25', 3);
    expect(c.serving).toBeUndefined();
    expect(c.a?.id).toBe('zhang');
  });
  it('handles a window with only an A post', () => {
    const c = windowCover(staff, '3', '2026-11-24', 2);
    expect([c.a?.id, c.b, c.serving?.id]).toEqual(['wang', undefined, 'wang']);
  });
});

describe('onDutyToday', () => {
  it('lists the staff on duty by window then post', () => {
    const staff = [member('c', 'A', 'x', weekdays, '10'), member('b', 'B', 'a', weekdays, '2'), member('a', 'A', 'b', weekdays, '2')];
    expect(onDutyToday(staff, '2026-11-24', 2).map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });
});
