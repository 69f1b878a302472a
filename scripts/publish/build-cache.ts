/**
 * What earlier publishes built, kept beside the parse cache (e.g. .cache/built-parts.json,
 * git-ignored): an item whose file and department phone, or an announcement or government
 * document whose file, county time zone and images are what they were last time is not
 * rendered, indexed and serialised again — its part's text comes back as it was. Valid while the build rules are the same: the cache is keyed by a
 * fingerprint of the publisher modules that shape those parts and of the libraries they use.
 * Only a speed-up: a missing, stale or damaged cache file means building everything.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const FORMAT = 1;

export interface BuiltText {
  /** The part's canonical JSON. */
  json: string;
  /** Images the part shows: content path → asset path it was published as. */
  images: Record<string, string>;
}

/** SHA-256 over the text of these files (URLs relative to this module) and the versions of these packages. */
export async function rulesFingerprint(files: readonly string[], packages: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const f of files)
    hash
      .update(f)
      .update('\0')
      .update(await readFile(new URL(f, import.meta.url)));
  const require = createRequire(import.meta.url);
  for (const p of packages) {
    const version = await readFile(require.resolve(`${p}/package.json`), 'utf8')
      .then((t) => (JSON.parse(t) as { version?: string }).version ?? '')
      .catch(() => '');
    hash.update(`\0${p}@${version}`);
  }
  return hash.digest('hex');
}

/** The modules and libraries an item's, announcement's or document's part depends on. */
const RULE_FILES = [
  './build-bundles.ts',
  './markdown.ts',
  './search-index.ts',
  './canonical-json.ts',
  '../content/dates.ts',
  '../../kiosk/src/time/zoned.ts',
  '../../kiosk/src/bundle/schema.ts',
];
const RULE_PACKAGES = ['marked', 'sanitize-html', 'pinyin-pro'];

export class BuildCache {
  private readonly used = new Map<string, BuiltText>();
  private changed = false;

  private constructor(
    private readonly file: string | undefined,
    private readonly rules: string,
    private readonly known: Map<string, BuiltText>,
  ) {}

  /** No cache: everything is built (tests, one-off builds). */
  static none(): BuildCache {
    return new BuildCache(undefined, '', new Map());
  }

  static async open(file: string): Promise<BuildCache> {
    const rules = await rulesFingerprint(RULE_FILES, RULE_PACKAGES);
    try {
      const raw = JSON.parse(await readFile(file, 'utf8')) as { format?: number; rules?: string; entries?: Record<string, BuiltText> };
      if (raw.format === FORMAT && raw.rules === rules && raw.entries)
        return new BuildCache(file, rules, new Map(Object.entries(raw.entries)));
    } catch {
      // absent or damaged: start over
    }
    return new BuildCache(file, rules, new Map());
  }

  get enabled(): boolean {
    return this.file !== undefined;
  }

  get(key: string): BuiltText | undefined {
    const hit = this.known.get(key);
    if (hit) this.used.set(key, hit);
    return hit;
  }

  set(key: string, value: BuiltText): void {
    if (!this.file) return;
    this.used.set(key, value);
    this.changed = true;
  }

  /** Keeps what this run used (temp + rename), when anything is new or was dropped. */
  async save(): Promise<void> {
    if (!this.file || (!this.changed && this.used.size === this.known.size)) return;
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, JSON.stringify({ format: FORMAT, rules: this.rules, entries: Object.fromEntries(this.used) }));
    await rename(tmp, this.file);
  }
}
