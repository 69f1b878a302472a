/**
 * A cache of parsed content files, keyed by the SHA-256 of each file's name and text, kept in
 * one file of one entry per line (keyed-lines.ts; by default .cache/parsed-content.json,
 * git-ignored). A republish after one
 * edit re-parses that one file; every other file comes back as the same data with the same
 * line lookup. Only files that parsed without problems are cached (a file with problems is
 * parsed again, so it reports them again). Entries not used by a run are dropped when it saves.
 */
import { createHash } from 'node:crypto';
import { KeyedLines } from './keyed-lines.ts';
import type { FieldPath, Problem } from './problems.ts';
import { PATH_SEP, parseMarkdownSource, parseYamlSource, type MarkdownSource, type SourceFile } from './yaml-source.ts';

const HEADER = 'bianmin parse cache 2';

interface Entry {
  data: unknown;
  /** Line of every existing path (segments joined by \u0001; "" = the document). */
  lines: Record<string, number>;
  body?: string;
  bodyLine?: number;
}

/** The line lookup of a cached file: the line of the path, else of its nearest existing ancestor. */
function lineLookup(lines: Record<string, number>): (p: FieldPath) => number {
  return (p) => {
    const segs = [...(p as (string | number)[])];
    for (;;) {
      const hit = lines[segs.join(PATH_SEP)];
      if (hit !== undefined) return hit;
      if (segs.length === 0) return 1;
      segs.pop();
    }
  };
}

export class ParseCache {
  private constructor(private readonly store: KeyedLines<Entry>) {}

  /** No file: parses every time (tests, one-off loads). */
  static none(): ParseCache {
    return new ParseCache(KeyedLines.none());
  }

  /** Opens the cache file; a missing or unreadable one starts empty. */
  static async open(file: string): Promise<ParseCache> {
    return new ParseCache(await KeyedLines.open<Entry>(file, HEADER));
  }

  private key(kind: string, rel: string, text: string): string {
    return createHash('sha256').update(`${kind}\0${rel}\0`).update(text).digest('base64url');
  }

  yaml(rel: string, text: string): { source?: SourceFile; problems: Problem[] } {
    if (!this.store.stored) return parseYamlSource(rel, text);
    const key = this.key('yaml', rel, text);
    const hit = this.store.get(key);
    if (hit) return { source: { file: rel, data: hit.data, line: lineLookup(hit.lines), key }, problems: [] };
    const parsed = parseYamlSource(rel, text);
    if (!parsed.source || parsed.problems.length > 0) return parsed;
    // The line table replaces the parsed document (its lookup would keep the whole syntax tree alive).
    const entry = { data: parsed.source.data, lines: parsed.source.lineTable() };
    this.store.set(key, entry);
    return { source: { file: rel, data: entry.data, line: lineLookup(entry.lines), key }, problems: [] };
  }

  markdown(rel: string, text: string): { source?: MarkdownSource; problems: Problem[] } {
    if (!this.store.stored) return parseMarkdownSource(rel, text);
    const key = this.key('md', rel, text);
    const hit = this.store.get(key);
    if (hit) {
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
    const s = parsed.source;
    if (!s || parsed.problems.length > 0) return parsed;
    const entry = { data: s.data, lines: s.lineTable(), body: s.body, bodyLine: s.bodyLine };
    this.store.set(key, entry);
    return {
      source: { file: rel, data: entry.data, line: lineLookup(entry.lines), key, body: s.body, bodyLine: s.bodyLine },
      problems: [],
    };
  }

  /** Writes what this run used (temp + rename), when anything is new or was dropped. */
  save(): Promise<void> {
    return this.store.save();
  }
}
