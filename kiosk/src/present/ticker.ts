/** What a scrolling line says: urgent notices, optionally the other current titles, then the public phones. */
import type { SiteBundle } from '../bundle/schema.ts';
import { liveAnnouncements } from './announcements.ts';
import { phoneText, publicPhones } from './phones.ts';

export interface TickerLine {
  items: string[];
  /** True when an urgent notice is live (the strip turns red). */
  urgent: boolean;
}

/**
 * The LED strip (`withNotices`: every current title) and the wall display's footer (urgent titles only: the
 * other notices are slides of their own). Both end with the same phones.
 */
export function tickerLine(bundle: SiteBundle, now: number, opts: { withNotices: boolean }): TickerLine {
  const live = liveAnnouncements(bundle.announcements, now, bundle.county.timeZone);
  const urgent = live.filter((a) => a.priority === 'urgent');
  const normal = opts.withNotices ? live.filter((a) => a.priority !== 'urgent') : [];
  return {
    urgent: urgent.length > 0,
    items: [
      ...urgent.map((a) => `【紧急通知】${a.title}`),
      ...normal.map((a) => `【公告】${a.title}`),
      ...publicPhones(bundle).map(phoneText),
    ],
  };
}
