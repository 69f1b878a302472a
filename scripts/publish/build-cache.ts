/**
 * What earlier publishes built, kept beside the parse cache (e.g. .cache/built-parts.json,
 * git-ignored; one entry per line, keyed-lines.ts): an item whose file and department phone, or an announcement or government
 * document whose file, county time zone and images are what they were last time is not
 * rendered, indexed and serialised again — its part's text comes back as it was. Valid while the build rules are the same: the cache is keyed by a
 * fingerprint of the publisher modules that shape those parts and of the libraries they use.
 * Only a speed-up: a missing, stale or damaged cache file means building everything.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { KeyedLines, type LineCodec } from '../content/keyed-lines.ts';

export interface BuiltText {
  /** The part's canonical JSON. */
  json: string;
  /** Images the part shows: content path → asset path it was published as. */
  images: Record<string, string>;
}

/** SHA-256 over the text of these files (URLs relative to this module) and the versions of these packages. */
async function rulesFingerprint(files: readonly string[], packages: readonly string[]): Promise<string> {
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

/**
 * A line is `<images JSON>\t<length>\t<part JSON>`: the part's text comes back as a slice of
 * the line, never parsed (a republish reuses thousands of them); the length catches a cut line.
 * Canonical JSON holds no raw line break (JSON escapes control characters).
 */
const BUILT_LINES: LineCodec<BuiltText> = {
  encode: ({ json, images }) => `${JSON.stringify(images)}\t${json.length}\t${json}`,
  decode(line) {
    const a = line.indexOf('\t');
    const b = line.indexOf('\t', a + 1);
    const json = line.slice(b + 1);
    if (a < 0 || b < 0 || Number(line.slice(a + 1, b)) !== json.length) throw new Error('damaged build cache line');
    return { images: JSON.parse(line.slice(0, a)) as Record<string, string>, json };
  },
};

export class BuildCache {
  private constructor(private readonly store: KeyedLines<BuiltText>) {}

  /** No cache: everything is built (tests, one-off builds). */
  static none(): BuildCache {
    return new BuildCache(KeyedLines.none());
  }

  static async open(file: string): Promise<BuildCache> {
    const rules = await rulesFingerprint(RULE_FILES, RULE_PACKAGES);
    return new BuildCache(await KeyedLines.open<BuiltText>(file, `bianmin build cache 3 ${rules}`, BUILT_LINES));
  }

  get enabled(): boolean {
    return this.store.stored;
  }

  get(key: string): BuiltText | undefined {
    return this.store.get(key);
  }

  set(key: string, value: BuiltText): void {
    this.store.set(key, value);
  }

  /** Keeps what this run used (temp + rename), when anything is new or was dropped. */
  save(): Promise<void> {
    return this.store.save();
  }
}
