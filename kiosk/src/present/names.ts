/** Other names residents use for an item (低保 for 最低生活保障申请): from its keywords, never repeating its official name. */
import type { ServiceItem } from '../bundle/schema.ts';

/** Everyday names of an item that are not already part of its official name, at most `max`. */
export function otherNames(item: ServiceItem, max = 3): string[] {
  return item.keywords.filter((k) => k && !item.name.includes(k)).slice(0, max);
}

/** The first other name when it is shorter than the official one: the big label of a popular-item button. */
export function everydayName(item: ServiceItem): string | undefined {
  const k = otherNames(item, 1)[0];
  return k && k.length < item.name.length ? k : undefined;
}

/** "也叫：低保、救助金" or "" */
export function otherNamesText(item: ServiceItem): string {
  const names = otherNames(item);
  return names.length ? `也叫：${names.join('、')}` : '';
}
