/**
 * The search index, computed at publish time with pinyin-pro so that the
 * kiosk ships no pinyin dictionary. For every character of a text: all its
 * toneless readings, the reading in context first (银行 → yin, hang; 重新 →
 * chong before zhong). ü is given both as "v" (the IME convention) and "u".
 * Latin letters and digits read as themselves (lowercase, full-width folded);
 * punctuation and spaces get [] and are skipped by the matcher.
 */
import { customPinyin, pinyin } from 'pinyin-pro';
import type { Announcement, GovDocument, SearchEntry, SearchIndex, ServiceItem } from '../../kiosk/src/bundle/schema.ts';
import { buildStartIndex } from '../../kiosk/src/search/start-keys.ts';

/**
 * Fixes for words pinyin-pro reads wrongly in this domain (checked against
 * the demo content's item names and keywords; place names of the demo county
 * — 云溪, 白鹤, 龙山, 桃源 — read correctly). They set the context reading
 * only: every other reading of each character is still listed.
 */
const CUSTOM_READINGS: Record<string, string> = {
  还林: 'huán lín', // 退耕还林 (pinyin-pro: hai)
  还款: 'huán kuǎn',
  还贷: 'huán dài',
};
customPinyin(CUSTOM_READINGS);

const HAN = /\p{Script=Han}/u;
const cache = new Map<string, string[][]>();

function charReadings(ch: string): string[] {
  return pinyin(ch, { toneType: 'none', type: 'array', multiple: true, v: true }).filter((r) => /^[a-z]+$/.test(r));
}

function withUVariants(readings: string[]): string[] {
  const out: string[] = [];
  for (const r of readings) if (!out.includes(r)) out.push(r);
  for (const r of readings) {
    const u = r.replace(/v/g, 'u');
    if (!out.includes(u)) out.push(u);
  }
  return out;
}

/** Readings for each character of `text` (Array.from order, i.e. code points). */
export function readingsOf(text: string): string[][] {
  const cached = cache.get(text);
  if (cached) return cached;
  const chars = Array.from(text);
  const all = pinyin(text, { toneType: 'none', type: 'all', v: true });
  const aligned = all.length === chars.length && all.every((a, i) => a.origin === chars[i]);
  const result = chars.map((ch, i): string[] => {
    const folded = ch.normalize('NFKC').toLowerCase();
    if (/^[a-z0-9]$/.test(folded)) return [folded];
    if (!HAN.test(ch)) return [];
    const context = aligned && all[i].isZh ? all[i].pinyin : undefined;
    const others = charReadings(ch);
    const ordered = context && /^[a-z]+$/.test(context) ? [context, ...others] : others;
    return withUVariants(ordered);
  });
  cache.set(text, result);
  return result;
}

function entry(ref: string, text: string, alias: boolean): SearchEntry {
  return alias ? { ref, text, readings: readingsOf(text), alias: true } : { ref, text, readings: readingsOf(text) };
}

export function buildSearchIndex(
  items: readonly ServiceItem[],
  documents: readonly GovDocument[],
  announcements: readonly Announcement[],
): SearchEntry[] {
  const out: SearchEntry[] = [];
  for (const item of items) {
    out.push(entry(item.code, item.name, false));
    const seen = new Set([item.name]);
    for (const k of item.keywords) {
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(entry(item.code, k, true));
    }
  }
  for (const d of documents) {
    out.push(entry(`doc:${d.id}`, d.title, false));
    // 文号 such as 苍府办发〔2018〕25号 (not placeholders like “无文号”)
    if (/\d/.test(d.number) && d.number !== d.title) out.push(entry(`doc:${d.id}`, d.number, true));
  }
  for (const a of announcements) out.push(entry(`ann:${a.id}`, a.title, false));
  return out;
}

/**
 * The lookup table the kiosk finds candidates in (SiteBundle.searchIndex): start key → entries.
 * Built from the same entries, in the same order, as `SiteBundle.search`; the key rules live
 * next to the matcher (kiosk/src/search/start-keys.ts) so both sides agree.
 */
export function buildSearchLookup(entries: readonly SearchEntry[]): SearchIndex {
  return buildStartIndex(entries);
}
