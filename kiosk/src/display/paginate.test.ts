import { describe, expect, it } from 'vitest';
import { blockText, mergePieces, sentences, type Block, type FieldBlock } from './blocks.ts';
import { paginate } from './paginate.ts';

let n = 0;
const field = (label: string | undefined, lines: string[], group = 'g' + ++n): FieldBlock => ({
  kind: 'field',
  group,
  style: label ? 'f' : 'p',
  label,
  lines: lines.map((text, i) => ({ text, lineId: `${group}:${i}` })),
  first: true,
});

/** A fake screen: a page holds `rows` rows of `cols` characters; a label takes a row of its own. */
function fitsRows(rows: number, cols = 10) {
  return (blocks: Block[]) => {
    let used = 0;
    for (const b of blocks) {
      if (b.kind !== 'field') {
        used += 3;
        continue;
      }
      if (b.label) used += 1;
      for (const l of b.lines) used += Math.max(1, Math.ceil(Array.from(l.text).length / cols));
    }
    return used <= rows;
  };
}

const allText = (pages: Block[][]) =>
  pages
    .flat()
    .map((b) => (b.kind === 'field' ? b.lines.map((l) => l.text).join('') : blockText(b)))
    .join('');

describe('sentences', () => {
  it('cuts after sentence punctuation and keeps closing quotes', () => {
    expect(sentences('第一句。第二句！“第三句。”尾巴')).toEqual(['第一句。', '第二句！', '“第三句。”', '尾巴']);
  });
});

describe('paginate', () => {
  it('keeps everything on one page when it fits', () => {
    const blocks = [field('条件', ['一二三']), field(undefined, ['四五六'])];
    expect(paginate(blocks, fitsRows(10))).toHaveLength(1);
  });

  it('splits a long paragraph at sentence ends, loses nothing and overflows no page', () => {
    const text = '这是一个很长的句子哦。'.repeat(30); // 30 sentences of 11 chars → 2 rows each
    const fits = fitsRows(8);
    const pages = paginate([field(undefined, [text])], fits);
    expect(pages.length).toBe(5); // sentences flow on as one paragraph: 7 per page (77 chars = 8 rows)
    for (const p of pages) expect(fits(p)).toBe(true);
    expect(allText(pages)).toBe(text);
    // sentences of one paragraph are merged back into one line per page
    for (const p of pages) expect(p).toHaveLength(1);
    expect(pages[1][0].kind === 'field' && pages[1][0].first).toBe(false);
  });

  it('splits a list field between lines and repeats nothing', () => {
    const lines = Array.from({ length: 12 }, (_, i) => `材料${i + 1}`);
    const pages = paginate([field('申请材料', lines)], fitsRows(5));
    expect(pages.map((p) => p.flatMap((b) => (b.kind === 'field' ? b.lines.map((l) => l.text) : [])))).toEqual([
      ['材料1', '材料2', '材料3', '材料4'],
      ['材料5', '材料6', '材料7', '材料8'],
      ['材料9', '材料10', '材料11', '材料12'],
    ]);
  });

  it('cuts a sentence longer than a page into characters only on an empty page', () => {
    const giant = '字'.repeat(95) + '。';
    const fits = fitsRows(4); // 40 chars per page with no label
    const pages = paginate([field(undefined, ['短句。']), field(undefined, [giant])], fits);
    expect(pages[0].map(blockText)).toEqual(['短句。']);
    expect(allText(pages)).toBe('短句。' + giant);
    for (const p of pages) expect(fits(p)).toBe(true);
    expect(pages.length).toBe(4);
  });

  it('gives an unsplittable block larger than a page a page of its own instead of dropping it', () => {
    const card: Block = { kind: 'card', group: 'c', first: true, card: { id: 'x', name: '张三', position: '', window: '1', post: 'A' } };
    const pages = paginate([field(undefined, ['前']), card, field(undefined, ['后'])], fitsRows(2));
    expect(pages.map((p) => p.map((b) => b.kind))).toEqual([['field'], ['card'], ['field']]);
  });

  it('returns one empty page for an empty slide', () => {
    expect(paginate([], fitsRows(3))).toEqual([[]]);
  });
});

describe('list lines cut at a page end', () => {
  it('keep their marker on the first part and an empty marker (same indent) on the rest', () => {
    const b: FieldBlock = {
      ...field(undefined, ['第一句很长很长。第二句也很长很长。'], 'm'),
      lines: [{ text: '第一句很长很长。第二句也很长很长。', marker: '1.', lineId: 'm:0' }],
    };
    const pages = paginate([b], fitsRows(1));
    expect(pages.map((p) => p[0].kind === 'field' && p[0].lines.map((l) => [l.marker, l.text]))).toEqual([
      [['1.', '第一句很长很长。']],
      [['', '第二句也很长很长。']],
    ]);
  });
});

describe('mergePieces', () => {
  it('joins fragments of the same line and keeps other lines', () => {
    const a = field('x', ['甲乙', '丙'], 'g');
    const pieces: Block[] = [
      { ...a, lines: [{ text: '甲', lineId: 'g:0' }] },
      { ...a, first: false, lines: [{ text: '乙', lineId: 'g:0' }] },
      { ...a, first: false, lines: [{ text: '丙', lineId: 'g:1' }] },
    ];
    const merged = mergePieces(pieces);
    expect(merged).toHaveLength(1);
    expect(merged[0].kind === 'field' && merged[0].lines.map((l) => l.text)).toEqual(['甲乙', '丙']);
  });
});
