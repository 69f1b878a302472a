/** Other names residents use for an item (低保 for 最低生活保障申请): from its keywords, never repeating its official name. */
import type { ServiceItem } from '../bundle/schema.ts';

/** Everyday names of an item that are not already part of its official name, at most `max`. */
export function otherNames(item: ServiceItem, max = 3): string[] {
  return item.keywords.filter((k) => k && !item.name.includes(k)).slice(0, max);
}

/**
 * The short name residents use (低保 for 最低生活保障申请; 养老保险 for 城乡居民基本养老保险参保登记): the
 * item's first keyword when it is shorter than the official name and not simply its beginning. The big
 * label of a popular-item button, with the official name below it. Unlike otherNames it may be a part of
 * the official name: here it replaces the name, it does not stand beside it.
 */
export function everydayName(item: ServiceItem): string | undefined {
  const k = item.keywords[0];
  return k && k.length < item.name.length && !item.name.startsWith(k) ? k : undefined;
}

/** "也叫：低保、救助金" or "" */
export function otherNamesText(item: ServiceItem): string {
  const names = otherNames(item);
  return names.length ? `也叫：${names.join('、')}` : '';
}
