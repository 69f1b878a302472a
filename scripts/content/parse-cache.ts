/**
 * A cache of parsed content files, keyed by the SHA-256 of each file's name and text, kept in
 * one JSON file (by default .cache/parsed-content.json, git-ignored). A republish after one
 * edit re-parses that one file; every other file comes back as the same data with the same
 * line lookup. Only files that parsed without problems are cached (a file with problems is
 * parsed again, so it reports them again). Entries not used by a run are dropped when it saves.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FieldPath, Problem } from './problems.ts';
import { parseMarkdownSource, parseYamlSource, type MarkdownSource, type SourceFile } from './yaml-source.ts';

const CACHE_FORMAT = 1;

interface Entry {
  data: unknown;
  /** Line of every existing path (segments joined by \u0001; "" = the document). */
  lines: Record<string, number>;
  body?: string;
  bodyLine?: number;
}

const SEP = '\u0001';

function allLines(data: unknown, line: (p: FieldPath) => number): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (v: unknown, p: (string | number)[]) => {
    out[p.join(SEP)] = line(p as FieldPath);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
  };
  walk(data, []);
  return out;
}

/** The line lookup of a cached file: the line of the path, else of its nearest existing ancestor. */
function lineLookup(lines: Record<string, number>): (p: FieldPath) => number {
  return (p) => {
    const segs = [...(p as (string | number)[])];
    for (;;) {
      const hit = lines[segs.join(SEP)];
      if (hit !== undefined) return hit;
      if (segs.length === 0) return 1;
      segs.pop();
    }
  };
}

export class ParseCache {
  private used = new Map<string, Entry>();
  private added = false;

  private constructor(
    private readonly file: string | undefined,
    private readonly known: Map<string, Entry>,
  ) {}

  /** No file: parses every time (tests, one-off loads). */
  static none(): ParseCache {
    return new ParseCache(undefined, new Map());
  }

  /** Opens the cache file; a missing or unreadable one starts empty. */
  static async open(file: string): Promise<ParseCache> {
    try {
      const raw = JSON.parse(await readFile(file, 'utf8')) as { format?: number; entries?: Record<string, Entry> };
      if (raw.format === CACHE_FORMAT && raw.entries) return new ParseCache(file, new Map(Object.entries(raw.entries)));
    } catch {
      // absent or damaged: start over
    }
    return new ParseCache(file, new Map());
  }

  private key(kind: string, rel: string, text: string): string {
    return createHash('sha256').update(`${kind}\0${rel}\0`).update(text).digest('base64url');
  }

  private remember(key: string, entry: Entry): void {
    this.used.set(key, entry);
    if (!this.known.has(key)) this.added = true;
  }

  yaml(rel: string, text: string): { source?: SourceFile; problems: Problem[] } {
    if (!this.file) return parseYamlSource(rel, text);
    const key = this.key('yaml', rel, text);
    const hit = this.known.get(key);
    if (hit) {
      this.remember(key, hit);
      return { source: { file: rel, data: hit.data, line: lineLookup(hit.lines), key }, problems: [] };
    }
    const parsed = parseYamlSource(rel, text);
    if (parsed.source && parsed.problems.length === 0) {
      this.remember(key, { data: structuredClone(parsed.source.data), lines: allLines(parsed.source.data, parsed.source.line) });
      parsed.source.key = key;
    }
    return parsed;
  }

  markdown(rel: string, text: string): { source?: MarkdownSource; problems: Problem[] } {
    if (!this.file) return parseMarkdownSource(rel, text);
    const key = this.key('md', rel, text);
    const hit = this.known.get(key);
    if (hit) {
      this.remember(key, hit);
      const source: MarkdownSource = {
        file: rel,
        data: hit.data,
        line: lineLookup(hit.lines),
        key,
        body: hit.body ?? '',
        bodyLine: hit.bodyLine ?? 1,
      };
      return { source, problems: [] };
    }
    const parsed = parseMarkdownSource(rel, text);
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
  async save(): Promise<void> {
    if (!this.file || (!this.added && this.used.size === this.known.size)) return;
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, JSON.stringify({ format: CACHE_FORMAT, entries: Object.fromEntries(this.used) }));
    await rename(tmp, this.file);
  }
}
