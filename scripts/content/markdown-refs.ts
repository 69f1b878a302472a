/** Image references inside a Markdown body (for checking that the files exist). */
import { marked, type Token } from 'marked';

export function markdownImageRefs(body: string): string[] {
  // Every Markdown image starts with "![": a body without one has none (most have none).
  if (!body.includes('![')) return [];
  const refs: string[] = [];
  const tokens = marked.lexer(body);
  marked.walkTokens(tokens as Token[], (t) => {
    if (t.type === 'image') refs.push(t.href);
  });
  return refs;
}

/**
 * Resolve an image reference of `file` (content-relative) to a content-relative
 * path, or undefined for remote / absolute / escaping references.
 */
export function resolveContentRef(file: string, ref: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('/') || ref.startsWith('//')) return undefined;
  const parts = file.split('/').slice(0, -1);
  for (const seg of decodeURI(ref).split(/[?#]/)[0].split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}
