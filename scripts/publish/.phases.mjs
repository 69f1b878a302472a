// scripts/content/load-content.ts
import { readdir, readFile as readFile2 } from 'node:fs/promises';
import path2 from 'node:path';

// scripts/content/read-text.ts
var NOT_UTF8 =
  '\u6587\u4EF6\u4E0D\u662F UTF-8 \u7F16\u7801 \u2014 \u8BF7\u53E6\u5B58\u4E3A UTF-8\uFF08\u8BB0\u4E8B\u672C\uFF1A\u201C\u53E6\u5B58\u4E3A\u201D\u2192 \u7F16\u7801\u9009\u201CUTF-8\u201D\uFF1BWPS\uFF1A\u201C\u53E6\u5B58\u4E3A\u201D\u2192\u201C\u5DE5\u5177\u201D\u2192\u201C\u7F16\u7801\u201D\u9009 UTF-8\uFF09';
function lineOfByte(bytes, at) {
  let line = 1;
  for (let i = 0; i < at && i < bytes.length; i++) if (bytes[i] === 10) line++;
  return line;
}
function firstInvalidUtf8(b) {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 128) {
      i++;
      continue;
    }
    const n = c >= 194 && c <= 223 ? 1 : c >= 224 && c <= 239 ? 2 : c >= 240 && c <= 244 ? 3 : -1;
    if (n < 0 || i + n >= b.length) return i;
    for (let k = 1; k <= n; k++) if ((b[i + k] & 192) !== 128) return i;
    i += n + 1;
  }
  return -1;
}
function decodeContentFile(file, bytes) {
  const refuse = (line, message) => ({ problem: { file, line, field: '', message } });
  if ((bytes[0] === 255 && bytes[1] === 254) || (bytes[0] === 254 && bytes[1] === 255)) {
    return refuse(0, `${NOT_UTF8}\uFF08\u8FD9\u4E2A\u6587\u4EF6\u662F UTF-16 \u7F16\u7801\uFF09`);
  }
  let zeros = 0;
  for (const b of bytes) if (b === 0) zeros++;
  if (bytes.length >= 2 && zeros * 4 >= bytes.length)
    return refuse(0, `${NOT_UTF8}\uFF08\u8FD9\u4E2A\u6587\u4EF6\u50CF\u662F UTF-16 \u7F16\u7801\uFF09`);
  let text2;
  try {
    text2 = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = Math.max(0, firstInvalidUtf8(bytes));
    return refuse(
      lineOfByte(bytes, at),
      `${NOT_UTF8}\uFF08\u4ECE\u8FD9\u4E00\u884C\u8D77\u6709\u4E0D\u662F UTF-8 \u7684\u5B57\u8282\uFF0C\u591A\u534A\u662F GBK/ANSI \u7F16\u7801\uFF09`,
    );
  }
  return { text: text2.replace(/^\uFEFF/, '') };
}
var CONTROL_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
function controlCharName(s) {
  const c = CONTROL_CHAR.exec(s)?.[0] ?? '';
  const code = c.charCodeAt(0);
  const names = { 0: 'NUL', 27: 'ESC', 127: 'DEL', 8: 'BS', 12: 'FF' };
  return names[code] ?? `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

// scripts/content/parse-cache.ts
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

// scripts/content/yaml-source.ts
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';

// scripts/content/problems.ts
function formatFieldPath(path5) {
  let out = '';
  for (const seg of path5) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}
function sortProblems(problems) {
  return [...problems].sort((a, b) => cmp(a.file, b.file) || a.line - b.line || cmp(a.field, b.field) || cmp(a.message, b.message));
}
function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// scripts/content/markdown-limits.ts
var MAX_BODY_CHARS = 2e5;
var MAX_LINE_CHARS = 1e4;
var DATA_URL = /(?:\]\(\s*<?|src\s*=\s*["']?|^|\s)data:[a-z-]+\/[a-z0-9.+-]+[;,]/im;
function markdownRefusal(body) {
  const lines = body.split('\n');
  const lineOfIndex = (i) => body.slice(0, i).split('\n').length;
  const data = DATA_URL.exec(body);
  if (data) {
    return {
      line: lineOfIndex(data.index + data[0].indexOf('data:')),
      message:
        '\u6B63\u6587\u4E2D\u76F4\u63A5\u7C98\u8D34\u4E86\u56FE\u7247\u6570\u636E\uFF08data: \u5F00\u5934\u7684\u4E00\u957F\u4E32\u5B57\u7B26\uFF09\uFF1A\u8BF7\u628A\u56FE\u7247\u5B58\u6210 jpg/png \u6587\u4EF6\u653E\u8FDB\u5185\u5BB9\u6587\u4EF6\u5939\uFF0C\u5728\u6B63\u6587\u91CC\u7528 ![\u8BF4\u660E](\u6587\u4EF6\u540D) \u5F15\u7528',
    };
  }
  const long = lines.findIndex((l) => l.length > MAX_LINE_CHARS);
  if (long >= 0)
    return {
      line: long + 1,
      message: `\u8FD9\u4E00\u884C\u6709 ${lines[long].length} \u4E2A\u5B57\u7B26\uFF0C\u592A\u957F\u4E86\uFF08\u6700\u591A ${MAX_LINE_CHARS} \u4E2A\uFF09\uFF1A\u8BF7\u5206\u6210\u51E0\u6BB5`,
    };
  if (body.length > MAX_BODY_CHARS)
    return {
      line: 1,
      message: `\u6B63\u6587\u6709 ${body.length} \u4E2A\u5B57\u7B26\uFF0C\u592A\u957F\u4E86\uFF08\u6700\u591A ${MAX_BODY_CHARS} \u4E2A\uFF09\uFF1A\u8BF7\u7CBE\u7B80\u6216\u5206\u6210\u51E0\u6761`,
    };
  const ctl = lines.findIndex((l) => CONTROL_CHAR.test(l));
  if (ctl >= 0) {
    return {
      line: ctl + 1,
      message: `\u6B63\u6587\u4E2D\u6709\u770B\u4E0D\u89C1\u7684\u63A7\u5236\u5B57\u7B26\uFF08${controlCharName(lines[ctl])}\uFF09\uFF0C\u591A\u534A\u662F\u4ECE\u522B\u7684\u8F6F\u4EF6\u590D\u5236\u65F6\u5E26\u8FDB\u6765\u7684\uFF1A\u8BF7\u5220\u6389\u8FD9\u4E00\u884C\u91CD\u65B0\u8F93\u5165`,
    };
  }
  return void 0;
}

// scripts/content/yaml-source.ts
var YAML_ERROR_TEXT = {
  DUPLICATE_KEY: '\u540C\u4E00\u5C42\u7EA7\u51FA\u73B0\u4E86\u91CD\u590D\u7684\u952E',
  BAD_INDENT: '\u7F29\u8FDB\u4E0D\u6B63\u786E',
  MISSING_CHAR: '\u7F3A\u5C11\u5FC5\u8981\u7684\u7B26\u53F7\uFF08\u5982\u5F15\u53F7\u3001\u62EC\u53F7\u6216\u5192\u53F7\uFF09',
  MULTILINE_IMPLICIT_KEY: '\u952E\u4E0D\u80FD\u8DE8\u884C\uFF08\u53EF\u80FD\u7F3A\u5C11\u5192\u53F7\u6216\u7F29\u8FDB\u4E0D\u5BF9\uFF09',
  BLOCK_AS_IMPLICIT_KEY: '\u7F29\u8FDB\u4E0D\u6B63\u786E\u6216\u7F3A\u5C11\u5192\u53F7',
  TAB_AS_INDENT: '\u4E0D\u80FD\u7528 Tab \u7F29\u8FDB\uFF0C\u8BF7\u6539\u7528\u7A7A\u683C',
  UNEXPECTED_TOKEN: '\u51FA\u73B0\u4E86\u610F\u5916\u7684\u7B26\u53F7',
  BAD_SCALAR_START:
    '\u503C\u7684\u5F00\u5934\u5B57\u7B26\u4E0D\u5408\u6CD5\uFF08\u4EE5 @ ` \u7B49\u5F00\u5934\u7684\u503C\u8BF7\u52A0\u5F15\u53F7\uFF09',
  ALIAS_PROPS: '\u522B\u540D\u7528\u6CD5\u4E0D\u6B63\u786E',
  BAD_ALIAS: '\u522B\u540D\u7528\u6CD5\u4E0D\u6B63\u786E',
  UNEXPECTED_EOF: '\u6587\u4EF6\u610F\u5916\u7ED3\u675F\uFF08\u53EF\u80FD\u7F3A\u5C11\u7ED3\u675F\u5F15\u53F7\u6216\u62EC\u53F7\uFF09',
};
function parseYamlSource(file, text2, lineOffset = 0) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text2, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problems = [];
  for (const err of doc.errors) {
    const pos = err.pos?.[0] ?? 0;
    let line2 = lineCounter.linePos(pos).line + lineOffset;
    let reason = YAML_ERROR_TEXT[err.code] ?? '\u683C\u5F0F\u9519\u8BEF';
    const quote = /Missing closing (["'])quote/.exec(err.message)?.[1];
    if (quote) {
      const opened = unclosedQuoteLine(text2, quote, lineCounter.linePos(pos).line);
      if (opened) {
        line2 = opened + lineOffset;
        reason = `\u5F15\u53F7 ${quote} \u6CA1\u6709\u7ED3\u675F`;
      }
    }
    const detail = err.message.split('\n')[0];
    problems.push({ file, line: line2, field: '', message: `YAML \u8BED\u6CD5\u9519\u8BEF\uFF1A${reason}\uFF08${detail}\uFF09` });
  }
  if (problems.length > 0) return { problems };
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'number' && typeof node.source === 'string' && /^0\d/.test(node.source)) {
        node.value = node.source;
      }
    },
  });
  let data;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    let aliasLine = 1;
    visit(doc, {
      Alias(_key, node) {
        aliasLine = lineCounter.linePos(node.range?.[0] ?? 0).line;
        return visit.BREAK;
      },
    });
    const why =
      err instanceof ReferenceError
        ? '\u522B\u540D\uFF08& \u548C *\uFF09\u5C55\u5F00\u540E\u5185\u5BB9\u8FC7\u591A\uFF0C\u50CF\u662F\u6076\u610F\u6784\u9020\u7684\u6587\u4EF6'
        : '\u5185\u5BB9\u65E0\u6CD5\u8BFB\u53D6';
    return {
      problems: [
        {
          file,
          line: aliasLine + lineOffset,
          field: '',
          message: `YAML \u6587\u4EF6\u4E0D\u80FD\u53D1\u5E03\uFF1A${why}\uFF1B\u8BF7\u4E0D\u8981\u4F7F\u7528 & \u548C * \u522B\u540D\uFF0C\u628A\u5185\u5BB9\u76F4\u63A5\u5199\u51FA\u6765`,
        },
      ],
    };
  }
  const lineAt = (offset) => (offset === void 0 ? 1 + lineOffset : lineCounter.linePos(offset).line + lineOffset);
  const line = (path5) => {
    let node = doc.contents;
    let best = lineAt(node?.range?.[0] ?? 0);
    for (const seg of path5) {
      if (isMap(node) && typeof seg === 'string') {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
        if (!pair) return best;
        const keyNode = pair.key;
        best = lineAt(keyNode.range?.[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg];
        if (!item) return best;
        best = lineAt(item.range?.[0]);
        node = item;
      } else {
        return best;
      }
    }
    return best;
  };
  for (const bad of controlCharacters(data, [])) {
    problems.push({
      file,
      line: line(bad),
      field: formatFieldPath(bad),
      message: `\u5185\u5BB9\u4E2D\u6709\u770B\u4E0D\u89C1\u7684\u63A7\u5236\u5B57\u7B26\uFF08${controlCharName(valueAt(data, bad))}\uFF09\uFF0C\u591A\u534A\u662F\u4ECE\u522B\u7684\u8F6F\u4EF6\u590D\u5236\u65F6\u5E26\u8FDB\u6765\u7684\uFF1A\u8BF7\u5220\u6389\u8FD9\u4E2A\u5B57\u6BB5\u7684\u5185\u5BB9\u91CD\u65B0\u8F93\u5165`,
    });
  }
  if (problems.length > 0) return { problems };
  return { source: { file, data, line }, problems };
}
function controlCharacters(value, path5) {
  if (typeof value === 'string') return CONTROL_CHAR.test(value) ? [path5] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => controlCharacters(v, [...path5, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => (CONTROL_CHAR.test(k) ? [path5] : controlCharacters(v, [...path5, k])));
  }
  return [];
}
function valueAt(data, path5) {
  let v = data;
  for (const seg of path5) v = v?.[seg];
  return typeof v === 'string' ? v : Object.keys(v ?? {}).join('');
}
function unclosedQuoteLine(text2, quote, limit) {
  const lines = text2.split('\n');
  for (let i = 0; i < Math.min(limit, lines.length); i++) {
    const withoutComment = lines[i].replace(/\s#.*$/, '');
    if ((withoutComment.split(quote).length - 1) % 2 === 1) return i + 1;
  }
  return void 0;
}
function parseMarkdownSource(file, text2) {
  const clean = text2.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = clean.split('\n');
  if (lines[0]?.trim() !== '---') {
    return {
      problems: [
        {
          file,
          line: 1,
          field: '',
          message:
            '\u6587\u4EF6\u5FC5\u987B\u4EE5 --- \u5F00\u5934\u7684\u4FE1\u606F\u5757\uFF08\u6807\u9898\u3001\u65F6\u95F4\u7B49\uFF09\u5F00\u59CB\uFF0C\u6B63\u6587\u5199\u5728\u7B2C\u4E8C\u4E2A --- \u4E4B\u540E',
        },
      ],
    };
  }
  const end = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'));
  if (end < 0) {
    return {
      problems: [{ file, line: 1, field: '', message: '\u4FE1\u606F\u5757\u7F3A\u5C11\u7ED3\u675F\u7684 --- \u884C' }],
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

// scripts/content/parse-cache.ts
var CACHE_FORMAT = 1;
var SEP = '';
function allLines(data, line) {
  const out = {};
  const walk = (v, p) => {
    out[p.join(SEP)] = line(p);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
  };
  walk(data, []);
  return out;
}
function lineLookup(lines) {
  return (p) => {
    const segs = [...p];
    for (;;) {
      const hit = lines[segs.join(SEP)];
      if (hit !== void 0) return hit;
      if (segs.length === 0) return 1;
      segs.pop();
    }
  };
}
var ParseCache = class _ParseCache {
  constructor(file, known) {
    this.file = file;
    this.known = known;
  }
  file;
  known;
  used = /* @__PURE__ */ new Map();
  added = false;
  /** No file: parses every time (tests, one-off loads). */
  static none() {
    return new _ParseCache(void 0, /* @__PURE__ */ new Map());
  }
  /** Opens the cache file; a missing or unreadable one starts empty. */
  static async open(file) {
    try {
      const raw = JSON.parse(await readFile(file, 'utf8'));
      if (raw.format === CACHE_FORMAT && raw.entries) return new _ParseCache(file, new Map(Object.entries(raw.entries)));
    } catch {}
    return new _ParseCache(file, /* @__PURE__ */ new Map());
  }
  key(kind, rel, text2) {
    return createHash('sha256').update(`${kind}\0${rel}\0`).update(text2).digest('base64url');
  }
  remember(key, entry2) {
    this.used.set(key, entry2);
    if (!this.known.has(key)) this.added = true;
  }
  yaml(rel, text2) {
    if (!this.file) return parseYamlSource(rel, text2);
    const key = this.key('yaml', rel, text2);
    const hit = this.known.get(key);
    if (hit) {
      this.remember(key, hit);
      return { source: { file: rel, data: hit.data, line: lineLookup(hit.lines), key }, problems: [] };
    }
    const parsed = parseYamlSource(rel, text2);
    if (parsed.source && parsed.problems.length === 0) {
      this.remember(key, { data: structuredClone(parsed.source.data), lines: allLines(parsed.source.data, parsed.source.line) });
      parsed.source.key = key;
    }
    return parsed;
  }
  markdown(rel, text2) {
    if (!this.file) return parseMarkdownSource(rel, text2);
    const key = this.key('md', rel, text2);
    const hit = this.known.get(key);
    if (hit) {
      this.remember(key, hit);
      const source = {
        file: rel,
        data: hit.data,
        line: lineLookup(hit.lines),
        key,
        body: hit.body ?? '',
        bodyLine: hit.bodyLine ?? 1,
      };
      return { source, problems: [] };
    }
    const parsed = parseMarkdownSource(rel, text2);
    if (parsed.source && parsed.problems.length === 0) {
      const s = parsed.source;
      this.remember(key, { data: structuredClone(s.data), lines: allLines(s.data, s.line), body: s.body, bodyLine: s.bodyLine });
      s.key = key;
    }
    return parsed;
  }
  /**
   * Writes what this run used (temp + rename), when anything is new or was dropped. Files read
   * from the cache share their data with it: save before anything may change that data
   * (buildPublication saves right after loading).
   */
  async save() {
    if (!this.file || (!this.added && this.used.size === this.known.size)) return;
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, JSON.stringify({ format: CACHE_FORMAT, entries: Object.fromEntries(this.used) }));
    await rename(tmp, this.file);
  }
};

// scripts/content/load-content.ts
var YAML_EXT = /\.ya?ml$/i;
var KNOWN_OTHER = /* @__PURE__ */ new Set(['county.yaml', 'departments.yaml', 'topics.yaml']);
var READ_CONCURRENCY = 64;
async function loadContent(dir2, options = {}) {
  const cache2 = options.cache ?? ParseCache.none();
  const root = path2.resolve(dir2);
  const { files, refused } = await listFiles(root);
  const content = {
    dir: root,
    sites: [],
    staff: [],
    items: [],
    announcements: [],
    documents: [],
    files: new Set(files),
    problems: [...refused],
  };
  if (files.length === 0 && refused.length === 0) {
    content.problems.push({
      file: root,
      line: 0,
      field: '',
      message: '\u5185\u5BB9\u6587\u4EF6\u5939\u4E0D\u5B58\u5728\u6216\u4E3A\u7A7A',
    });
    return content;
  }
  const bytes = /* @__PURE__ */ new Map();
  const wanted = files.filter((f) => YAML_EXT.test(f) || f.endsWith('.md'));
  for (let i = 0; i < wanted.length; i += READ_CONCURRENCY) {
    const batch = wanted.slice(i, i + READ_CONCURRENCY).map((rel) => {
      const read = readFile2(path2.join(root, rel));
      read.catch(() => void 0);
      bytes.set(rel, read);
      return read.catch(() => void 0);
    });
    await Promise.all(batch);
  }
  const readText = async (rel) => {
    const { text: text2, problem } = decodeContentFile(rel, await (bytes.get(rel) ?? readFile2(path2.join(root, rel))));
    if (problem) content.problems.push(problem);
    return text2;
  };
  const yaml = async (rel) => {
    const text2 = await readText(rel);
    if (text2 === void 0) return void 0;
    const { source, problems } = cache2.yaml(rel, text2);
    content.problems.push(...problems);
    return source;
  };
  const markdown = async (rel) => {
    const text2 = await readText(rel);
    if (text2 === void 0) return void 0;
    const { source, problems } = cache2.markdown(rel, text2);
    content.problems.push(...problems);
    return source;
  };
  const required = async (rel, what) => {
    if (!content.files.has(rel)) {
      content.problems.push({ file: rel, line: 0, field: '', message: `\u7F3A\u5C11${what}\u6587\u4EF6 ${rel}` });
      return void 0;
    }
    return yaml(rel);
  };
  content.county = await required('county.yaml', '\u53BF\u57FA\u672C\u4FE1\u606F');
  content.departments = await required('departments.yaml', '\u90E8\u95E8');
  if (content.files.has('topics.yaml')) content.topics = await yaml('topics.yaml');
  for (const rel of files) {
    const parts = rel.split('/');
    const [top] = parts;
    if (top === 'sites' && parts.length === 2 && YAML_EXT.test(rel)) {
      const s = await yaml(rel);
      if (s) content.sites.push(s);
    } else if (top === 'staff' && parts.length === 2 && YAML_EXT.test(rel)) {
      const s = await yaml(rel);
      if (s) content.staff.push(s);
    } else if (top === 'items' && YAML_EXT.test(rel)) {
      if (parts.length !== 3) {
        content.problems.push({
          file: rel,
          line: 1,
          field: '',
          message: '\u4E8B\u9879\u6587\u4EF6\u5E94\u653E\u5728 items/<\u90E8\u95E8\u7F16\u7801>/<\u4E8B\u9879\u7F16\u7801>.yaml',
        });
        continue;
      }
      const s = await yaml(rel);
      if (s) content.items.push(s);
    } else if (top === 'announcements' && parts.length === 2 && rel.endsWith('.md')) {
      const s = await markdown(rel);
      if (s) content.announcements.push(s);
    } else if (top === 'documents' && parts.length === 2 && rel.endsWith('.md')) {
      const s = await markdown(rel);
      if (s) content.documents.push(s);
    } else if ((YAML_EXT.test(rel) || rel.endsWith('.md')) && !KNOWN_OTHER.has(rel) && !/(^|\/)readme\.md$/i.test(rel)) {
      content.problems.push({
        file: rel,
        line: 0,
        field: '',
        message:
          '\u65E0\u6CD5\u8BC6\u522B\u7684\u6587\u4EF6\uFF0C\u4E0D\u4F1A\u88AB\u53D1\u5E03\uFF08\u6587\u4EF6\u5939\u6216\u6587\u4EF6\u540D\u662F\u5426\u62FC\u9519\uFF1F\u4E8B\u9879\u653E items/<\u90E8\u95E8\u7F16\u7801>/\uFF0C\u7AD9\u70B9\u653E sites/\uFF0C\u516C\u544A\u653E announcements/\uFF0C\u653F\u5E9C\u4FE1\u606F\u653E documents/\uFF09',
      });
    }
  }
  return content;
}
function baseName(rel) {
  return path2.posix.basename(rel).replace(/\.[^.]+$/, '');
}
async function listFiles(root) {
  const out = [];
  const refused = [];
  const walk = async (abs, rel) => {
    let entries;
    try {
      entries = await readdir(abs, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isSymbolicLink()) {
        refused.push({
          file: childRel,
          line: 0,
          field: '',
          message:
            '\u8FD9\u662F\u4E00\u4E2A\u5FEB\u6377\u65B9\u5F0F\uFF08\u7B26\u53F7\u94FE\u63A5\uFF09\uFF0C\u4E0D\u80FD\u53D1\u5E03\uFF1A\u8BF7\u628A\u771F\u6B63\u7684\u6587\u4EF6\u6216\u6587\u4EF6\u5939\u590D\u5236\u5230\u8FD9\u91CC\uFF0C\u518D\u5220\u6389\u8FD9\u4E2A\u94FE\u63A5',
        });
      } else if (e.isDirectory()) await walk(path2.join(abs, e.name), childRel);
      else if (e.isFile()) out.push(childRel);
      else
        refused.push({
          file: childRel,
          line: 0,
          field: '',
          message: '\u8FD9\u4E0D\u662F\u666E\u901A\u6587\u4EF6\uFF0C\u4E0D\u80FD\u53D1\u5E03\uFF1A\u8BF7\u5220\u6389\u5B83',
        });
    }
  };
  await walk(root, '');
  return { files: out.sort(), refused: refused.sort((a, b) => (a.file < b.file ? -1 : 1)) };
}

// scripts/content/shape.ts
var str = (opts = {}) => ({ t: 'string', ...opts });
var int = (min2, max) => ({ t: 'int', min: min2, max });
var bool = () => ({ t: 'bool' });
var oneOf = (values) => ({ t: 'enum', values });
var list = (of, nonEmpty = false) => ({ t: 'array', of, nonEmpty });
var obj = (fields) => ({
  t: 'object',
  fields,
});
var req = (label, shape) => ({ label, shape, required: true });
var opt = (label, shape) => ({ label, shape });
function describe(value) {
  if (value === null || value === void 0) return '\u7A7A';
  if (Array.isArray(value)) return '\u5217\u8868';
  if (typeof value === 'object') return '\u5BF9\u8C61';
  return `\u300C${String(value)}\u300D`;
}
function checkShape(src, value, shape, path5, label, problems) {
  const report = (message, at = path5) => problems.push({ file: src.file, line: src.line(at), field: formatFieldPath(at), message });
  const name = `\u300C${label}\u300D`;
  switch (shape.t) {
    case 'string': {
      if (typeof value === 'number' && shape.numeric) return;
      if (typeof value !== 'string') {
        report(`${name}\u5E94\u4E3A\u6587\u5B57\uFF0C\u73B0\u5728\u662F${describe(value)}`);
      } else if (!shape.allowEmpty && value.trim() === '') {
        report(`${name}\u4E0D\u80FD\u4E3A\u7A7A`);
      }
      return;
    }
    case 'int': {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        report(`${name}\u5E94\u4E3A\u6574\u6570\uFF0C\u73B0\u5728\u662F${describe(value)}`);
      } else if (shape.min !== void 0 && value < shape.min) {
        report(`${name}\u4E0D\u80FD\u5C0F\u4E8E ${shape.min}\uFF0C\u73B0\u5728\u662F ${value}`);
      } else if (shape.max !== void 0 && value > shape.max) {
        report(`${name}\u4E0D\u80FD\u5927\u4E8E ${shape.max}\uFF0C\u73B0\u5728\u662F ${value}`);
      }
      return;
    }
    case 'bool': {
      if (typeof value !== 'boolean')
        report(`${name}\u5E94\u4E3A true\uFF08\u662F\uFF09\u6216 false\uFF08\u5426\uFF09\uFF0C\u73B0\u5728\u662F${describe(value)}`);
      return;
    }
    case 'enum': {
      if (!shape.values.includes(value)) {
        report(
          `${name}\u5FC5\u987B\u662F\u4EE5\u4E0B\u4E4B\u4E00\uFF1A${shape.values.join('\u3001')}\uFF08\u73B0\u5728\u662F${describe(value)}\uFF09`,
        );
      }
      return;
    }
    case 'array': {
      if (!Array.isArray(value)) {
        report(
          `${name}\u5E94\u4E3A\u5217\u8868\uFF08\u6BCF\u9879\u4E00\u884C\uFF0C\u4EE5\u201C- \u201D\u5F00\u5934\uFF09\uFF0C\u73B0\u5728\u662F${describe(value)}`,
        );
        return;
      }
      if (shape.nonEmpty && value.length === 0) report(`${name}\u81F3\u5C11\u8981\u586B\u5199\u4E00\u9879`);
      value.forEach((v, i) => checkShape(src, v, shape.of, [...path5, i], label, problems));
      return;
    }
    case 'stringOrObject': {
      if (typeof value === 'string') checkShape(src, value, str(), path5, label, problems);
      else checkShape(src, value, shape.object, path5, label, problems);
      return;
    }
    case 'sites': {
      if (value === 'all') return;
      if (!Array.isArray(value)) {
        report(
          `${name}\u5E94\u4E3A all\uFF08\u5168\u90E8\u7AD9\u70B9\uFF09\u6216\u7AD9\u70B9\u7F16\u7801\u5217\u8868\uFF0C\u73B0\u5728\u662F${describe(value)}`,
        );
        return;
      }
      if (value.length === 0)
        report(
          `${name}\u4E3A\u7A7A\u5217\u8868\uFF1A\u4E0D\u4F1A\u5728\u4EFB\u4F55\u7AD9\u70B9\u663E\u793A\uFF1B\u5982\u9002\u7528\u5168\u90E8\u7AD9\u70B9\u8BF7\u5199 all`,
        );
      value.forEach((v, i) => checkShape(src, v, str(), [...path5, i], label, problems));
      return;
    }
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        report(`${name}\u5E94\u4E3A\u5BF9\u8C61\uFF08\u952E: \u503C\uFF09\uFF0C\u73B0\u5728\u662F${describe(value)}`);
        return;
      }
      const record = value;
      for (const key of Object.keys(record)) {
        const field = shape.fields[key];
        if (!field) {
          report(unknownKeyMessage(key, Object.keys(shape.fields), shape.fields), [...path5, key]);
          continue;
        }
        const v = record[key];
        if (v === null || v === void 0) {
          if (field.required) report(`\u5FC5\u586B\u9879\u300C${field.label}\u300D\u6CA1\u6709\u586B\u5199\u5185\u5BB9`, [...path5, key]);
          continue;
        }
        checkShape(src, v, field.shape, [...path5, key], field.label, problems);
      }
      for (const [key, field] of Object.entries(shape.fields)) {
        if (field.required && !(key in record)) {
          problems.push({
            file: src.file,
            line: src.line(path5),
            field: formatFieldPath([...path5, key]),
            message: `\u7F3A\u5C11\u5FC5\u586B\u9879\u300C${field.label}\u300D\uFF08${key}\uFF09`,
          });
        }
      }
      return;
    }
  }
}
function unknownKeyMessage(key, known, fields) {
  const best = known.map((k) => ({ k, d: editDistance(key.toLowerCase(), k.toLowerCase()) })).sort((a, b) => a.d - b.d)[0];
  if (best && best.d <= Math.max(2, Math.floor(best.k.length / 3))) {
    return `\u672A\u77E5\u5B57\u6BB5\u300C${key}\u300D\uFF0C\u662F\u5426\u60F3\u5199\u300C${best.k}\u300D\uFF08${fields[best.k].label}\uFF09\uFF1F`;
  }
  return `\u672A\u77E5\u5B57\u6BB5\u300C${key}\u300D\uFF08\u53EF\u80FD\u662F\u62FC\u5199\u9519\u8BEF\uFF1B\u8FD9\u91CC\u53EF\u7528\u7684\u5B57\u6BB5\uFF1A${known.join('\u3001')}\uFF09`;
}
function editDistance(a, b) {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return dp[a.length][b.length];
}

