/**
 * Greedy pagination against a `fits` test (in the browser: render the page into a
 * hidden copy of the slide and compare its size; in unit tests: any pure rule).
 *
 * Blocks are placed in order; a block that does not fit is split into finer pieces
 * (splitBlock) which are tried one by one, so a page ends at the last line or
 * sentence that fits. Nothing is dropped and nothing is shrunk: the concatenation
 * of all pages is the whole content.
 */
import { mergePieces, splitBlock, type Block } from './blocks.ts';

export type Fits = (blocks: Block[]) => boolean;

export function paginate(blocks: readonly Block[], fits: Fits, maxPages = 200): Block[][] {
  const pages: Block[][] = [];
  let cur: Block[] = [];
  const stack = blocks.slice().reverse();
  const test = (candidate: Block[]) => fits(mergePieces(candidate));
  while (stack.length > 0) {
    const b = stack.pop()!;
    const candidate = [...cur, b];
    if (test(candidate)) {
      cur = candidate;
      continue;
    }
    const pieces = splitBlock(b, cur.length === 0);
    if (pieces && pieces.length > 1) {
      if (pieces[0].kind === 'field' && pieces[0].level === 'char') {
        // Characters: binary search the longest prefix that fits, instead of one at a time.
        let lo = 1;
        let hi = pieces.length - 1;
        let best = 0;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          if (test([...cur, ...pieces.slice(0, mid)])) {
            best = mid;
            lo = mid + 1;
          } else hi = mid - 1;
        }
        const head = Math.max(1, best);
        cur.push(...pieces.slice(0, head));
        pages.push(mergePieces(cur));
        cur = [];
        const rest = mergePieces(pieces.slice(head));
        for (let i = rest.length - 1; i >= 0; i--) stack.push({ ...rest[i], level: 'sentence' } as Block);
        if (pages.length >= maxPages) break;
        continue;
      }
      for (let i = pieces.length - 1; i >= 0; i--) stack.push(pieces[i]);
      continue;
    }
    if (cur.length > 0) {
      pages.push(mergePieces(cur));
      cur = [];
      stack.push(b);
      if (pages.length >= maxPages) break;
      continue;
    }
    // An unsplittable block larger than an empty page (e.g. a huge table): it gets a page of its own.
    pages.push([b]);
  }
  if (cur.length > 0 || pages.length === 0) pages.push(mergePieces(cur));
  return pages;
}
