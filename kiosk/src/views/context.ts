/** What every screen receives: app state, the visit's session, the bundle and lookups, the clock. */
import type { ReadonlySignal } from '@preact/signals';
import type { Department, ServiceItem, SiteBundle, StaffMember, Topic } from '../bundle/schema.ts';
import type { AppState } from '../state/app-state.ts';
import type { KioskSession } from '../session/session.ts';

export interface Lookups {
  item: Map<string, ServiceItem>;
  department: Map<string, Department>;
  topic: Map<string, Topic>;
  staff: Map<string, StaffMember>;
  /** Items of each department, in bundle order. */
  itemsOf: Map<string, ServiceItem[]>;
  /** Items by popularity, highest first. */
  popular: ServiceItem[];
}

export interface ScreenProps {
  state: AppState;
  session: KioskSession;
  bundle: SiteBundle;
  look: Lookups;
  /** Epoch ms, updated once a minute (and on every navigation). */
  now: ReadonlySignal<number>;
}

export function buildLookups(bundle: SiteBundle): Lookups {
  const item = new Map(bundle.items.map((i) => [i.code, i]));
  const itemsOf = new Map<string, ServiceItem[]>();
  for (const i of bundle.items) {
    const list = itemsOf.get(i.departmentId) ?? [];
    list.push(i);
    itemsOf.set(i.departmentId, list);
  }
  return {
    item,
    department: new Map(bundle.departments.map((d) => [d.id, d])),
    topic: new Map(bundle.topics.map((t) => [t.id, t])),
    staff: new Map(bundle.staff.map((s) => [s.id, s])),
    itemsOf,
    // Ties by code in code-point order (codes are ASCII; a collator would cost the start-up).
    popular: [...bundle.items].sort(
      (a, b) => (b.popularity ?? 0) - (a.popularity ?? 0) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
    ),
  };
}