// kiosk/src/bundle/schema.ts
var ITEM_TYPES = [
  '\u884C\u653F\u8BB8\u53EF',
  '\u884C\u653F\u7ED9\u4ED8',
  '\u884C\u653F\u786E\u8BA4',
  '\u884C\u653F\u88C1\u51B3',
  '\u884C\u653F\u5956\u52B1',
  '\u884C\u653F\u5F81\u6536',
  '\u5176\u4ED6\u884C\u653F\u6743\u529B',
  '\u516C\u5171\u670D\u52A1',
];
var ITEM_MODES = ['\u5373\u529E\u4EF6', '\u627F\u8BFA\u4EF6'];
var ITEM_LEVELS = ['\u4E61\u9547', '\u6751(\u793E\u533A)', '\u4E61\u9547\u548C\u6751(\u793E\u533A)'];
var MATERIAL_FORMS = ['\u539F\u4EF6', '\u590D\u5370\u4EF6', '\u539F\u4EF6\u548C\u590D\u5370\u4EF6', '\u7535\u5B50\u7248', '\u586B\u5199'];
var TOWNSHIP_CLASSES = ['\u4E00\u7C7B', '\u4E8C\u7C7B', '\u4E09\u7C7B'];
var ANNOUNCEMENT_PRIORITIES = ['normal', 'urgent'];

