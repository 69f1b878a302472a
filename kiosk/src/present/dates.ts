/** Dates as people read them ("2026年11月25日"), always in the county's time zone (bundle.county.timeZone). */
import { parseInstant } from '../bundle/validity.ts';
import { chineseDate, zonedParts } from '../time/zoned.ts';

/** "2026年11月25日" for an ISO instant; "" when it is missing or unreadable. */
export function dateText(iso: string | undefined, timeZone: string): string {
  const t = parseInstant(iso, timeZone);
  return t === null ? '' : chineseDate(zonedParts(t, timeZone));
}

/** The validity of a notice in words: "发布日期：2026年11月25日" and, when it expires, "有效期至：2026年12月1日". */
export function validityTexts(x: { publishAt: string; expireAt?: string }, timeZone: string): string[] {
  const out = [`发布日期：${dateText(x.publishAt, timeZone)}`];
  if (x.expireAt) out.push(`有效期至：${dateText(x.expireAt, timeZone)}`);
  return out;
}
