/**
 * The dashboard's state: created once in main.tsx and passed down. Signals only; the screens
 * load their own data through `api` and keep it locally.
 */
import { computed, signal, type Signal } from '@preact/signals';
import type { AdminSite, SessionUser } from '../uplink/api.ts';
import type { Api } from './api.ts';
import { defaultFilter, type Filter } from './filters.ts';
import type { ContentReader } from './targets.ts';

export const SCREENS = [
  { id: 'devices', label: '设备状态' },
  { id: 'satisfaction', label: '满意率测评' },
  { id: 'cases', label: '差评整改' },
  { id: 'publicity', label: '公示留痕' },
  { id: 'audit', label: '操作记录' },
] as const;
export type ScreenId = (typeof SCREENS)[number]['id'];

export interface AdminState {
  api: Api;
  content: ContentReader;
  /** Address of the kiosk app (the folder above /admin/), for enrolment links. */
  kioskBase: string;
  timeZone: Signal<string>;
  /** undefined while the session is being checked; null = logged out. */
  user: Signal<SessionUser | null | undefined>;
  screen: Signal<ScreenId>;
  sites: Signal<AdminSite[]>;
  filter: Signal<Filter>;
  /** The hub said (or the content says) the data is demo data: 示例数据. */
  demo: Signal<boolean>;
  /** Wall clock, ticking every 30 s (for "5 分钟前"). */
  now: Signal<number>;
  siteName: (code: string) => string;
}

export function screenFromHash(hash: string): ScreenId {
  const id = hash.replace(/^#\/?/, '');
  return SCREENS.some((s) => s.id === id) ? (id as ScreenId) : 'devices';
}

export function createAdminState(opts: { api: Api; content: ContentReader; kioskBase: string; hash: string; now: number }): AdminState {
  const timeZone = signal('Asia/Shanghai');
  const sites = signal<AdminSite[]>([]);
  const names = computed(() => new Map(sites.value.map((s) => [s.code, s.name])));
  return {
    api: opts.api,
    content: opts.content,
    kioskBase: opts.kioskBase,
    timeZone,
    user: signal<SessionUser | null | undefined>(undefined),
    screen: signal(screenFromHash(opts.hash)),
    sites,
    filter: signal(defaultFilter(opts.now, timeZone.value)),
    demo: signal(false),
    now: signal(opts.now),
    siteName: (code) => names.value.get(code) ?? code,
  };
}
