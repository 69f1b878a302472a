/**
 * Who is on duty (AB post system, 挂牌上岗): weekday rules give the default,
 * a dated entry for the day overrides them (leave, training, swapped shift).
 */
import type { StaffMember } from './schema.ts';

export function isOnDuty(staff: StaffMember, isoDate: string, weekday: number): boolean {
  const dated = staff.roster.find((r) => r.date === isoDate);
  if (dated) return dated.onDuty;
  // Among weekday rules, an explicit "absent" rule wins over a "present" one.
  let onDuty = false;
  for (const r of staff.roster) {
    if (r.date || !r.weekdays?.includes(weekday)) continue;
    if (!r.onDuty) return false;
    onDuty = true;
  }
  return onDuty;
}

export interface WindowCover {
  /** A post (主岗) holder at the window, if any. */
  a?: StaffMember;
  /** B post (副岗) holder at the window, if any. */
  b?: StaffMember;
  /** Who serves today: A when on duty, else B when on duty, else nobody. */
  serving?: StaffMember;
}

export function windowCover(staff: readonly StaffMember[], windowNumber: string, isoDate: string, weekday: number): WindowCover {
  const atWindow = staff.filter((s) => s.window === windowNumber);
  const a = atWindow.find((s) => s.post === 'A');
  const b = atWindow.find((s) => s.post === 'B') ?? (a ? staff.find((s) => s.id === a.partner) : undefined);
  let serving: StaffMember | undefined;
  if (a && isOnDuty(a, isoDate, weekday)) serving = a;
  else if (b && isOnDuty(b, isoDate, weekday)) serving = b;
  return { a, b, serving };
}

/** Staff on duty at the site on a day, ordered by window number then A before B. */
export function onDutyToday(staff: readonly StaffMember[], isoDate: string, weekday: number): StaffMember[] {
  return staff
    .filter((s) => isOnDuty(s, isoDate, weekday))
    .sort((x, y) => x.window.localeCompare(y.window, 'zh-CN', { numeric: true }) || x.post.localeCompare(y.post));
}
