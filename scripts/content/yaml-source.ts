/**
 * Parsing of editable content files with line numbers: YAML files and
 * Markdown files with a YAML front matter block. Every parsed file keeps a
 * `line(path)` lookup so that a problem in any field can name its line.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Node } from 'yaml';
import { formatFieldPath, type FieldPath, type Problem } from './problems.ts';
import { markdownRefusal } from './markdown-limits.ts';
import { CONTROL_CHAR, controlCharName } from './read-text.ts';

/** Joins the segments of a path in a line table. */
export const PATH_SEP = '\u0001';

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
  /** The parse cache's key of this file (SHA-256 of kind, name and text), when one was used: equal keys, equal files. */
  key?: string;
}

/** A freshly parsed file. */
export interface ParsedSource<T = unknown> extends SourceFile<T> {
  /**
   * Every path of the document that `line` finds, joined by PATH_SEP ("" = the document), with
   * its line: one pass over the syntax tree (the parse cache keeps this instead of the tree).
   */
  lineTable(): Record<string, number>;
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
export function parseYamlSource(file: string, text: string, lineOffset = 0): { source?: ParsedSource; problems: Problem[] } {
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
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (err) {
    // yaml throws a ReferenceError when aliases expand too much ("billion laughs").
    let aliasLine = 1;
    visit(doc, {
      Alias(_key, node) {
        aliasLine = lineCounter.linePos(node.range?.[0] ?? 0).line;
        return visit.BREAK;
      },
    });
    const why = err instanceof ReferenceError ? '别名（& 和 *）展开后内容过多，像是恶意构造的文件' : '内容无法读取';
    return {
      problems: [
        { file, line: aliasLine + lineOffset, field: '', message: `YAML 文件不能发布：${why}；请不要使用 & 和 * 别名，把内容直接写出来` },
      ],
    };
  }
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
  // The same lines `line` gives, for every path it finds, in one walk of the tree.
  const lineTable = (): Record<string, number> => {
    const table: Record<string, number> = {};
    const join = (key: string | null, seg: string | number) => (key === null ? String(seg) : `${key}${PATH_SEP}${seg}`);
    const walk = (node: Node | null | undefined, key: string | null) => {
      if (isMap(node)) {
        for (const pair of node.items) {
          if (!isScalar(pair.key)) continue;
          const k = join(key, String(pair.key.value));
          table[k] = lineAt((pair.key as Node).range?.[0]);
          walk(pair.value as Node | null, k);
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => {
          const k = join(key, i);
          table[k] = lineAt((item as Node | undefined)?.range?.[0]);
          walk(item as Node | null, k);
        });
      }
    };
    const root = doc.contents as Node | null;
    table[''] = lineAt(root?.range?.[0] ?? 0);
    walk(root, null);
    return table;
  };
  for (const bad of hasControlCharacter(data) ? controlCharacters(data, []) : []) {
    problems.push({
      file,
      line: line(bad),
      field: formatFieldPath(bad),
      message: `内容中有看不见的控制字符（${controlCharName(valueAt(data, bad))}），多半是从别的软件复制时带进来的：请删掉这个字段的内容重新输入`,
    });
  }
  if (problems.length > 0) return { problems };
  return { source: { file, data, line, lineTable }, problems };
}

/** Whether any string value or key holds a control character (the quick test before finding where). */
function hasControlCharacter(value: unknown): boolean {
  if (typeof value === 'string') return CONTROL_CHAR.test(value);
  if (Array.isArray(value)) return value.some(hasControlCharacter);
  if (value && typeof value === 'object') {
    for (const k in value) if (CONTROL_CHAR.test(k) || hasControlCharacter((value as Record<string, unknown>)[k])) return true;
  }
  return false;
}

/** Paths of string values (or of maps whose keys) that hold control characters. */
function controlCharacters(value: unknown, path: (string | number)[]): (string | number)[][] {
  if (typeof value === 'string') return CONTROL_CHAR.test(value) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => controlCharacters(v, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => (CONTROL_CHAR.test(k) ? [path] : controlCharacters(v, [...path, k])));
  }
  return [];
}

function valueAt(data: unknown, path: (string | number)[]): string {
  let v: unknown = data;
  for (const seg of path) v = (v as Record<string | number, unknown> | undefined)?.[seg];
  return typeof v === 'string' ? v : Object.keys((v as object) ?? {}).join('');
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
export function parseMarkdownSource(file: string, text: string): { source?: MarkdownSource & ParsedSource; problems: Problem[] } {
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
  const refusal = markdownRefusal(body);
  if (refusal) return { problems: [{ file, line: end + 1 + refusal.line, field: '', message: refusal.message }] };
  return {
    source: { ...parsed.source, body, bodyLine: end + 2 },
    problems: parsed.problems,
  };
}