// scripts/content/source-shapes.ts
var phone = obj({
  label: req('\u540D\u79F0', str()),
  number: req('\u53F7\u7801', str({ numeric: true })),
});
var countyShape = obj({
  code: req('\u53BF\u7F16\u7801', str()),
  name: req('\u53BF\u540D\u79F0', str()),
  serviceCentre: req('\u53BF\u653F\u52A1\u670D\u52A1\u4E2D\u5FC3\u540D\u79F0', str()),
  publicItemUrl: req('\u4E8B\u9879\u7F51\u5740\u524D\u7F00', str()),
  hotline: req('\u4FBF\u6C11\u70ED\u7EBF', phone),
  supervision: req('\u53BF\u76D1\u7763\u4E3E\u62A5\u7535\u8BDD', phone),
  demo: req('\u793A\u4F8B\u6570\u636E\u6807\u8BB0', bool()),
  timeZone: opt('\u65F6\u533A', str()),
  hub: opt('\u53BF\u7EA7\u7BA1\u7406\u5E73\u53F0\u5730\u5740', str()),
});
var departmentShape = obj({
  id: req('\u90E8\u95E8\u7F16\u7801', str()),
  name: req('\u90E8\u95E8\u7B80\u79F0', str()),
  fullName: req('\u90E8\u95E8\u5168\u79F0', str()),
  icon: req('\u56FE\u6807\u6587\u5B57', str()),
  phone: opt('\u90E8\u95E8\u7535\u8BDD', str({ numeric: true })),
});
var departmentsFileShape = obj({
  departments: req('\u90E8\u95E8\u5217\u8868', list(departmentShape, true)),
});
var hours = obj({
  days: req('\u529E\u516C\u65E5', list(int(1, 7), true)),
  periods: req(
    '\u529E\u516C\u65F6\u6BB5',
    list(obj({ open: req('\u5F00\u59CB\u65F6\u95F4', str()), close: req('\u7ED3\u675F\u65F6\u95F4', str()) }), true),
  ),
  note: opt('\u8BF4\u660E', str()),
});
var siteShape = obj({
  code: req('\u7AD9\u70B9\u7F16\u7801', str()),
  kind: req('\u7AD9\u70B9\u7C7B\u578B', oneOf(['township', 'village'])),
  name: req('\u7AD9\u70B9\u540D\u79F0', str()),
  class: opt('\u4E61\u9547\u7C7B\u522B', oneOf(TOWNSHIP_CLASSES)),
  population: opt('\u4EBA\u53E3', int(0)),
  parent: opt('\u6240\u5C5E\u4E61\u9547', str()),
  address: req('\u5730\u5740', str()),
  hours: opt('\u529E\u516C\u65F6\u95F4', hours),
  phones: req(
    '\u7535\u8BDD',
    obj({ consultation: req('\u54A8\u8BE2\u7535\u8BDD', phone), supervision: opt('\u76D1\u7763\u4E3E\u62A5\u7535\u8BDD', phone) }),
  ),
  opinionBox: req('\u610F\u89C1\u7BB1\u4F4D\u7F6E', str()),
  maintenancePin: opt('\u7EF4\u62A4\u5BC6\u7801', str()),
  windows: opt(
    '\u7A97\u53E3',
    list(
      obj({
        number: req('\u7A97\u53E3\u53F7', str({ numeric: true })),
        name: req('\u7A97\u53E3\u540D\u79F0', str()),
        departments: req('\u7A97\u53E3\u53D7\u7406\u90E8\u95E8', list(str(), true)),
        position: opt('\u5E73\u9762\u56FE\u4F4D\u7F6E', obj({ x: req('\u5217', int(0)), y: req('\u884C', int(0)) })),
      }),
    ),
  ),
  agent: opt(
    '\u4EE3\u529E\u5458',
    obj({
      name: req('\u4EE3\u529E\u5458\u59D3\u540D', str()),
      phone: req('\u4EE3\u529E\u5458\u7535\u8BDD', str({ numeric: true })),
      photo: opt('\u7167\u7247', str()),
    }),
  ),
});
var staffShape = obj({
  id: req('\u5DE5\u4F5C\u4EBA\u5458\u7F16\u53F7', str()),
  name: req('\u59D3\u540D', str()),
  photo: opt('\u7167\u7247', str()),
  position: req('\u804C\u52A1', str()),
  window: req('\u7A97\u53E3\u53F7', str({ numeric: true })),
  post: req('\u5C97\u4F4D\uFF08A\u5C97/B\u5C97\uFF09', oneOf(['A', 'B'])),
  partner: req('AB\u5C97\u642D\u6863', str()),
  phone: opt('\u7535\u8BDD', str({ numeric: true })),
  dutyDays: opt('\u503C\u73ED\u65E5', list(int(1, 7))),
  roster: opt(
    '\u6392\u73ED\u4F8B\u5916',
    list(obj({ date: req('\u65E5\u671F', str()), onDuty: req('\u662F\u5426\u5728\u5C97', bool()), note: opt('\u8BF4\u660E', str()) })),
  ),
});
var staffFileShape = obj({ staff: req('\u5DE5\u4F5C\u4EBA\u5458\u5217\u8868', list(staffShape, true)) });
var stepObject = obj({
  title: req('\u6B65\u9AA4\u540D\u79F0', str()),
  detail: opt('\u6B65\u9AA4\u8BF4\u660E', str()),
  actor: opt('\u529E\u7406\u4EBA', str()),
  days: opt('\u6240\u9700\u5DE5\u4F5C\u65E5', int(0)),
});
var itemShape = obj({
  code: req('\u4E8B\u9879\u7F16\u7801', str()),
  name: req('\u4E8B\u9879\u540D\u79F0', str()),
  type: req('\u4E8B\u9879\u7C7B\u578B', oneOf(ITEM_TYPES)),
  department: req('\u4E3B\u7BA1\u90E8\u95E8', str()),
  subject: req('\u529E\u7406\u4E3B\u4F53', str()),
  basis: req('\u529E\u7406\u4F9D\u636E', list(str(), true)),
  conditions: req('\u529E\u7406\u6761\u4EF6', list(str(), true)),
  materials: req(
    '\u7533\u8BF7\u6750\u6599',
    list(
      obj({
        name: req('\u6750\u6599\u540D\u79F0', str()),
        form: req('\u6750\u6599\u5F62\u5F0F', oneOf(MATERIAL_FORMS)),
        copies: opt('\u4EFD\u6570', int(1)),
        note: opt('\u6750\u6599\u8BF4\u660E', str()),
        optional: opt('\u662F\u5426\u6309\u60C5\u51B5\u63D0\u4F9B', bool()),
      }),
    ),
  ),
  steps: req('\u529E\u7406\u7A0B\u5E8F', list({ t: 'stringOrObject', object: stepObject }, true)),
  mode: req('\u529E\u4EF6\u7C7B\u578B', oneOf(ITEM_MODES)),
  promiseDays: opt('\u627F\u8BFA\u65F6\u9650', int(1)),
  legalDays: opt('\u6CD5\u5B9A\u65F6\u9650', int(1)),
  result: req('\u529E\u7406\u7ED3\u679C', str()),
  fee: req(
    '\u6536\u8D39',
    obj({
      charged: req('\u662F\u5426\u6536\u8D39', bool()),
      basis: opt('\u6536\u8D39\u4F9D\u636E', str()),
      standard: opt('\u6536\u8D39\u6807\u51C6', str()),
    }),
  ),
  supervision: opt('\u76D1\u7763\u6E20\u9053', str()),
  phone: opt('\u54A8\u8BE2\u7535\u8BDD', str({ numeric: true })),
  level: req('\u529E\u7406\u5C42\u7EA7', oneOf(ITEM_LEVELS)),
  sites: opt('\u9002\u7528\u7AD9\u70B9', { t: 'sites' }),
  keywords: opt('\u5173\u952E\u8BCD', list(str())),
  faq: opt('\u5E38\u89C1\u95EE\u9898', list(obj({ q: req('\u95EE\u9898', str()), a: req('\u56DE\u7B54', str()) }))),
  visits: opt('\u8DD1\u52A8\u6B21\u6570', int(0)),
  popularity: opt('\u70ED\u5EA6', int(0, 100)),
});
var topicShape = obj({
  id: req('\u4E3B\u9898\u7F16\u53F7', str()),
  name: req('\u4E3B\u9898\u540D\u79F0', str()),
  icon: req('\u56FE\u6807\u6587\u5B57', str()),
  description: req('\u4E3B\u9898\u8BF4\u660E', str()),
  items: req('\u4E8B\u9879\u7F16\u7801\u5217\u8868', list(str(), true)),
});
var topicsFileShape = obj({ topics: req('\u4E3B\u9898\u5217\u8868', list(topicShape, true)) });
var announcementShape = obj({
  id: req('\u516C\u544A\u7F16\u53F7', str()),
  title: req('\u6807\u9898', str()),
  publishAt: req('\u53D1\u5E03\u65F6\u95F4', str()),
  expireAt: opt('\u622A\u6B62\u65F6\u95F4', str()),
  priority: opt('\u4F18\u5148\u7EA7', oneOf(ANNOUNCEMENT_PRIORITIES)),
  sites: opt('\u9002\u7528\u7AD9\u70B9', { t: 'sites' }),
  displaySeconds: opt('\u8F6E\u64AD\u79D2\u6570', int(1)),
});
var documentShape = obj({
  id: req('\u6587\u4EF6\u7F16\u53F7', str()),
  title: req('\u6807\u9898', str()),
  issuer: req('\u53D1\u6587\u673A\u5173', str()),
  number: req('\u6587\u53F7', str()),
  date: req('\u6210\u6587\u65E5\u671F', str()),
  sites: opt('\u9002\u7528\u7AD9\u70B9', { t: 'sites' }),
});

