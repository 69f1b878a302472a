/**
 * Splitting one cell into list entries: by line breaks, by `；`/`;` (outside
 * brackets), and by inline numbering such as `1.申请 2.受理`, `1、` `（1）` `①`
 * `一、`. Leading numbers are removed from every entry.
 */

const OPEN = '（(【[《〈「『';
const CLOSE = '）)】]》〉」』';

/** Split at any of `separators` that is not inside brackets. */
export function splitOutsideBrackets(text: string, separators: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && separators.includes(ch)) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 … 九十九 → number, or NaN. */
export function chineseNumber(s: string): number {
  if (!/^[一二三四五六七八九十]{1,3}$/.test(s)) return NaN;
  if (s === '十') return 10;
  const i = s.indexOf('十');
  if (i < 0) return s.length === 1 ? CN_DIGITS[s] : NaN;
  const tens = i === 0 ? 1 : (CN_DIGITS[s.slice(0, i)] ?? NaN);
  const rest = s.slice(i + 1);
  const ones = rest === '' ? 0 : rest.length === 1 ? (CN_DIGITS[rest] ?? NaN) : NaN;
  return tens * 10 + ones;
}

type MarkerStyle = 'dot' | 'paren' | 'circled' | 'chinese';
interface Marker {
  index: number;
  length: number;
  value: number;
  style: MarkerStyle;
}

const MARKER_RE = /(\d{1,2})\s*[.．、)）](?!\d)|[（(]\s*(\d{1,2})\s*[)）]|([\u2460-\u2473])|([一二三四五六七八九十]{1,3})[、.．]/gu;

function markersOf(text: string): Marker[] {
  const out: Marker[] = [];
  for (const m of text.matchAll(MARKER_RE)) {
    const index = m.index ?? 0;
    const before = index === 0 ? '' : text[index - 1];
    // `1.` and `一、` start the text or follow a space or punctuation; `（1）` and `①` may follow anything.
    const anywhere = m[2] !== undefined || m[3] !== undefined;
    if (index > 0 && !anywhere && !/[\s。；;，,：:]/u.test(before)) continue;
    let value: number;
    let style: MarkerStyle;
    if (m[1] !== undefined) {
      value = Number(m[1]);
      style = 'dot';
    } else if (m[2] !== undefined) {
      value = Number(m[2]);
      style = 'paren';
    } else if (m[3] !== undefined) {
      value = m[3].codePointAt(0)! - 0x2460 + 1;
      style = 'circled';
    } else {
      value = chineseNumber(m[4]);
      style = 'chinese';
    }
    if (!Number.isFinite(value)) continue;
    out.push({ index, length: m[0].length, value, style });
  }
  return out;
}

/** Remove one leading list marker (`1.` `1、` `(1)` `①` `一、`). */
export function stripMarker(text: string): string {
  const t = text.trim();
  const ms = markersOf(t);
  if (ms.length && ms[0].index === 0) {
    const rest = t.slice(ms[0].length).trim();
    if (rest) return rest;
  }
  return t;
}

/**
 * Split a text that starts with a list marker at the following markers of the
 * same style numbered one higher each time. `1.申请 2.受理` → two entries;
 * `依据第9.1条` is left alone.
 */
export function splitNumbered(text: string): string[] {
  const t = text.trim();
  const ms = markersOf(t);
  if (!ms.length || ms[0].index !== 0) return [t];
  const cuts: number[] = [0];
  let expect = ms[0].value + 1;
  for (const m of ms.slice(1)) {
    if (m.style === ms[0].style && m.value === expect) {
      cuts.push(m.index);
      expect++;
    }
  }
  const parts: string[] = [];
  for (let i = 0; i < cuts.length; i++) {
    parts.push(t.slice(cuts[i], cuts[i + 1] ?? t.length));
  }
  return parts;
}

/** Trailing sentence punctuation that separated entries, e.g. `申请；` or `申请。` */
function trimEntry(s: string): string {
  return s.replace(/^[\s\u3000]+|[\s\u3000；;，,。]+$/gu, '');
}

/**
 * List entries of a multi-line cell. `semicolons`: also split at `；`/`;`
 * outside brackets.
 */
export function splitEntries(text: string, opts: { semicolons: boolean }): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const pieces = opts.semicolons ? splitOutsideBrackets(line, '；;') : [line];
    for (const piece of pieces) {
      for (const part of splitNumbered(piece)) {
        const entry = trimEntry(stripMarker(trimEntry(part)));
        if (entry) out.push(entry);
      }
    }
  }
  return out;
}

/** Short names (keywords, sites): separated by 、，, ；; or white space. */
export function splitNames(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[、，,；;\s\u3000]+/u)) {
    const t = part.trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}
