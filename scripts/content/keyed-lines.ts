/**
 * A cache file of one entry per line — a header line, then "key<TAB>JSON" lines — for the
 * publisher's caches (.cache/). Opening reads the lines; an entry is parsed only when asked
 * for, and saving writes the lines it did not change back as they were read: a republish after
 * one edit neither parses nor serialises the thousands of entries it did not touch. A header
 * other than the expected one (another format or other build rules) means starting empty.
 * Values are JSON unless the opener gives a codec of its own (one line, no line break).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** How a value is written on its line; `decode` throws on a damaged line (dropped, as if absent). */
export interface LineCodec<T> {
  encode(value: T): string;
  decode(line: string): T;
}

const JSON_LINES: LineCodec<never> = { encode: (v) => JSON.stringify(v), decode: (line) => JSON.parse(line) as never };

export class KeyedLines<T> {
  private readonly parsed = new Map<string, T>();
  private readonly used = new Set<string>();
  private changed = false;

  private constructor(
    private readonly file: string | undefined,
    private readonly header: string,
    private readonly lines: Map<string, string>,
    private readonly codec: LineCodec<T> = JSON_LINES,
  ) {}

  /** Nothing stored or kept (tests, one-off runs). */
  static none<T>(): KeyedLines<T> {
    return new KeyedLines<T>(undefined, '', new Map());
  }

  /** Opens `file`; a missing or damaged file, or one with another header, starts empty. */
  static async open<T>(file: string, header: string, codec?: LineCodec<T>): Promise<KeyedLines<T>> {
    const lines = new Map<string, string>();
    try {
      const text = await readFile(file, 'utf8');
      const rows = text.split('\n');
      if (rows[0] === header) {
        for (let i = 1; i < rows.length; i++) {
          const tab = rows[i].indexOf('\t');
          if (tab > 0) lines.set(rows[i].slice(0, tab), rows[i].slice(tab + 1));
        }
      }
    } catch {
      // absent: start empty
    }
    return new KeyedLines<T>(file, header, lines, codec);
  }

  get stored(): boolean {
    return this.file !== undefined;
  }

  get(key: string): T | undefined {
    let value = this.parsed.get(key);
    if (value === undefined) {
      const line = this.lines.get(key);
      if (line === undefined) return undefined;
      try {
        value = this.codec.decode(line);
      } catch {
        this.lines.delete(key);
        this.changed = true;
        return undefined;
      }
      this.parsed.set(key, value);
    }
    this.used.add(key);
    return value;
  }

  /** `key` must hold no tab or line break (hashes, codes). */
  set(key: string, value: T): void {
    if (!this.file) return;
    this.lines.set(key, this.codec.encode(value));
    this.parsed.set(key, value);
    this.used.add(key);
    this.changed = true;
  }

  /** Keeps what this run used (temp + rename), when anything is new or was dropped. */
  async save(): Promise<void> {
    if (!this.file || (!this.changed && this.used.size === this.lines.size)) return;
    const out = [this.header];
    for (const key of this.used) out.push(`${key}\t${this.lines.get(key)}`);
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, `${out.join('\n')}\n`);
    await rename(tmp, this.file);
    this.changed = false;
  }
}