// scripts/content/site-offer.ts
function sitesCover(list2, site) {
  if (list2 === void 0 || list2 === 'all') return true;
  if (!Array.isArray(list2)) return false;
  if (list2.includes(site.code)) return true;
  return site.kind === 'village' && site.parent !== void 0 && list2.includes(site.parent);
}
function levelFitsSite(level, site) {
  if (level === '\u4E61\u9547\u548C\u6751(\u793E\u533A)') return true;
  return site.kind === 'township' ? level === '\u4E61\u9547' : level === '\u6751(\u793E\u533A)';
}
function siteOffersItem(item, site) {
  return sitesCover(item.sites, site) && levelFitsSite(item.level, site);
}

// scripts/content/validation-context.ts
function createContext(content, problems, timeZone) {
  return {
    content,
    problems,
    timeZone,
    departments: /* @__PURE__ */ new Map(),
    sites: /* @__PURE__ */ new Map(),
    items: /* @__PURE__ */ new Map(),
    report(src, path5, message) {
      problems.push({ file: src.file, line: src.line(path5), field: formatFieldPath(path5), message });
    },
  };
}
var isStr = (x) => typeof x === 'string' && x.trim() !== '';
var text = (x) => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : void 0);
var arr = (x) => (Array.isArray(x) ? x : []);
var rec = (x) => (x !== null && typeof x === 'object' && !Array.isArray(x) ? x : {});
var CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

// scripts/content/validate-items.ts
function siteRef(s) {
  return { code: s.code, kind: s.kind, parent: s.parent };
}
function indexItems(ctx) {
  const files = /* @__PURE__ */ new Map();
  for (const src of ctx.content.items) {
    const code = rec(src.data).code;
    if (!isStr(code)) continue;
    if (code !== baseName(src.file)) {
      ctx.report(
        src,
        ['code'],
        `\u4E8B\u9879\u7F16\u7801\u300C${code}\u300D\u5FC5\u987B\u4E0E\u6587\u4EF6\u540D\u300C${baseName(src.file)}\u300D\u4E00\u81F4`,
      );
    }
    if (!CODE_PATTERN.test(code)) {
      ctx.report(
        src,
        ['code'],
        `\u4E8B\u9879\u7F16\u7801\u300C${code}\u300D\u53EA\u80FD\u4F7F\u7528\u5B57\u6BCD\u3001\u6570\u5B57\u3001- \u548C _`,
      );
    }
    const prior = files.get(code);
    if (prior) {
      ctx.report(src, ['code'], `\u4E8B\u9879\u7F16\u7801\u300C${code}\u300D\u91CD\u590D\uFF08${prior} \u5DF2\u4F7F\u7528\uFF09`);
    } else {
      files.set(code, src.file);
      ctx.items.set(code, src.data);
    }
  }
}
function checkItems(ctx) {
  const unhandled = /* @__PURE__ */ new Map();
  for (const src of ctx.content.items) checkItem(ctx, src, unhandled);
  for (const [key, codes] of [...unhandled].sort()) {
    const [code, dept] = key.split('\n');
    const site = ctx.content.sites.find((s) => rec(s.data).code === code);
    if (!site) continue;
    const list2 = codes.slice(0, 5).join('\u3001') + (codes.length > 5 ? ` \u7B49 ${codes.length} \u9879` : '');
    ctx.report(
      site,
      ['windows'],
      `\u6CA1\u6709\u53D7\u7406\u90E8\u95E8\u300C${dept}\u300D\u7684\u7A97\u53E3\uFF0C\u4F46\u4E8B\u9879 ${list2} \u5728\u672C\u7AD9\u529E\u7406\uFF1A\u8BF7\u5728\u67D0\u4E2A\u7A97\u53E3\u7684 departments \u4E2D\u52A0\u5165 ${dept}\uFF0C\u6216\u5728\u8FD9\u4E9B\u4E8B\u9879\u7684 sites \u4E2D\u4E0D\u5217\u672C\u7AD9`,
    );
  }
}
function checkItem(ctx, src, unhandled) {
  const it = rec(src.data);
  const report = (path5, msg) => ctx.report(src, path5, msg);
  const folder = src.file.split('/')[1];
  if (isStr(it.department)) {
    if (!ctx.departments.has(it.department)) {
      report(
        ['department'],
        `\u90E8\u95E8\u300C${it.department}\u300D\u4E0D\u5B58\u5728\uFF08\u5E94\u4E3A departments.yaml \u4E2D\u7684\u90E8\u95E8\u7F16\u7801\uFF09`,
      );
    } else if (folder !== it.department) {
      report(
        ['department'],
        `\u4E8B\u9879\u6587\u4EF6\u653E\u5728 items/${folder}/ \u4E2D\uFF0C\u4F46\u90E8\u95E8\u662F\u300C${it.department}\u300D\uFF1A\u8BF7\u79FB\u5230 items/${it.department}/`,
      );
    }
  }
  const promise = it.promiseDays;
  const legal = it.legalDays;
  if (it.mode === '\u627F\u8BFA\u4EF6' && promise === void 0) {
    report(
      ['promiseDays'],
      '\u627F\u8BFA\u4EF6\u5FC5\u987B\u586B\u5199\u627F\u8BFA\u65F6\u9650 promiseDays\uFF08\u5DE5\u4F5C\u65E5\u6570\uFF0C\u6B63\u6574\u6570\uFF09',
    );
  }
  if (it.mode === '\u5373\u529E\u4EF6' && promise !== void 0) {
    report(
      ['promiseDays'],
      '\u5373\u529E\u4EF6\u5F53\u573A\u529E\u7ED3\uFF0C\u4E0D\u586B\u5199\u627F\u8BFA\u65F6\u9650 promiseDays\uFF1B\u5982\u9700\u82E5\u5E72\u5DE5\u4F5C\u65E5\u529E\u7ED3\uFF0C\u8BF7\u628A\u529E\u4EF6\u7C7B\u578B\u6539\u4E3A\u627F\u8BFA\u4EF6',
    );
  }
  if (typeof promise === 'number' && typeof legal === 'number' && legal < promise) {
    report(
      ['legalDays'],
      `\u6CD5\u5B9A\u65F6\u9650 ${legal} \u4E2A\u5DE5\u4F5C\u65E5\u77ED\u4E8E\u627F\u8BFA\u65F6\u9650 ${promise} \u4E2A\u5DE5\u4F5C\u65E5\uFF1A\u627F\u8BFA\u65F6\u9650\u4E0D\u80FD\u8D85\u8FC7\u6CD5\u5B9A\u65F6\u9650`,
    );
  }
  const fee = rec(it.fee);
  if (fee.charged === true) {
    if (!isStr(fee.basis)) report(['fee', 'basis'], '\u6536\u8D39\u4E8B\u9879\u5FC5\u987B\u586B\u5199\u6536\u8D39\u4F9D\u636E fee.basis');
    if (!isStr(fee.standard))
      report(['fee', 'standard'], '\u6536\u8D39\u4E8B\u9879\u5FC5\u987B\u586B\u5199\u6536\u8D39\u6807\u51C6 fee.standard');
  }
  const sites = it.sites;
  if (Array.isArray(sites)) {
    const seen = /* @__PURE__ */ new Set();
    sites.forEach((code, i) => {
      if (!isStr(code)) return;
      if (!ctx.sites.has(code))
        report(
          ['sites', i],
          `\u7AD9\u70B9\u300C${code}\u300D\u4E0D\u5B58\u5728\uFF08\u5E94\u4E3A sites/ \u4E2D\u7684\u7AD9\u70B9\u7F16\u7801\uFF0C\u6216\u5199 all\uFF09`,
        );
      if (seen.has(code)) report(['sites', i], `\u7AD9\u70B9\u300C${code}\u300D\u91CD\u590D`);
      seen.add(code);
    });
  }
  if (ITEM_LEVELS.includes(it.level) && (sites === void 0 || sites === 'all' || Array.isArray(sites))) {
    const item = { level: it.level, sites };
    const offeredAt = [...ctx.sites.values()].filter(
      (s) => (s.kind === 'township' || s.kind === 'village') && siteOffersItem(item, siteRef(s)),
    );
    if (offeredAt.length === 0 && ctx.sites.size > 0) {
      report(
        ['level'],
        `\u6309\u529E\u7406\u5C42\u7EA7\u300C${it.level}\u300D\u548C\u9002\u7528\u7AD9\u70B9\uFF0C\u672C\u4E8B\u9879\u4E0D\u4F1A\u51FA\u73B0\u5728\u4EFB\u4F55\u7AD9\u70B9`,
      );
    }
    if (isStr(it.department) && ctx.departments.has(it.department) && isStr(it.code)) {
      const townships = /* @__PURE__ */ new Set();
      for (const s of offeredAt) {
        if (s.kind === 'township') townships.add(s.code);
        else if (it.level === '\u4E61\u9547\u548C\u6751(\u793E\u533A)' && isStr(s.parent)) townships.add(s.parent);
      }
      for (const code of townships) {
        const t2 = ctx.sites.get(code);
        if (!t2 || t2.kind !== 'township' || !Array.isArray(t2.windows)) continue;
        if (!t2.windows.some((w) => arr(rec(w).departments).includes(it.department))) {
          const key = `${code}
${it.department}`;
          const list2 = unhandled.get(key) ?? [];
          list2.push(it.code);
          unhandled.set(key, list2);
        }
      }
    }
  }
  if (it.phone !== void 0 && text(it.phone)?.trim() === '') report(['phone'], '\u54A8\u8BE2\u7535\u8BDD\u4E0D\u80FD\u4E3A\u7A7A');
}
function checkTopics(ctx) {
  const src = ctx.content.topics;
  if (!src) return;
  const ids = /* @__PURE__ */ new Set();
  arr(rec(src.data).topics).forEach((t2, i) => {
    const topic = rec(t2);
    if (isStr(topic.id)) {
      if (ids.has(topic.id)) ctx.report(src, ['topics', i, 'id'], `\u4E3B\u9898\u7F16\u53F7\u300C${topic.id}\u300D\u91CD\u590D`);
      if (!CODE_PATTERN.test(topic.id))
        ctx.report(
          src,
          ['topics', i, 'id'],
          '\u4E3B\u9898\u7F16\u53F7\u53EA\u80FD\u4F7F\u7528\u5B57\u6BCD\u3001\u6570\u5B57\u3001- \u548C _',
        );
      ids.add(topic.id);
    }
    const seen = /* @__PURE__ */ new Set();
    arr(topic.items).forEach((code, j) => {
      if (!isStr(code)) return;
      if (!ctx.items.has(code)) ctx.report(src, ['topics', i, 'items', j], `\u4E8B\u9879\u7F16\u7801\u300C${code}\u300D\u4E0D\u5B58\u5728`);
      if (seen.has(code))
        ctx.report(src, ['topics', i, 'items', j], `\u4E8B\u9879\u300C${code}\u300D\u5728\u672C\u4E3B\u9898\u4E2D\u91CD\u590D`);
      seen.add(code);
    });
  });
}

// kiosk/src/bundle/pin-hash.ts
var PIN_HASH_PATTERN = /^pbkdf2-sha256\$(\d{4,7})\$([A-Za-z0-9+/]{16,}={0,2})\$([A-Za-z0-9+/]{43}=)$/;

// kiosk/src/time/zoned.ts
var WEEKDAYS = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
var partsFormatters = /* @__PURE__ */ new Map();
function partsFormatter(timeZone) {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}
var pad2 = (n) => String(n).padStart(2, '0');
function zonedParts(epochMs, timeZone) {
  const out = {};
  for (const p of partsFormatter(timeZone).formatToParts(epochMs)) out[p.type] = p.value;
  const year = Number(out.year);
  const month = Number(out.month);
  const day = Number(out.day);
  const hour = Number(out.hour) % 24;
  return {
    year,
    month,
    day,
    weekday: WEEKDAYS[out.weekday] ?? 1,
    hour,
    minute: Number(out.minute),
    second: Number(out.second),
    isoDate: `${year}-${pad2(month)}-${pad2(day)}`,
  };
}
function zoneOffsetMinutes(epochMs, timeZone) {
  const day = Math.floor(epochMs / DAY_MS);
  const key = `${timeZone}\0${day}`;
  const known = dayOffsets.get(key);
  if (known !== void 0) return known;
  const offset = offsetAt(epochMs, timeZone);
  if (offsetAt(day * DAY_MS, timeZone) === offset && offsetAt(day * DAY_MS + DAY_MS - 1, timeZone) === offset) {
    if (dayOffsets.size >= MAX_REMEMBERED_DAYS) dayOffsets.clear();
    dayOffsets.set(key, offset);
  }
  return offset;
}
var DAY_MS = 864e5;
var MAX_REMEMBERED_DAYS = 4096;
var dayOffsets = /* @__PURE__ */ new Map();
function offsetAt(epochMs, timeZone) {
  const p = zonedParts(epochMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(epochMs / 1e3) * 1e3) / 6e4);
}

