/**
 * Parsing of editable content files with line numbers: YAML files and
 * Markdown files with a YAML front matter block. Every parsed file keeps a
 * `line(path)` lookup so that a problem in any field can name its line.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Node } from 'yaml';
import type { FieldPath, Problem } from './problems.ts';

/** A parsed YAML document (or front matter) with a line lookup. */
export interface SourceFile<T = unknown> {
  /** Path relative to the content folder, forward slashes. */
  file: string;
  /** Plain data (YAML 1.2 core schema: dates stay strings). */
  data: T;
  /**
   * Line (1-based, relative to the whole file) of the field at `path`: the
   * line of its key for a map entry, of the element for a list element. For a
   * path that does not exist (a missing field), the line of the nearest
   * existing ancestor.
   */
  line(path: FieldPath): number;
}

export interface MarkdownSource<T = unknown> extends SourceFile<T> {
  /** Markdown text after the front matter. */
  body: string;
  /** Line where the body starts. */
  bodyLine: number;
}

const YAML_ERROR_TEXT: Record<string, string> = {
  DUPLICATE_KEY: '同一层级出现了重复的键',
  BAD_INDENT: '缩进不正确',
  MISSING_CHAR: '缺少必要的符号（如引号、括号或冒号）',
  MULTILINE_IMPLICIT_KEY: '键不能跨行（可能缺少冒号或缩进不对）',
  BLOCK_AS_IMPLICIT_KEY: '缩进不正确或缺少冒号',
  TAB_AS_INDENT: '不能用 Tab 缩进，请改用空格',
  UNEXPECTED_TOKEN: '出现了意外的符号',
  BAD_SCALAR_START: '值的开头字符不合法（以 @ ` 等开头的值请加引号）',
  ALIAS_PROPS: '别名用法不正确',
  BAD_ALIAS: '别名用法不正确',
  UNEXPECTED_EOF: '文件意外结束（可能缺少结束引号或括号）',
};

/**
 * Parse YAML text. `lineOffset` is added to every line (front matter starts
 * below the opening `---`). Syntax errors become problems; data is undefined
 * when the document cannot be used.
 */
export function parseYamlSource(file: string, text: string, lineOffset = 0): { source?: SourceFile; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problems: Problem[] = [];
  for (const err of doc.errors) {
    const pos = err.pos?.[0] ?? 0;
    let line = lineCounter.linePos(pos).line + lineOffset;
    let reason = YAML_ERROR_TEXT[err.code] ?? '格式错误';
    // An unclosed quote is reported where the file ends; point at the line that opened it.
    const quote = /Missing closing (["'])quote/.exec(err.message)?.[1];
    if (quote) {
      const opened = unclosedQuoteLine(text, quote, lineCounter.linePos(pos).line);
      if (opened) {
        line = opened + lineOffset;
        reason = `引号 ${quote} 没有结束`;
      }
    }
    const detail = err.message.split('\n')[0];
    problems.push({ file, line, field: '', message: `YAML 语法错误：${reason}（${detail}）` });
  }
  if (problems.length > 0) return { problems };
  // Unquoted numbers with a leading zero are phone numbers (08395212032), not integers: keep the text.
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'number' && typeof node.source === 'string' && /^0\d/.test(node.source)) {
        node.value = node.source;
      }
    },
  });
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  const lineAt = (offset: number | undefined) => (offset === undefined ? 1 + lineOffset : lineCounter.linePos(offset).line + lineOffset);
  const line = (path: FieldPath): number => {
    let node: Node | null | undefined = doc.contents as Node | null;
    let best = lineAt(node?.range?.[0] ?? 0);
    for (const seg of path) {
      if (isMap(node) && typeof seg === 'string') {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
        if (!pair) return best;
        const keyNode = pair.key as Node;
        best = lineAt(keyNode.range?.[0]);
        node = pair.value as Node | null;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as Node | undefined;
        if (!item) return best;
        best = lineAt(item.range?.[0]);
        node = item;
      } else {
        return best;
      }
    }
    return best;
  };
  return { source: { file, data, line }, problems };
}

/** First line (1-based, before `limit`) with an odd number of `quote` characters. */
function unclosedQuoteLine(text: string, quote: string, limit: number): number | undefined {
  const lines = text.split('\n');
  for (let i = 0; i < Math.min(limit, lines.length); i++) {
    const withoutComment = lines[i].replace(/\s#.*$/, '');
    if ((withoutComment.split(quote).length - 1) % 2 === 1) return i + 1;
  }
  return undefined;
}

/**
 * Split a Markdown file into its YAML front matter (between a first line
 * `---` and the next `---` line) and body, and parse the front matter.
 */
export function parseMarkdownSource(file: string, text: string): { source?: MarkdownSource; problems: Problem[] } {
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = clean.split('\n');
  if (lines[0]?.trim() !== '---') {
    return {
      problems: [
        {
          file,
          line: 1,
          field: '',
          message: '文件必须以 --- 开头的信息块（标题、时间等）开始，正文写在第二个 --- 之后',
        },
      ],
    };
  }
  const end = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'));
  if (end < 0) {
    return {
      problems: [{ file, line: 1, field: '', message: '信息块缺少结束的 --- 行' }],
    };
  }
  const fm = lines.slice(1, end).join('\n');
  const parsed = parseYamlSource(file, fm, 1);
  if (!parsed.source) return { problems: parsed.problems };
  const body = lines.slice(end + 1).join('\n');
  return {
    source: { ...parsed.source, body, bodyLine: end + 2 },
    problems: parsed.problems,
  };
}
