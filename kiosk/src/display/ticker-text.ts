/** What the LED strip says: urgent notices first, then current announcement titles, then phones. */
import type { SiteBundle } from '../bundle/schema.ts';
import { liveAnnouncements } from './slides.ts';

export function tickerLine(bundle: SiteBundle, now: number): { items: string[]; urgent: boolean } {
  const live = liveAnnouncements(bundle, now);
  const urgent = live.filter((a) => a.priority === 'urgent');
  const normal = live.filter((a) => a.priority !== 'urgent');
  return {
    urgent: urgent.length > 0,
    items: [
      ...urgent.map((a) => `【紧急通知】${a.title}`),
      ...normal.map((a) => `【公告】${a.title}`),
      `${bundle.site.name}　办事咨询：${bundle.site.phones.consultation.number}`,
      `监督举报电话：${bundle.site.phones.supervision.number}`,
      `${bundle.county.hotline.label}：${bundle.county.hotline.number}`,
    ],
  };
}

/** `?speed=` in px/s; default scales with the strip height (1.6 heights per second). */
export function tickerSpeed(search: string, stripHeight: number): number {
  const raw = Number(new URLSearchParams(search).get('speed'));
  if (Number.isFinite(raw) && raw > 0) return Math.min(5000, Math.max(10, raw));
  return Math.round(Math.max(40, stripHeight * 1.6));
}
