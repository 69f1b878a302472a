/**
 * Device health as staff see it: a word, an icon and a tone for each state (colour is never the
 * only signal), and the order of the list — what needs a person first.
 */
import type { DeviceHealth, DeviceRow, ScreenMode } from '../uplink/api.ts';

export interface HealthLook {
  word: string;
  /** Shape drawn beside the word (see HealthIcon). */
  icon: 'check' | 'cross' | 'clock' | 'alert' | 'dash';
  tone: 'ok' | 'bad' | 'warn' | 'muted';
  /** What to do about it, one short sentence. */
  hint: string;
}

export const HEALTH: Record<DeviceHealth, HealthLook> = {
  failing: { word: '故障', icon: 'alert', tone: 'bad', hint: '设备在线但报告错误，请查看最近错误。' },
  offline: { word: '离线', icon: 'cross', tone: 'bad', hint: '超过两个心跳周期没有联系，请检查电源和网络。' },
  stale: { word: '内容过期', icon: 'clock', tone: 'warn', hint: '没有取到最新发布的内容，可点“立即检查更新”。' },
  never: { word: '未上线', icon: 'dash', tone: 'muted', hint: '已登记但从未联系，请在设备上打开登记地址。' },
  online: { word: '正常', icon: 'check', tone: 'ok', hint: '' },
};

/** Sort rank: failing, offline, stale first; never-seen next; healthy last. */
const RANK: Record<DeviceHealth, number> = { failing: 0, offline: 1, stale: 2, never: 3, online: 4 };

export const MODE_LABELS: Record<ScreenMode, string> = { kiosk: '触摸查询机', display: '电子显示屏', ticker: '滚动字幕屏' };

export function needsAttention(d: DeviceRow): boolean {
  return d.revokedAt === null && RANK[d.health] <= 2;
}

/** Devices needing attention first, then by township, site and name; revoked devices at the end. */
export function sortDevices(rows: readonly DeviceRow[]): DeviceRow[] {
  return [...rows].sort(
    (a, b) =>
      Number(a.revokedAt !== null) - Number(b.revokedAt !== null) ||
      RANK[a.health] - RANK[b.health] ||
      a.township.localeCompare(b.township, 'zh-CN') ||
      a.siteName.localeCompare(b.siteName, 'zh-CN') ||
      a.name.localeCompare(b.name, 'zh-CN'),
  );
}

export interface TownshipGroup {
  township: string;
  /** Township's display name (the township site's name, else its code). */
  name: string;
  devices: DeviceRow[];
  attention: number;
}

/**
 * Groups by township; groups with devices needing attention come first (most first), then by name.
 * `townshipName` maps a township code to its name.
 */
export function groupByTownship(rows: readonly DeviceRow[], townshipName: (code: string) => string): TownshipGroup[] {
  const groups = new Map<string, TownshipGroup>();
  for (const d of sortDevices(rows)) {
    let g = groups.get(d.township);
    if (!g) {
      g = { township: d.township, name: townshipName(d.township), devices: [], attention: 0 };
      groups.set(d.township, g);
    }
    g.devices.push(d);
    if (needsAttention(d)) g.attention++;
  }
  return [...groups.values()].sort((a, b) => b.attention - a.attention || a.name.localeCompare(b.name, 'zh-CN'));
}

/** Counts per health state (revoked devices left out), for the summary line. */
export function healthCounts(rows: readonly DeviceRow[]): Record<DeviceHealth, number> {
  const out: Record<DeviceHealth, number> = { online: 0, offline: 0, stale: 0, failing: 0, never: 0 };
  for (const d of rows) if (d.revokedAt === null) out[d.health]++;
  return out;
}

/**
 * The address an installer opens once on the device to enrol it: the kiosk app (`kioskBase`,
 * the folder above /admin/) with its site, the one-time code and, for screens, their mode.
 */
export function enrolUrl(kioskBase: string, siteCode: string, code: string, mode: ScreenMode = 'kiosk'): string {
  const u = new URL(kioskBase);
  u.search = '';
  u.hash = '';
  u.searchParams.set('site', siteCode);
  if (mode !== 'kiosk') u.searchParams.set('mode', mode);
  u.searchParams.set('enrol', code);
  return u.href;
}
