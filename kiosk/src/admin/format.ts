/** Numbers and times as staff read them (county time zone, Chinese words). */
import { zonedParts } from '../time/zoned.ts';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** 0.9234 → "92.3%"; null → "—" (nothing to divide). */
export function percent(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${(share * 100).toFixed(digits)}%`;
}

/** "2026-11-25 09:05" in the county's zone; null → "—". */
export function dateTime(epochMs: number | null | undefined, timeZone: string): string {
  if (epochMs === null || epochMs === undefined) return '—';
  const p = zonedParts(epochMs, timeZone);
  return `${p.isoDate} ${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** How long ago, in words: "刚刚", "5 分钟前", "3 小时前", "2 天前". */
export function ago(epochMs: number | null | undefined, now: number): string {
  if (epochMs === null || epochMs === undefined) return '从未联系';
  const s = Math.max(0, Math.round((now - epochMs) / 1000));
  if (s < 60) return '刚刚';
  if (s < 3600) return `${Math.floor(s / 60)} 分钟前`;
  if (s < 86400) return `${Math.floor(s / 3600)} 小时前`;
  return `${Math.floor(s / 86400)} 天前`;
}

/** Time on screen: "3 小时 20 分", "45 分", "不足 1 分". */
export function duration(ms: number): string {
  const min = Math.floor(ms / 60000);
  if (min < 1) return ms > 0 ? '不足 1 分' : '0';
  const h = Math.floor(min / 60);
  const d = Math.floor(h / 24);
  if (d > 0) return `${d} 天 ${h % 24} 小时`;
  if (h > 0) return `${h} 小时 ${min % 60} 分`;
  return `${min} 分`;
}

/** "2026-11" → "2026年11月"; short form "11月". */
export function monthLabel(month: string, short = false): string {
  const [y, m] = month.split('-');
  return short ? `${Number(m)}月` : `${y}年${Number(m)}月`;
}

/** ISO time or date → "2026-11-25" (date part only), null → "—". */
export function isoDay(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : '—';
}
