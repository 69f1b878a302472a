/** Which announcements are shown, in which order: one rule for the kiosk, the wall and the ticker. */
import type { Announcement } from '../bundle/schema.ts';
import { isLive, parseInstant } from '../bundle/validity.ts';

/** Announcements live at `now` (published, not expired): urgent ones first, then newest first. */
export function liveAnnouncements(list: readonly Announcement[], now: number, timeZone: string): Announcement[] {
  const published = (a: Announcement) => parseInstant(a.publishAt, timeZone) ?? 0;
  return list
    .filter((a) => isLive(a, now, timeZone))
    .sort((a, b) => (a.priority === 'urgent' ? 0 : 1) - (b.priority === 'urgent' ? 0 : 1) || published(b) - published(a));
}

/** What read-aloud says for a notice or a document: its title, then its text. */
export function noticeSpeechText(n: { title: string; text: string }): string {
  return `${n.title}。${n.text}`;
}
