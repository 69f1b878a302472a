/**
 * Markdown → sanitised HTML and plain text, at publish time (the kiosk never
 * parses Markdown). Allowed: headings, paragraphs, lists, tables, strong/em,
 * blockquote, br, hr, links to http(s) only (rel="noopener noreferrer"), and
 * images only when they are content-addressed assets of the same publish.
 * Everything else (script, style, iframe, on* attributes, other URLs) goes.
 */
import { Marked, type Token } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { markdownRefusal } from '../content/markdown-limits.ts';

/** A body the Markdown lexer must not see (markdownRefusal). Message in Chinese, without the body. */
export class MarkdownRefused extends Error {}

export interface RenderedText {
  html: string;
  text: string;
}

const ASSET_SRC = /^assets\/[0-9a-f]{16}\.[a-z0-9]+$/;

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'ul',
    'ol',
    'li',
    'table',
    'caption',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'strong',
    'em',
    'blockquote',
    'br',
    'hr',
    'a',
    'img',
  ],
  allowedAttributes: {
    a: ['href', 'rel'],
    img: ['src', 'alt'],
    ol: ['start'],
    th: ['align', 'colspan', 'rowspan'],
    td: ['align', 'colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https'],
  allowedSchemesByTag: {},
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template'],
  transformTags: {
    // (Renaming the tag here corrupts sanitize-html's closing tags: keep <a>, drop a bad href.)
    a: (_tagName, attribs): sanitizeHtml.Tag => {
      const href = (attribs.href ?? '').trim();
      const safe: sanitizeHtml.Attributes = /^https?:\/\//i.test(href) ? { href, rel: 'noopener noreferrer' } : {};
      return { tagName: 'a', attribs: safe };
    },
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !ASSET_SRC.test(frame.attribs.src ?? ''),
};

/**
 * Render Markdown. `imageAsset` maps an image reference (as written) to its
 * asset path; references it cannot map are dropped.
 */
export function renderMarkdown(body: string, imageAsset: (ref: string) => string | undefined = () => undefined): RenderedText {
  // The loader reports these as problems; never hand such a body to the lexer.
  const refusal = markdownRefusal(body);
  if (refusal) throw new MarkdownRefused(`第 ${refusal.line} 行：${refusal.message}`);
  const marked = new Marked({ gfm: true, breaks: false, async: false });
  marked.use({
    renderer: {
      // Links to anything but http(s) are shown as their text.
      link(token) {
        if (/^https?:\/\//i.test(token.href.trim())) return false;
        return this.parser.parseInline(token.tokens);
      },
    },
  });
  const tokens = marked.lexer(body.replace(/\r\n?/g, '\n'));
  marked.walkTokens(tokens as Token[], (t) => {
    if (t.type === 'image') t.href = imageAsset(t.href) ?? 'invalid:';
  });
  const raw = marked.parser(tokens);
  const html = sanitizeHtml(raw, SANITIZE)
    // A soft line break between Chinese characters is not a space.
    .replace(/([\p{Script=Han}，。；：、！？”）》」])\n(?=[\p{Script=Han}“（《「])/gu, '$1')
    .replace(/<p>\s*<\/p>\n?/g, '')
    .trim();
  return { html, text: htmlToText(html) };
}

/** Plain text of sanitised HTML: block ends become line breaks, entities decoded. */
export function htmlToText(html: string): string {
  const withBreaks = html
    .replace(/\n/g, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|h[1-6]|li|tr|blockquote|table|caption)>/gi, '\n')
    .replace(/<\/(td|th)>/gi, '\t')
    .replace(/<hr\s*\/?>/gi, '\n');
  const stripped = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} });
  return decodeEntities(stripped)
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp|#39);/gi, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }[lower] ?? _;
  });
}