// scripts/content/dates.ts
var DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:\d{2})?$/;
function isValidTimeZone(tz) {
  try {
    zoneOffsetMinutes(0, tz);
    return true;
  } catch {
    return false;
  }
}
function parseDateTime(text2, timeZone) {
  const m = DATE_TIME.exec(text2.trim());
  if (!m) return void 0;
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
  const fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)];
  const localAsUtc = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5]);
  const check = new Date(localAsUtc);
  if (
    check.getUTCFullYear() !== fields[0] ||
    check.getUTCMonth() !== fields[1] - 1 ||
    check.getUTCDate() !== fields[2] ||
    fields[3] > 23 ||
    fields[4] > 59 ||
    fields[5] > 59
  ) {
    return void 0;
  }
  let offset;
  if (zone === 'Z') offset = 0;
  else if (zone) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const [oh, om] = zone.slice(1).split(':').map(Number);
    if (oh > 14 || om > 59) return void 0;
    offset = sign * (oh * 60 + om);
  } else {
    offset = zoneOffsetMinutes(localAsUtc, timeZone);
    offset = zoneOffsetMinutes(localAsUtc - offset * 6e4, timeZone);
  }
  return { epochMs: localAsUtc - offset * 6e4, dateOnly: m[4] === void 0 };
}
function isValidDate(text2) {
  return /^\d{4}-\d{2}-\d{2}$/.test(text2) && parseDateTime(text2, 'UTC') !== void 0;
}
function isValidClockTime(text2) {
  const m = /^(\d{2}):(\d{2})$/.exec(text2);
  return !!m && Number(m[1]) <= 24 && Number(m[2]) <= 59 && !(Number(m[1]) === 24 && m[2] !== '00');
}
function formatIsoInZone(epochMs, timeZone) {
  const whole = Math.floor(epochMs / 1e3) * 1e3;
  const offset = zoneOffsetMinutes(whole, timeZone);
  const local = new Date(whole + offset * 6e4).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const oh = String(Math.floor(abs / 60)).padStart(2, '0');
  const om = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${oh}:${om}`;
}
var DAY_MS2 = 24 * 60 * 60 * 1e3;

// scripts/content/validate-sites.ts
function classForPopulation(population) {
  if (population > 3e4) return '\u4E00\u7C7B';
  if (population >= 15e3) return '\u4E8C\u7C7B';
  return '\u4E09\u7C7B';
}
function checkCounty(ctx) {
  const src = ctx.content.county;
  if (!src) return;
  const c = rec(src.data);
  if (isStr(c.timeZone) && !isValidTimeZone(c.timeZone)) {
    ctx.report(
      src,
      ['timeZone'],
      `\u65F6\u533A\u300C${c.timeZone}\u300D\u65E0\u6548\uFF0C\u5E94\u4E3A Asia/Shanghai \u8FD9\u6837\u7684\u65F6\u533A\u540D`,
    );
  }
  if (isStr(c.publicItemUrl) && !/^https?:\/\//.test(c.publicItemUrl)) {
    ctx.report(src, ['publicItemUrl'], '\u4E8B\u9879\u7F51\u5740\u524D\u7F00\u5E94\u4EE5 http:// \u6216 https:// \u5F00\u5934');
  }
  if (isStr(c.hub) && !/^(https?:\/\/[^\s/]+(\/\S*)?|\/(?!\/)\S*)$/.test(c.hub)) {
    ctx.report(
      src,
      ['hub'],
      '\u53BF\u7EA7\u7BA1\u7406\u5E73\u53F0\u5730\u5740\u5E94\u4EE5 https:// \u6216 http:// \u5F00\u5934\uFF08\u6216\u4EE5 / \u5F00\u5934\uFF0C\u8868\u793A\u4E0E\u67E5\u8BE2\u673A\u540C\u4E00\u7F51\u7AD9\uFF09',
    );
  }
  if (isStr(c.code) && !CODE_PATTERN.test(c.code)) {
    ctx.report(src, ['code'], '\u53BF\u7F16\u7801\u53EA\u80FD\u4F7F\u7528\u5B57\u6BCD\u3001\u6570\u5B57\u3001- \u548C _');
  }
}
function checkDepartments(ctx) {
  const src = ctx.content.departments;
  if (!src) return;
  arr(rec(src.data).departments).forEach((d, i) => {
    const id = rec(d).id;
    if (!isStr(id)) return;
    if (!CODE_PATTERN.test(id)) {
      ctx.report(
        src,
        ['departments', i, 'id'],
        `\u90E8\u95E8\u7F16\u7801\u300C${id}\u300D\u53EA\u80FD\u4F7F\u7528\u5B57\u6BCD\u3001\u6570\u5B57\u3001- \u548C _`,
      );
    }
    if (ctx.departments.has(id)) {
      ctx.report(src, ['departments', i, 'id'], `\u90E8\u95E8\u7F16\u7801\u300C${id}\u300D\u91CD\u590D`);
    } else {
      ctx.departments.set(id, d);
    }
  });
}
function indexSites(ctx) {
  for (const src of ctx.content.sites) {
    const s = rec(src.data);
    if (!isStr(s.code)) continue;
    if (s.code !== baseName(src.file)) {
      ctx.report(
        src,
        ['code'],
        `\u7AD9\u70B9\u7F16\u7801\u300C${s.code}\u300D\u5FC5\u987B\u4E0E\u6587\u4EF6\u540D\u300C${baseName(src.file)}\u300D\u4E00\u81F4`,
      );
    }
    if (!CODE_PATTERN.test(s.code)) {
      ctx.report(
        src,
        ['code'],
        `\u7AD9\u70B9\u7F16\u7801\u300C${s.code}\u300D\u53EA\u80FD\u4F7F\u7528\u5B57\u6BCD\u3001\u6570\u5B57\u3001- \u548C _`,
      );
    }
    if (s.maintenancePin !== void 0 && !(isStr(s.maintenancePin) && PIN_HASH_PATTERN.test(s.maintenancePin))) {
      ctx.report(
        src,
        ['maintenancePin'],
        '\u7EF4\u62A4\u5BC6\u7801\u5FC5\u987B\u662F npm run hash-pin \u751F\u6210\u7684\u4E00\u884C\uFF08pbkdf2-sha256$\u2026\uFF09\uFF0C\u4E0D\u80FD\u76F4\u63A5\u5199\u5BC6\u7801',
      );
    }
    const prior = ctx.sites.get(s.code);
    if (prior) {
      ctx.report(
        src,
        ['code'],
        `\u7AD9\u70B9\u7F16\u7801\u300C${s.code}\u300D\u91CD\u590D\uFF08\u4E0E\u53E6\u4E00\u4E2A\u7AD9\u70B9\u6587\u4EF6\u76F8\u540C\uFF09`,
      );
    } else {
      ctx.sites.set(s.code, src.data);
    }
  }
  if (ctx.content.county && ![...ctx.sites.values()].some((s) => s.kind === 'township')) {
    ctx.problems.push({
      file: 'sites/',
      line: 0,
      field: '',
      message:
        '\u81F3\u5C11\u9700\u8981\u4E00\u4E2A\u4E61\u9547\u4FBF\u6C11\u670D\u52A1\u4E2D\u5FC3\uFF08sites/<\u7F16\u7801>.yaml\uFF0Ckind: township\uFF09',
    });
  }
}
function checkSites(ctx) {
  for (const src of ctx.content.sites) checkSite(ctx, src);
}
function checkSite(ctx, src) {
  const s = rec(src.data);
  const report = (path5, msg) => ctx.report(src, path5, msg);
  if (s.kind === 'township') {
    if (s.class === void 0)
      report(
        ['class'],
        '\u4E61\u9547\u4FBF\u6C11\u670D\u52A1\u4E2D\u5FC3\u5FC5\u987B\u586B\u5199\u4E61\u9547\u7C7B\u522B\uFF08\u4E00\u7C7B\u3001\u4E8C\u7C7B\u6216\u4E09\u7C7B\uFF09',
      );
    if (typeof s.population === 'number' && TOWNSHIP_CLASSES.includes(s.class) && classForPopulation(s.population) !== s.class) {
      report(
        ['population'],
        `\u4EBA\u53E3 ${s.population} \u4E0E\u4E61\u9547\u7C7B\u522B\u300C${String(s.class)}\u300D\u4E0D\u7B26\uFF1A\u4E00\u7C7B 3\u4E07\u4EBA\u4EE5\u4E0A\uFF0C\u4E8C\u7C7B 1.5\u4E07\u20143\u4E07\u4EBA\uFF0C\u4E09\u7C7B 1.5\u4E07\u4EBA\u4EE5\u4E0B\uFF08\u6309\u4EBA\u53E3\u5E94\u4E3A${classForPopulation(s.population)}\uFF09`,
      );
    }
    if (s.hours === void 0)
      report(['hours'], '\u4E61\u9547\u4FBF\u6C11\u670D\u52A1\u4E2D\u5FC3\u5FC5\u987B\u586B\u5199\u529E\u516C\u65F6\u95F4 hours');
    if (arr(s.windows).length === 0)
      report(
        ['windows'],
        '\u4E61\u9547\u4FBF\u6C11\u670D\u52A1\u4E2D\u5FC3\u5FC5\u987B\u81F3\u5C11\u8BBE\u7F6E\u4E00\u4E2A\u7A97\u53E3 windows',
      );
    if (s.parent !== void 0)
      report(
        ['parent'],
        '\u4E61\u9547\u4FBF\u6C11\u670D\u52A1\u4E2D\u5FC3\u4E0D\u586B\u5199\u6240\u5C5E\u4E61\u9547 parent\uFF08\u4EC5\u6751(\u793E\u533A)\u4EE3\u529E\u7AD9\u586B\u5199\uFF09',
      );
    if (s.agent !== void 0) report(['agent'], '\u4EE3\u529E\u5458 agent \u53EA\u5728\u6751(\u793E\u533A)\u4EE3\u529E\u7AD9\u586B\u5199');
  } else if (s.kind === 'village') {
    if (s.parent === void 0) {
      report(
        ['parent'],
        '\u6751(\u793E\u533A)\u4EE3\u529E\u7AD9\u5FC5\u987B\u586B\u5199\u6240\u5C5E\u4E61\u9547 parent\uFF08\u4E61\u9547\u7AD9\u70B9\u7F16\u7801\uFF09',
      );
    } else if (isStr(s.parent)) {
      const parent = ctx.sites.get(s.parent);
      if (!parent)
        report(
          ['parent'],
          `\u6240\u5C5E\u4E61\u9547\u300C${s.parent}\u300D\u4E0D\u5B58\u5728\uFF08\u5E94\u4E3A sites/ \u4E2D\u67D0\u4E2A\u4E61\u9547\u7684\u7F16\u7801\uFF09`,
        );
      else if (parent.kind !== 'township')
        report(['parent'], `\u6240\u5C5E\u4E61\u9547\u300C${s.parent}\u300D\u4E0D\u662F\u4E61\u9547\u4FBF\u6C11\u670D\u52A1\u4E2D\u5FC3`);
    }
    if (s.agent === void 0)
      report(
        ['agent'],
        '\u6751(\u793E\u533A)\u4EE3\u529E\u7AD9\u5FC5\u987B\u586B\u5199\u4EE3\u529E\u5458 agent\uFF08\u59D3\u540D\u3001\u7535\u8BDD\uFF09',
      );
    if (s.class !== void 0)
      report(['class'], '\u4E61\u9547\u7C7B\u522B\u53EA\u5728\u4E61\u9547\u4FBF\u6C11\u670D\u52A1\u4E2D\u5FC3\u586B\u5199');
    if (s.population !== void 0)
      report(['population'], '\u4EBA\u53E3\u53EA\u5728\u4E61\u9547\u4FBF\u6C11\u670D\u52A1\u4E2D\u5FC3\u586B\u5199');
    if (s.windows !== void 0) report(['windows'], '\u7A97\u53E3\u53EA\u5728\u4E61\u9547\u4FBF\u6C11\u670D\u52A1\u4E2D\u5FC3\u586B\u5199');
  }
  const hours3 = rec(s.hours);
  const days = arr(hours3.days);
  if (new Set(days).size !== days.length) report(['hours', 'days'], '\u529E\u516C\u65E5\u6709\u91CD\u590D');
  arr(hours3.periods).forEach((p, i) => {
    const period = rec(p);
    for (const k of ['open', 'close']) {
      const v = period[k];
      if (typeof v === 'string' && !isValidClockTime(v)) {
        report(
          ['hours', 'periods', i, k],
          `\u65F6\u95F4\u300C${v}\u300D\u683C\u5F0F\u4E0D\u5BF9\uFF0C\u5E94\u4E3A 08:30 \u8FD9\u6837\u7684 24 \u5C0F\u65F6\u5236`,
        );
      }
    }
    if (
      typeof period.open === 'string' &&
      typeof period.close === 'string' &&
      isValidClockTime(period.open) &&
      isValidClockTime(period.close) &&
      period.open >= period.close
    ) {
      report(
        ['hours', 'periods', i, 'close'],
        `\u7ED3\u675F\u65F6\u95F4 ${period.close} \u5E94\u665A\u4E8E\u5F00\u59CB\u65F6\u95F4 ${period.open}`,
      );
    }
  });
  const numbers = /* @__PURE__ */ new Set();
  arr(s.windows).forEach((w, i) => {
    const win = rec(w);
    const num = text(win.number);
    if (num !== void 0) {
      if (numbers.has(num)) report(['windows', i, 'number'], `\u7A97\u53E3\u53F7\u300C${num}\u300D\u91CD\u590D`);
      numbers.add(num);
    }
    arr(win.departments).forEach((d, j) => {
      if (isStr(d) && !ctx.departments.has(d)) {
        report(
          ['windows', i, 'departments', j],
          `\u90E8\u95E8\u300C${d}\u300D\u4E0D\u5B58\u5728\uFF08\u5E94\u4E3A departments.yaml \u4E2D\u7684\u90E8\u95E8\u7F16\u7801\uFF09`,
        );
      }
    });
  });
  const agent = rec(s.agent);
  if (isStr(agent.photo)) checkPhoto(ctx, src, ['agent', 'photo'], agent.photo);
}
function checkPhoto(ctx, src, path5, photo) {
  if (photo.includes('/') || photo.includes('\\')) {
    ctx.report(
      src,
      path5,
      `\u7167\u7247\u53EA\u5199\u6587\u4EF6\u540D\uFF08\u653E\u5728 staff/photos/ \u6587\u4EF6\u5939\u4E2D\uFF09\uFF0C\u4E0D\u8981\u5199\u8DEF\u5F84\uFF1A\u300C${photo}\u300D`,
    );
    return;
  }
  if (!/\.(jpe?g|png|webp)$/i.test(photo)) {
    ctx.report(src, path5, `\u7167\u7247\u300C${photo}\u300D\u5E94\u4E3A jpg\u3001png \u6216 webp \u56FE\u7247`);
    return;
  }
  if (!ctx.content.files.has(`staff/photos/${photo}`)) {
    ctx.report(src, path5, `\u7167\u7247\u6587\u4EF6 staff/photos/${photo} \u4E0D\u5B58\u5728`);
  }
}
function checkStaff(ctx) {
  const seenIds = /* @__PURE__ */ new Map();
  for (const src of ctx.content.staff) {
    const township = baseName(src.file);
    const site = ctx.sites.get(township);
    if (!site) {
      ctx.report(
        src,
        [],
        `\u6587\u4EF6\u540D\u300C${township}\u300D\u5E94\u4E3A\u67D0\u4E2A\u4E61\u9547\u7684\u7AD9\u70B9\u7F16\u7801\uFF08staff/<\u4E61\u9547\u7F16\u7801>.yaml\uFF09\uFF0C\u4F46\u6CA1\u6709\u8FD9\u4E2A\u7AD9\u70B9`,
      );
    } else if (site.kind !== 'township') {
      ctx.report(
        src,
        [],
        `\u5DE5\u4F5C\u4EBA\u5458\u6587\u4EF6\u53EA\u4E3A\u4E61\u9547\u4FBF\u6C11\u670D\u52A1\u4E2D\u5FC3\u7F16\u5199\uFF1B\u300C${township}\u300D\u662F\u6751(\u793E\u533A)\u4EE3\u529E\u7AD9\uFF08\u4EE3\u529E\u5458\u5199\u5728\u7AD9\u70B9\u6587\u4EF6\u7684 agent \u4E2D\uFF09`,
      );
    }
    const windowNumbers = new Set(arr(rec(site).windows).map((w) => text(rec(w).number)));
    const list2 = arr(rec(src.data).staff);
    const byId = /* @__PURE__ */ new Map();
    list2.forEach((m, i) => {
      const id = rec(m).id;
      if (!isStr(id)) return;
      const prior = seenIds.get(id);
      if (prior)
        ctx.report(
          src,
          ['staff', i, 'id'],
          `\u5DE5\u4F5C\u4EBA\u5458\u7F16\u53F7\u300C${id}\u300D\u91CD\u590D\uFF08${prior} \u4E2D\u5DF2\u6709\uFF09`,
        );
      else seenIds.set(id, src.file);
      if (!byId.has(id)) byId.set(id, { staff: m, index: i });
    });
    list2.forEach((raw, i) => {
      const m = rec(raw);
      const at = (...p) => ['staff', i, ...p];
      const win = text(m.window);
      if (site && win !== void 0 && !windowNumbers.has(win)) {
        ctx.report(src, at('window'), `\u7A97\u53E3\u300C${win}\u300D\u5728 sites/${township}.yaml \u4E2D\u4E0D\u5B58\u5728`);
      }
      if (isStr(m.photo)) checkPhoto(ctx, src, at('photo'), m.photo);
      if (isStr(m.partner)) {
        const partner = byId.get(m.partner);
        if (m.partner === m.id) {
          ctx.report(src, at('partner'), 'AB\u5C97\u642D\u6863\u4E0D\u80FD\u662F\u672C\u4EBA');
        } else if (!partner) {
          ctx.report(src, at('partner'), `AB\u5C97\u642D\u6863\u300C${m.partner}\u300D\u5728\u672C\u6587\u4EF6\u4E2D\u4E0D\u5B58\u5728`);
        } else {
          const p = rec(partner.staff);
          if (p.partner !== m.id) {
            ctx.report(
              src,
              at('partner'),
              `AB\u5C97\u642D\u6863\u300C${m.partner}\u300D\u7684 partner \u5E94\u5199\u56DE\u300C${String(m.id)}\u300D\uFF0C\u73B0\u5728\u662F\u300C${String(p.partner ?? '')}\u300D`,
            );
          }
          if (text(p.window) !== void 0 && win !== void 0 && text(p.window) !== win) {
            ctx.report(
              src,
              at('partner'),
              `AB\u5C97\u642D\u6863\u300C${m.partner}\u300D\u5728 ${String(p.window)} \u53F7\u7A97\u53E3\uFF0C\u5E94\u4E0E\u672C\u4EBA\u540C\u4E00\u7A97\u53E3\uFF08${win} \u53F7\uFF09`,
            );
          }
          if (p.post !== void 0 && p.post === m.post) {
            ctx.report(
              src,
              at('post'),
              `\u4E0EAB\u5C97\u642D\u6863\u300C${m.partner}\u300D\u5C97\u4F4D\u76F8\u540C\uFF08\u90FD\u662F${String(m.post)}\u5C97\uFF09\uFF0C\u5E94\u4E00\u4E2AA\u5C97\u4E00\u4E2AB\u5C97`,
            );
          }
        }
      }
      const duty = arr(m.dutyDays);
      if (new Set(duty).size !== duty.length) ctx.report(src, at('dutyDays'), '\u503C\u73ED\u65E5\u6709\u91CD\u590D');
      arr(m.roster).forEach((r, j) => {
        const d = rec(r).date;
        if (typeof d === 'string' && !isValidDate(d)) {
          ctx.report(
            src,
            at('roster', j, 'date'),
            `\u65E5\u671F\u300C${d}\u300D\u4E0D\u5BF9\uFF0C\u5E94\u4E3A 2026-10-01 \u8FD9\u6837\u7684\u65E5\u671F`,
          );
        }
      });
    });
  }
}

// scripts/content/markdown-refs.ts
import { marked } from 'marked';
function markdownImageRefs(body) {
  if (!body.includes('![')) return [];
  const refs = [];
  const tokens = marked.lexer(body);
  marked.walkTokens(tokens, (t2) => {
    if (t2.type === 'image') refs.push(t2.href);
  });
  return refs;
}
function resolveContentRef(file, ref) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('/') || ref.startsWith('//')) return void 0;
  const parts = file.split('/').slice(0, -1);
  for (const seg of decodeURI(ref).split(/[?#]/)[0].split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return void 0;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

// scripts/content/validate-texts.ts
var IMAGE_EXT = /\.(jpe?g|png|webp|gif|svg)$/i;
function checkCommon(ctx, src, ids, what) {
  const d = rec(src.data);
  if (isStr(d.id)) {
    if (d.id !== baseName(src.file))
      ctx.report(
        src,
        ['id'],
        `${what}\u7F16\u53F7\u300C${d.id}\u300D\u5FC5\u987B\u4E0E\u6587\u4EF6\u540D\u300C${baseName(src.file)}\u300D\u4E00\u81F4`,
      );
    if (!CODE_PATTERN.test(d.id))
      ctx.report(
        src,
        ['id'],
        `${what}\u7F16\u53F7\u300C${d.id}\u300D\u53EA\u80FD\u4F7F\u7528\u5B57\u6BCD\u3001\u6570\u5B57\u3001- \u548C _`,
      );
    if (ids.has(d.id)) ctx.report(src, ['id'], `${what}\u7F16\u53F7\u300C${d.id}\u300D\u91CD\u590D`);
    ids.add(d.id);
  }
  if (Array.isArray(d.sites)) {
    d.sites.forEach((code, i) => {
      if (isStr(code) && !ctx.sites.has(code)) {
        ctx.report(
          src,
          ['sites', i],
          `\u7AD9\u70B9\u300C${code}\u300D\u4E0D\u5B58\u5728\uFF08\u5E94\u4E3A sites/ \u4E2D\u7684\u7AD9\u70B9\u7F16\u7801\uFF0C\u6216\u5199 all\uFF09`,
        );
      }
    });
  }
  if (src.body.trim() === '') {
    ctx.problems.push({
      file: src.file,
      line: src.bodyLine,
      field: 'body',
      message: `${what}\u6B63\u6587\u4E3A\u7A7A\uFF1A\u8BF7\u5728\u7B2C\u4E8C\u4E2A --- \u4E4B\u540E\u5199\u6B63\u6587`,
    });
  }
  const lines = src.body.split('\n');
  for (const ref of markdownImageRefs(src.body)) {
    const idx = lines.findIndex((l) => l.includes(ref));
    const line = src.bodyLine + Math.max(0, idx);
    const rel = resolveContentRef(src.file, ref);
    if (rel === void 0) {
      ctx.problems.push({
        file: src.file,
        line,
        field: 'body',
        message: `\u56FE\u7247\u300C${ref}\u300D\u5FC5\u987B\u662F\u5185\u5BB9\u6587\u4EF6\u5939\u4E2D\u7684\u6587\u4EF6\uFF08\u67E5\u8BE2\u673A\u79BB\u7EBF\u65F6\u4E5F\u8981\u80FD\u663E\u793A\uFF09\uFF0C\u4E0D\u80FD\u662F\u7F51\u5740`,
      });
    } else if (!IMAGE_EXT.test(rel)) {
      ctx.problems.push({
        file: src.file,
        line,
        field: 'body',
        message: `\u300C${ref}\u300D\u4E0D\u662F\u56FE\u7247\uFF08jpg\u3001png\u3001webp\u3001gif\u3001svg\uFF09`,
      });
    } else if (!ctx.content.files.has(rel)) {
      ctx.problems.push({ file: src.file, line, field: 'body', message: `\u56FE\u7247\u6587\u4EF6 ${rel} \u4E0D\u5B58\u5728` });
    }
  }
}
function checkAnnouncements(ctx) {
  const ids = /* @__PURE__ */ new Set();
  for (const src of ctx.content.announcements) {
    checkCommon(ctx, src, ids, '\u516C\u544A');
    const a = rec(src.data);
    const publish = typeof a.publishAt === 'string' ? parseDateTime(a.publishAt, ctx.timeZone) : void 0;
    if (typeof a.publishAt === 'string' && !publish) {
      ctx.report(
        src,
        ['publishAt'],
        `\u53D1\u5E03\u65F6\u95F4\u300C${a.publishAt}\u300D\u4E0D\u5BF9\uFF0C\u5E94\u4E3A 2026-11-01 08:00 \u8FD9\u6837\u7684\u65E5\u671F\u65F6\u95F4`,
      );
    }
    if (typeof a.expireAt === 'string') {
      const expire = parseDateTime(a.expireAt, ctx.timeZone);
      if (!expire) {
        ctx.report(
          src,
          ['expireAt'],
          `\u622A\u6B62\u65F6\u95F4\u300C${a.expireAt}\u300D\u4E0D\u5BF9\uFF0C\u5E94\u4E3A 2026-12-31 18:00 \u8FD9\u6837\u7684\u65E5\u671F\u65F6\u95F4`,
        );
      } else if (publish && expireMs(expire) <= publish.epochMs) {
        ctx.report(
          src,
          ['expireAt'],
          `\u622A\u6B62\u65F6\u95F4 ${a.expireAt} \u5FC5\u987B\u665A\u4E8E\u53D1\u5E03\u65F6\u95F4 ${String(a.publishAt)}`,
        );
      }
    }
  }
}
function expireMs(p) {
  return p.dateOnly ? p.epochMs + 24 * 60 * 60 * 1e3 : p.epochMs;
}
function checkDocuments(ctx) {
  const ids = /* @__PURE__ */ new Set();
  for (const src of ctx.content.documents) {
    checkCommon(ctx, src, ids, '\u6587\u4EF6');
    const d = rec(src.data);
    if (typeof d.date === 'string' && !isValidDate(d.date)) {
      ctx.report(
        src,
        ['date'],
        `\u6210\u6587\u65E5\u671F\u300C${d.date}\u300D\u4E0D\u5BF9\uFF0C\u5E94\u4E3A 2018-05-14 \u8FD9\u6837\u7684\u65E5\u671F`,
      );
    }
  }
}

// scripts/content/validate-content.ts
var DEFAULT_TIME_ZONE = 'Asia/Shanghai';
function validateContent(content) {
  const problems = [...content.problems];
  const tz = rec(content.county?.data).timeZone;
  const ctx = createContext(content, problems, isStr(tz) && isValidTimeZone(tz) ? tz : DEFAULT_TIME_ZONE);
  const shape = (src, s, label) => {
    if (src) checkShape(src, src.data, s, [], label, problems);
  };
  shape(content.county, countyShape, 'county.yaml');
  shape(content.departments, departmentsFileShape, 'departments.yaml');
  shape(content.topics, topicsFileShape, 'topics.yaml');
  for (const src of content.sites) shape(src, siteShape, '\u7AD9\u70B9');
  for (const src of content.staff) shape(src, staffFileShape, '\u5DE5\u4F5C\u4EBA\u5458\u6587\u4EF6');
  for (const src of content.items) shape(src, itemShape, '\u4E8B\u9879');
  for (const src of content.announcements) shape(src, announcementShape, '\u516C\u544A\u4FE1\u606F\u5757');
  for (const src of content.documents) shape(src, documentShape, '\u6587\u4EF6\u4FE1\u606F\u5757');
  checkCounty(ctx);
  checkDepartments(ctx);
  indexSites(ctx);
  indexItems(ctx);
  checkSites(ctx);
  checkStaff(ctx);
  checkItems(ctx);
  checkTopics(ctx);
  checkAnnouncements(ctx);
  checkDocuments(ctx);
  return dedupe(sortProblems(problems));
}
function dedupe(problems) {
  const seen = /* @__PURE__ */ new Set();
  return problems.filter((p) => {
    const key = `${p.file}
${p.line}
${p.field}
${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// scripts/publish/canonical-json.ts
function canonicalJson(value) {
  return JSON.stringify(sortKeys(value));
}
function sortKeys(value) {
  if (Array.isArray(value)) return value.map((v) => (v === void 0 ? null : sortKeys(v)));
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const key of Object.keys(value).sort()) {
      const v = value[key];
      if (v !== void 0) out[key] = sortKeys(v);
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error(`canonicalJson: non-finite number ${value}`);
  }
  return value;
}

// scripts/publish/hashing.ts
import { createHash as createHash2 } from 'node:crypto';
function sha256Hex(data) {
  return createHash2('sha256').update(data).digest('hex');
}
function hash16(sha256) {
  return sha256.slice(0, 16);
}

// scripts/publish/assets.ts
import { readFileSync } from 'node:fs';
import path3 from 'node:path';
var AssetRegistry = class {
  constructor(contentDir) {
    this.contentDir = contentDir;
  }
  contentDir;
  byPath = /* @__PURE__ */ new Map();
  bySource = /* @__PURE__ */ new Map();
  /** Add a file of the content folder (relative path); returns its asset path. */
  add(contentRelPath) {
    const known = this.bySource.get(contentRelPath);
    if (known) return known;
    const data = readFileSync(path3.join(this.contentDir, contentRelPath));
    const sha256 = sha256Hex(data);
    let ext = path3.extname(contentRelPath).slice(1).toLowerCase();
    if (ext === 'jpeg') ext = 'jpg';
    const assetPath = `assets/${hash16(sha256)}.${ext}`;
    if (!this.byPath.has(assetPath)) {
      this.byPath.set(assetPath, { path: assetPath, sha256, bytes: data.length, data, source: contentRelPath });
    }
    this.bySource.set(contentRelPath, assetPath);
    return assetPath;
  }
  /** Refs of these asset paths, ordered by path. */
  refs(paths) {
    return [...new Set(paths)]
      .sort()
      .map((p) => this.byPath.get(p))
      .map((a) => ({ path: a.path, sha256: a.sha256, bytes: a.bytes }));
  }
  /** All assets, ordered by path. */
  list() {
    return [...this.byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
};

// scripts/publish/build-cache.ts
import { createHash as createHash3, randomBytes as randomBytes2 } from 'node:crypto';
import { mkdir as mkdir2, readFile as readFile3, rename as rename2, writeFile as writeFile2 } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path4 from 'node:path';
var FORMAT = 1;
async function rulesFingerprint(files, packages) {
  const hash = createHash3('sha256');
  for (const f of files)
    hash
      .update(f)
      .update('\0')
      .update(await readFile3(new URL(f, import.meta.url)));
  const require2 = createRequire(import.meta.url);
  for (const p of packages) {
    const version = await readFile3(require2.resolve(`${p}/package.json`), 'utf8')
      .then((t2) => JSON.parse(t2).version ?? '')
      .catch(() => '');
    hash.update(`\0${p}@${version}`);
  }
  return hash.digest('hex');
}
var RULE_FILES = [
  './build-bundles.ts',
  './markdown.ts',
  './search-index.ts',
  './canonical-json.ts',
  '../content/dates.ts',
  '../../kiosk/src/time/zoned.ts',
  '../../kiosk/src/bundle/schema.ts',
];
var RULE_PACKAGES = ['marked', 'sanitize-html', 'pinyin-pro'];
var BuildCache = class _BuildCache {
  constructor(file, rules, known) {
    this.file = file;
    this.rules = rules;
    this.known = known;
  }
  file;
  rules;
  known;
  used = /* @__PURE__ */ new Map();
  changed = false;
  /** No cache: everything is built (tests, one-off builds). */
  static none() {
    return new _BuildCache(void 0, '', /* @__PURE__ */ new Map());
  }
  static async open(file) {
    const rules = await rulesFingerprint(RULE_FILES, RULE_PACKAGES);
    try {
      const raw = JSON.parse(await readFile3(file, 'utf8'));
      if (raw.format === FORMAT && raw.rules === rules && raw.entries)
        return new _BuildCache(file, rules, new Map(Object.entries(raw.entries)));
    } catch {}
    return new _BuildCache(file, rules, /* @__PURE__ */ new Map());
  }
  get enabled() {
    return this.file !== void 0;
  }
  get(key) {
    const hit = this.known.get(key);
    if (hit) this.used.set(key, hit);
    return hit;
  }
  set(key, value) {
    if (!this.file) return;
    this.used.set(key, value);
    this.changed = true;
  }
  /** Keeps what this run used (temp + rename), when anything is new or was dropped. */
  async save() {
    if (!this.file || (!this.changed && this.used.size === this.known.size)) return;
    await mkdir2(path4.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}-${randomBytes2(4).toString('hex')}.tmp`;
    await writeFile2(tmp, JSON.stringify({ format: FORMAT, rules: this.rules, entries: Object.fromEntries(this.used) }));
    await rename2(tmp, this.file);
  }
};

// scripts/publish/markdown.ts
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
var MarkdownRefused = class extends Error {};
var ASSET_SRC = /^assets\/[0-9a-f]{16}\.[a-z0-9]+$/;
var SANITIZE = {
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
    a: (_tagName, attribs) => {
      const href = (attribs.href ?? '').trim();
      const safe = /^https?:\/\//i.test(href) ? { href, rel: 'noopener noreferrer' } : {};
      return { tagName: 'a', attribs: safe };
    },
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !ASSET_SRC.test(frame.attribs.src ?? ''),
};
function renderMarkdown(body, imageAsset = () => void 0) {
  const refusal = markdownRefusal(body);
  if (refusal) throw new MarkdownRefused(`\u7B2C ${refusal.line} \u884C\uFF1A${refusal.message}`);
  const marked2 = new Marked({ gfm: true, breaks: false, async: false });
  marked2.use({
    renderer: {
      // Links to anything but http(s) are shown as their text.
      link(token) {
        if (/^https?:\/\//i.test(token.href.trim())) return false;
        return this.parser.parseInline(token.tokens);
      },
    },
  });
  const tokens = marked2.lexer(body.replace(/\r\n?/g, '\n'));
  marked2.walkTokens(tokens, (t2) => {
    if (t2.type === 'image') t2.href = imageAsset(t2.href) ?? 'invalid:';
  });
  const raw = marked2.parser(tokens);
  const html = sanitizeHtml(raw, SANITIZE)
    .replace(/([\p{Script=Han}，。；：、！？”）》」])\n(?=[\p{Script=Han}“（《「])/gu, '$1')
    .replace(/<p>\s*<\/p>\n?/g, '')
    .trim();
  return { html, text: htmlToText(html) };
}
function htmlToText(html) {
  const withBreaks = html
    .replace(/\n/g, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|h[1-6]|li|tr|blockquote|table|caption)>/gi, '\n')
    .replace(/<\/(td|th)>/gi, '	')
    .replace(/<hr\s*\/?>/gi, '\n');
  const stripped = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} });
  return decodeEntities(stripped)
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}
function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp|#39);/gi, (_, e) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }[lower] ?? _;
  });
}

// scripts/publish/search-index.ts
import { customPinyin, pinyin } from 'pinyin-pro';
var CUSTOM_READINGS = {
  \u8FD8\u6797: 'hu\xE1n l\xEDn',
  // 退耕还林 (pinyin-pro: hai)
  \u8FD8\u6B3E: 'hu\xE1n ku\u01CEn',
  \u8FD8\u8D37: 'hu\xE1n d\xE0i',
};
customPinyin(CUSTOM_READINGS);
var HAN = /\p{Script=Han}/u;
var cache = /* @__PURE__ */ new Map();
function charReadings(ch) {
  return pinyin(ch, { toneType: 'none', type: 'array', multiple: true, v: true }).filter((r) => /^[a-z]+$/.test(r));
}
function withUVariants(readings) {
  const out = [];
  for (const r of readings) if (!out.includes(r)) out.push(r);
  for (const r of readings) {
    const u = r.replace(/v/g, 'u');
    if (!out.includes(u)) out.push(u);
  }
  return out;
}
function readingsOf(text2) {
  const cached = cache.get(text2);
  if (cached) return cached;
  const chars = Array.from(text2);
  const all = pinyin(text2, { toneType: 'none', type: 'all', v: true });
  const aligned = all.length === chars.length && all.every((a, i) => a.origin === chars[i]);
  const result = chars.map((ch, i) => {
    const folded = ch.normalize('NFKC').toLowerCase();
    if (/^[a-z0-9]$/.test(folded)) return [folded];
    if (!HAN.test(ch)) return [];
    const context = aligned && all[i].isZh ? all[i].pinyin : void 0;
    const others = charReadings(ch);
    const ordered = context && /^[a-z]+$/.test(context) ? [context, ...others] : others;
    return withUVariants(ordered);
  });
  cache.set(text2, result);
  return result;
}
function entry(ref, text2, alias) {
  return alias ? { ref, text: text2, readings: readingsOf(text2), alias: true } : { ref, text: text2, readings: readingsOf(text2) };
}
function buildSearchIndex(items, documents, announcements) {
  const out = [];
  for (const item of items) {
    out.push(entry(item.code, item.name, false));
    const seen = /* @__PURE__ */ new Set([item.name]);
    for (const k of item.keywords) {
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(entry(item.code, k, true));
    }
  }
  for (const d of documents) {
    out.push(entry(`doc:${d.id}`, d.title, false));
    if (/\d/.test(d.number) && d.number !== d.title) out.push(entry(`doc:${d.id}`, d.number, true));
  }
  for (const a of announcements) out.push(entry(`ann:${a.id}`, a.title, false));
  return out;
}

// scripts/publish/natural-order.ts
function naturalCompare(a, b) {
  const ra = a.match(/\d+|\D+/g) ?? [];
  const rb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const x = ra[i];
    const y = rb[i];
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const nx = x.replace(/^0+/, '');
      const ny = y.replace(/^0+/, '');
      if (nx.length !== ny.length) return nx.length - ny.length;
      if (nx !== ny) return nx < ny ? -1 : 1;
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return ra.length - rb.length || (a < b ? -1 : a > b ? 1 : 0);
}

// scripts/publish/build-bundles.ts
var PartSet = class {
  byHash = /* @__PURE__ */ new Map();
  /**
   * Adds a value (with its canonical JSON text, when the caller already made it; or only the
   * text, value undefined, for a part taken from the build cache: parsed when asked for).
   */
  add(value, json = canonicalJson(value)) {
    const data = Buffer.from(json, 'utf8');
    const sha256 = sha256Hex(data);
    const known = this.byHash.get(sha256);
    if (known) return known.ref;
    const ref = { sha256, bytes: data.length };
    this.byHash.set(sha256, { ref, data, value });
    this.numbers.set(sha256, this.numbers.size);
    return ref;
  }
  value(sha256) {
    const p = this.byHash.get(sha256);
    if (p && p.value === void 0) p.value = JSON.parse(p.data.toString('utf8'));
    return p?.value;
  }
  lists = /* @__PURE__ */ new Map();
  numbers = /* @__PURE__ */ new Map();
  /**
   * A ListPart of these refs. Sites share most of their lists, so each distinct run is
   * serialised once; the text is canonicalJson's, written directly (keys bytes < sha256).
   */
  addList(refs) {
    const key = refs.map((r) => this.numbers.get(r.sha256) ?? r.sha256).join();
    let ref = this.lists.get(key);
    if (!ref) {
      const json = `{"refs":[${refs.map((r) => `{"bytes":${r.bytes},"sha256":"${r.sha256}"}`).join(',')}]}`;
      ref = this.add({ refs: refs.map((r) => ({ bytes: r.bytes, sha256: r.sha256 })) }, json);
      this.lists.set(key, ref);
    }
    return ref;
  }
};
var WEEKDAYS2 = [1, 2, 3, 4, 5];
var byCode = naturalCompare;
function phone2(p) {
  return { label: p.label, number: String(p.number) };
}
function buildBundles(content, { cache: cache2 = BuildCache.none() } = {}) {
  const assets = new AssetRegistry(content.dir);
  const countySrc = content.county.data;
  const timeZone = countySrc.timeZone ?? DEFAULT_TIME_ZONE;
  const county = {
    code: countySrc.code,
    name: countySrc.name,
    serviceCentre: countySrc.serviceCentre,
    publicItemUrl: countySrc.publicItemUrl,
    hotline: phone2(countySrc.hotline),
    supervision: phone2(countySrc.supervision),
    demo: countySrc.demo,
    timeZone,
    ...(countySrc.hub ? { hub: countySrc.hub } : {}),
  };
  const departmentList = content.departments.data.departments;
  const departments = new Map(departmentList.map((d) => [d.id, d]));
  const departmentOrder = new Map(departmentList.map((d, i) => [d.id, i]));
  const siteSources = content.sites.map((s) => s.data);
  const townships = siteSources.filter((s) => s.kind === 'township').sort((a, b) => byCode(a.code, b.code));
  const villagesOf = (code) => siteSources.filter((s) => s.kind === 'village' && s.parent === code).sort((a, b) => byCode(a.code, b.code));
  const ordered = townships.flatMap((t2) => [t2, ...villagesOf(t2.code)]);
  const siteByCode = new Map(siteSources.map((s) => [s.code, s]));
  const itemSources = [...content.items].sort(
    ({ data: a }, { data: b }) =>
      (departmentOrder.get(a.department) ?? 0) - (departmentOrder.get(b.department) ?? 0) || byCode(a.code, b.code),
  );
  const items = itemSources.map((s) => s.data);
  const staffByTownship = new Map(content.staff.map((s) => [s.file.replace(/^staff\/|\.ya?ml$/g, ''), s.data.staff]));
  const parts = new PartSet();
  let images;
  const render = (src) => {
    images = /* @__PURE__ */ new Map();
    return renderMarkdown(src.body, (ref) => {
      const rel = resolveContentRef(src.file, ref);
      if (rel === void 0 || !content.files.has(rel)) return void 0;
      const p = assets.add(rel);
      images.set(rel, p);
      return p;
    });
  };
  const published = (src, build) => {
    const key = cache2.enabled && src.key ? `${src.key}:${timeZone}` : void 0;
    const hit = key ? cache2.get(key) : void 0;
    if (hit && Object.entries(hit.images).every(([rel, p]) => content.files.has(rel) && assets.add(rel) === p)) {
      const value2 = JSON.parse(hit.json);
      return { src, out: value2, images: new Set(Object.values(hit.images)), ref: parts.add(value2, hit.json) };
    }
    const value = build();
    const json = canonicalJson(value);
    if (key) cache2.set(key, { json, images: Object.fromEntries(images) });
    return { src, out: value, images: new Set(images.values()), ref: parts.add(value, json) };
  };
  const announcements = content.announcements
    .map((src) =>
      published(src, () => {
        const out = announcement(src, render(src), timeZone);
        return { ...out, search: buildSearchIndex([], [], [out]) };
      }),
    )
    .sort((a, b) => cmpDesc(a.out.publishAt, b.out.publishAt) || byCode(a.out.id, b.out.id));
  const documents = content.documents
    .map((src) =>
      published(src, () => {
        const out = govDocument(src, render(src));
        return { ...out, search: buildSearchIndex([], [out], []) };
      }),
    )
    .sort((a, b) => cmpDesc(a.out.date, b.out.date) || byCode(a.out.id, b.out.id));
  const topics = content.topics?.data.topics ?? [];
  const itemParts = new Map(
    itemSources.map((src) => {
      const it = src.data;
      const dept = departments.get(it.department);
      const key = cache2.enabled && src.key ? `${src.key}:${String(dept.phone ?? '')}` : void 0;
      const hit = key ? cache2.get(key) : void 0;
      let ref;
      if (hit) ref = parts.add(void 0, hit.json);
      else {
        const part = itemPart(it, dept);
        const json = canonicalJson(part);
        if (key) cache2.set(key, { json, images: {} });
        ref = parts.add(part, json);
      }
      return [it.code, { code: it.code, departmentId: it.department, ref }];
    }),
  );
  const catalogue = { items: {}, announcements: {}, documents: {}, sites: {} };
  for (const it of items) catalogue.items[it.code] = { name: it.name, sha256: itemParts.get(it.code).ref.sha256 };
  for (const a of announcements) catalogue.announcements[a.out.id] = { name: a.out.title, sha256: a.ref.sha256 };
  for (const d of documents) catalogue.documents[d.out.id] = { name: d.out.title, sha256: d.ref.sha256 };
  const itemsCovering = coverIndex(items, (it) => it.sites);
  const announcementsCovering = coverIndex(announcements, (a) => a.src.data.sites);
  const documentsCovering = coverIndex(documents, (d) => d.src.data.sites);
  const sites = ordered.map((site) => {
    const ref = { code: site.code, kind: site.kind, parent: site.parent };
    const township = site.kind === 'township' ? site : siteByCode.get(site.parent);
    const siteImages = /* @__PURE__ */ new Set();
    const info = siteInfo(site, township, county, villagesOf(site.code), assets);
    if (info.agent?.photo) siteImages.add(info.agent.photo);
    const offered = itemsCovering(ref)
      .filter((it) => levelFitsSite(it.level, ref))
      .map((it) => itemParts.get(it.code));
    const offeredCodes = new Set(offered.map((i) => i.code));
    const usedDepartments = /* @__PURE__ */ new Set([...offered.map((i) => i.departmentId), ...info.windows.flatMap((w) => w.departments)]);
    const siteTopics = topics
      .map((t2) => ({
        id: t2.id,
        name: t2.name,
        icon: t2.icon,
        description: t2.description,
        items: t2.items.filter((c) => offeredCodes.has(c)),
      }))
      .filter((t2) => t2.items.length > 0);
    const siteAnnouncements = announcementsCovering(ref);
    const siteDocuments = documentsCovering(ref);
    for (const x of [...siteAnnouncements, ...siteDocuments]) for (const p of x.images) siteImages.add(p);
    const staff = site.kind === 'township' ? staffMembers(staffByTownship.get(site.code) ?? [], assets) : [];
    for (const m of staff) if (m.photo) siteImages.add(m.photo);
    const sitePart = { county, site: info, staff, topics: siteTopics };
    const departmentsPart = { departments: departmentList.filter((d) => usedDepartments.has(d.id)).map(department) };
    const siteRef2 = parts.add(sitePart);
    catalogue.sites[site.code] = { name: site.name, sha256: siteRef2.sha256 };
    const built = {
      source: site,
      summary: { code: site.code, name: site.name, kind: site.kind, parent: site.kind === 'village' ? site.parent : void 0 },
      parts: {
        site: siteRef2,
        departments: parts.add(departmentsPart),
        items: listParts(
          parts,
          offered.map((i) => i.ref),
        ),
        announcements: listParts(
          parts,
          siteAnnouncements.map((a) => a.ref),
        ),
        documents: listParts(
          parts,
          siteDocuments.map((d) => d.ref),
        ),
      },
      assets: assets.refs([...siteImages]),
    };
    return built;
  });
  return { county, sites, parts, assets, catalogue };
}
function coverIndex(list2, sitesOf) {
  const everywhere = [];
  const byCode2 = /* @__PURE__ */ new Map();
  list2.forEach((x, i) => {
    const sites = sitesOf(x);
    if (sites === void 0 || sites === 'all') everywhere.push(i);
    else if (Array.isArray(sites)) {
      for (const code of new Set(sites)) {
        const at = byCode2.get(code);
        if (at) at.push(i);
        else byCode2.set(code, [i]);
      }
    }
  });
  return (site) => {
    const named = [
      ...(byCode2.get(site.code) ?? []),
      ...(site.kind === 'village' && site.parent !== void 0 ? (byCode2.get(site.parent) ?? []) : []),
    ];
    const at = named.length === 0 ? everywhere : [.../* @__PURE__ */ new Set([...everywhere, ...named])].sort((a, b) => a - b);
    return at.map((i) => list2[i]);
  };
}
var LIST_CUT = 16;
var LIST_MAX = 64;
function listParts(parts, refs) {
  const out = [];
  let run = [];
  for (const r of refs) {
    run.push(r);
    if (Number.parseInt(r.sha256.slice(0, 4), 16) % LIST_CUT === 0 || run.length >= LIST_MAX) {
      out.push(parts.addList(run));
      run = [];
    }
  }
  if (run.length) out.push(parts.addList(run));
  return out;
}
function cmpDesc(a, b) {
  return a < b ? 1 : a > b ? -1 : 0;
}
function hours2(h) {
  return {
    days: [...h.days].sort((a, b) => a - b),
    periods: h.periods.map((p) => ({ open: p.open, close: p.close })),
    note: h.note,
  };
}
function siteInfo(site, township, county, villages, assets) {
  const consultation = phone2(site.phones.consultation);
  const supervision = site.phones.supervision
    ? phone2(site.phones.supervision)
    : township.phones.supervision
      ? phone2(township.phones.supervision)
      : county.supervision;
  const base = {
    code: site.code,
    kind: site.kind,
    name: site.name,
    address: site.address,
    // Villages without their own hours keep their township's.
    hours: hours2(site.hours ?? township.hours),
    phones: { consultation, supervision },
    opinionBox: site.opinionBox,
    maintenancePin: site.maintenancePin ?? township.maintenancePin,
  };
  if (site.kind === 'township') {
    return {
      ...base,
      class: site.class,
      population: site.population,
      windows: (site.windows ?? []).map((w) => ({
        number: String(w.number),
        name: w.name,
        departments: [...w.departments],
        position: w.position ? { x: w.position.x, y: w.position.y } : void 0,
      })),
      stations: villages.map((v) => ({
        code: v.code,
        name: v.name,
        agent: v.agent.name,
        phone: String(v.agent.phone),
      })),
    };
  }
  const agent = site.agent;
  return {
    ...base,
    windows: [],
    agent: {
      name: agent.name,
      phone: String(agent.phone),
      photo: agent.photo ? assets.add(`staff/photos/${agent.photo}`) : void 0,
    },
    parent: {
      code: township.code,
      name: township.name,
      address: township.address,
      phone: phone2(township.phones.consultation),
    },
  };
}
function department(d) {
  return {
    id: d.id,
    name: d.name,
    fullName: d.fullName,
    icon: d.icon,
    phone: d.phone === void 0 ? void 0 : String(d.phone),
  };
}
function timeLimitText(it) {
  const legal = it.legalDays !== void 0 ? `\uFF08\u6CD5\u5B9A\u65F6\u9650${it.legalDays}\u4E2A\u5DE5\u4F5C\u65E5\uFF09` : '';
  if (it.mode === '\u5373\u529E\u4EF6') return `\u5373\u529E\u4EF6\uFF0C\u6750\u6599\u9F50\u5168\u5F53\u573A\u529E\u7ED3${legal}`;
  return `\u627F\u8BFA\u4EF6\uFF0C${it.promiseDays}\u4E2A\u5DE5\u4F5C\u65E5\u529E\u7ED3${legal}`;
}
function itemPart(it, dept) {
  const steps = it.steps.map((s) =>
    typeof s === 'string' ? { title: s } : { title: s.title, detail: s.detail, actor: s.actor, days: s.days },
  );
  const seen = /* @__PURE__ */ new Set([it.name]);
  const keywords = (it.keywords ?? []).filter((k) => !seen.has(k) && (seen.add(k), true));
  return {
    code: it.code,
    name: it.name,
    type: it.type,
    departmentId: it.department,
    subject: it.subject,
    basis: [...it.basis],
    conditions: [...it.conditions],
    materials: it.materials.map((m) => ({
      name: m.name,
      form: m.form,
      copies: m.copies ?? 1,
      note: m.note,
      optional: m.optional ? true : void 0,
    })),
    steps,
    mode: it.mode,
    promiseDays: it.promiseDays,
    legalDays: it.legalDays,
    timeLimit: timeLimitText(it),
    result: it.result,
    charged: it.fee.charged,
    feeBasis: it.fee.charged ? it.fee.basis : (it.fee.basis ?? '\u4E0D\u6536\u8D39'),
    feeStandard: it.fee.charged ? it.fee.standard : (it.fee.standard ?? '\u4E0D\u6536\u8D39'),
    // Absent: the kiosk takes the site's supervision / consultation phone (assemble.ts).
    supervision: it.supervision,
    phone: it.phone !== void 0 ? String(it.phone) : dept.phone !== void 0 ? String(dept.phone) : void 0,
    level: it.level,
    keywords,
    faq: it.faq?.map((f) => ({ q: f.q, a: f.a })),
    visits: it.visits ?? 1,
    popularity: it.popularity,
    // The index reads code, name and keywords only.
    search: buildSearchIndex([{ code: it.code, name: it.name, keywords }], [], []),
  };
}
function announcement(src, body, timeZone) {
  const a = src.data;
  const publish = parseDateTime(a.publishAt, timeZone);
  const expire = a.expireAt !== void 0 ? parseDateTime(a.expireAt, timeZone) : void 0;
  return {
    id: a.id,
    title: a.title,
    html: body.html,
    text: body.text,
    publishAt: formatIsoInZone(publish.epochMs, timeZone),
    expireAt: expire ? formatIsoInZone(expireMs(expire), timeZone) : void 0,
    priority: a.priority ?? 'normal',
    displaySeconds: a.displaySeconds,
  };
}
function govDocument(src, body) {
  const d = src.data;
  return { id: d.id, title: d.title, issuer: d.issuer, number: d.number, date: d.date, html: body.html, text: body.text };
}
function staffMembers(list2, assets) {
  return [...list2]
    .sort((a, b) => byCode(String(a.window), String(b.window)) || (a.post < b.post ? -1 : a.post > b.post ? 1 : 0))
    .map((m) => ({
      id: m.id,
      name: m.name,
      photo: m.photo ? assets.add(`staff/photos/${m.photo}`) : void 0,
      position: m.position,
      window: String(m.window),
      post: m.post,
      partner: m.partner,
      roster: [
        { weekdays: [...(m.dutyDays ?? WEEKDAYS2)].sort((a, b) => a - b), onDuty: true },
        ...[...(m.roster ?? [])]
          .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
          .map((r) => ({ date: r.date, onDuty: r.onDuty, note: r.note })),
      ],
      phone: m.phone === void 0 ? void 0 : String(m.phone),
    }));
}

// scripts/publish/.phases.ts
var dir = process.argv[2];
var min = {};
var t = async (name, f) => {
  const t0 = performance.now();
  const r = await f();
  const ms = performance.now() - t0;
  min[name] = Math.min(min[name] ?? Infinity, ms);
  return r;
};
for (let i = 0; i < Number(process.env.ITER ?? 5); i++) {
  const nocache = i === 0;
  const cache2 = await t('parse-cache open', () => ParseCache.open('/tmp/pw/phase-cache/parsed.json'));
  const c = await t(nocache ? 'load (cold)' : 'load (cached)', () => loadContent(dir, { cache: cache2 }));
  await t('parse-cache save', () => cache2.save());
  await t('validate', () => validateContent(c));
  const bc = await t('build-cache open', () => BuildCache.open('/tmp/pw/phase-cache/built.json'));
  await t(nocache ? 'build (cold)' : 'build (cached)', () => buildBundles(c, { cache: bc }));
  await t('build-cache save', () => bc.save());
}
for (const [k, v] of Object.entries(min)) console.log(k.padEnd(20), v.toFixed(0), 'ms');
