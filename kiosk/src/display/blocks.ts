/**
 * The content of a slide as a list of blocks that pagination may split.
 *
 * A `field` is an optional label and one or more lines (a paragraph is a field
 * without label and one line). Splitting goes from coarse to fine: a field into
 * its lines, a line into sentences, and — only when a sentence does not fit even
 * on an empty page — a sentence into characters. Pieces keep their `group` and
 * `lineId`, so pieces that land on the same page are merged back before rendering
 * (mergePieces): a paragraph split at a page end reads as one paragraph on each page.
 */

export interface Line {
  text: string;
  /** Inline HTML for the whole line (sanitised at publish time); dropped once a line is cut. */
  html?: string;
  /** List marker: "1." for numbered lines, "•" for bullets; "" on the continuation of a list line cut at a page end (keeps its indent). */
  marker?: string;
  /** Identifies the source line; fragments of one line share it. */
  lineId: string;
}

export interface FieldBlock {
  kind: 'field';
  group: string;
  /** Style hint: 'h' heading, 'p' paragraph, 'f' labelled field, 'lead' item summary. */
  style: 'h' | 'p' | 'f' | 'lead';
  label?: string;
  lines: Line[];
  /** False for every piece after the first of the source block: label then shows as 续. */
  first: boolean;
  /** 'sentence' pieces may only be cut into characters on an empty page. */
  level?: 'sentence' | 'char';
}

export interface StaffCard {
  id: string;
  name: string;
  position: string;
  window: string;
  windowName?: string;
  post: 'A' | 'B';
  photo?: string;
  /** e.g. "代A岗 张伟" when B covers for an absent A. */
  note?: string;
}

export interface CardBlock {
  kind: 'card';
  group: string;
  first: true;
  card: StaffCard;
}

export interface HtmlBlock {
  kind: 'html';
  group: string;
  first: true;
  html: string;
  text: string;
}

export type Block = FieldBlock | CardBlock | HtmlBlock;

export function blockText(b: Block): string {
  if (b.kind === 'field') return (b.label ?? '') + b.lines.map((l) => l.text).join('');
  if (b.kind === 'card') return b.card.name + b.card.position;
  return b.text;
}

export function pageText(blocks: readonly Block[]): string {
  return blocks.map(blockText).join('\n');
}

/** Cuts text after sentence-ending punctuation (kept with its sentence). */
export function sentences(text: string): string[] {
  const out = text.match(/[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)]*|\n|$)/g) ?? [];
  return out.filter((s) => s.length > 0);
}

/**
 * Finer pieces of a block, or null when it cannot (or, on a page that already
 * holds something, should not) be split further.
 */
export function splitBlock(b: Block, pageEmpty: boolean): Block[] | null {
  if (b.kind !== 'field') return null;
  if (b.lines.length > 1) {
    return b.lines.map((line, i) => ({ ...b, lines: [line], first: b.first && i === 0, level: undefined }));
  }
  const line = b.lines[0];
  if (!line) return null;
  if (b.level === undefined) {
    const parts = sentences(line.text);
    if (parts.length > 1) {
      return parts.map((text, i) => ({
        ...b,
        lines: [{ text, marker: i === 0 || line.marker === undefined ? line.marker : '', lineId: line.lineId }],
        first: b.first && i === 0,
        level: 'sentence' as const,
      }));
    }
  }
  // A single sentence: cut into characters only as a last resort, on an empty page.
  if (!pageEmpty || b.level === 'char') return null;
  const chars = Array.from(line.text);
  if (chars.length < 2) return null;
  return chars.map((text, i) => ({
    ...b,
    lines: [{ text, marker: i === 0 || line.marker === undefined ? line.marker : '', lineId: line.lineId }],
    first: b.first && i === 0,
    level: 'char' as const,
  }));
}

/** Joins adjacent pieces of the same source block (and fragments of the same line). */
export function mergePieces(blocks: readonly Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    const prev = out[out.length - 1];
    if (b.kind === 'field' && prev && prev.kind === 'field' && prev.group === b.group) {
      const lines = prev.lines.slice();
      for (const line of b.lines) {
        const last = lines[lines.length - 1];
        if (last && last.lineId === line.lineId) {
          lines[lines.length - 1] = { text: last.text + line.text, marker: last.marker, lineId: last.lineId };
        } else lines.push(line);
      }
      out[out.length - 1] = { ...prev, lines };
    } else out.push(b);
  }
  return out;
}
