/**
 * Announcement HTML (sanitised at publish time) → blocks, in the browser: one
 * block per top-level element; lists keep their numbering; a table stays whole.
 */
import type { Block, FieldBlock, Line } from './blocks.ts';
import { textToBlocks, type HtmlToBlocks } from './slides.ts';

let seq = 0;

export const htmlToBlocks: HtmlToBlocks = (html, text, group) => {
  if (typeof document === 'undefined' || !html) return textToBlocks(html, text, group);
  const tpl = document.createElement('template');
  tpl.innerHTML = html;
  const blocks: Block[] = [];
  let n = 0;
  for (const node of Array.from(tpl.content.childNodes)) {
    const g = `${group}:${n++}`;
    if (node.nodeType === Node.TEXT_NODE) {
      const t = node.textContent?.trim();
      if (t) blocks.push(para(g, 'p', [{ text: t, lineId: 'h' + ++seq }]));
      continue;
    }
    if (!(node instanceof HTMLElement)) continue;
    const tag = node.tagName.toLowerCase();
    if (tag === 'ul' || tag === 'ol') {
      const start = Number(node.getAttribute('start') ?? 1) || 1;
      const lines: Line[] = Array.from(node.children)
        .filter((li) => li.tagName === 'LI')
        .map((li, i) => ({
          text: li.textContent?.trim() ?? '',
          html: li.innerHTML,
          marker: tag === 'ol' ? `${start + i}.` : '•',
          lineId: 'h' + ++seq,
        }));
      if (lines.length) blocks.push(para(g, 'p', lines));
    } else if (tag === 'table') {
      blocks.push({ kind: 'html', group: g, first: true, html: node.outerHTML, text: node.textContent ?? '' });
    } else if (/^h[1-6]$/.test(tag)) {
      blocks.push(para(g, 'h', [{ text: node.textContent?.trim() ?? '', lineId: 'h' + ++seq }]));
    } else if (tag === 'hr') {
      continue;
    } else {
      const t = node.textContent?.trim() ?? '';
      if (t) blocks.push(para(g, 'p', [{ text: t, html: node.innerHTML, lineId: 'h' + ++seq }]));
    }
  }
  return blocks.length ? blocks : textToBlocks(html, text, group);
};

function para(group: string, style: FieldBlock['style'], lines: Line[]): FieldBlock {
  return { kind: 'field', group, style, lines, first: true };
}
