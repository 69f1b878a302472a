/**
 * Bench tiers: the demo content and generated trees of county scale. Each tier is prepared
 * once per run into bench/.work/<id>/ (content/ generated, out/ published) and handed to
 * every figure.
 */
import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { INDEX_PATH } from '../../kiosk/src/bundle/schema.ts';
import { allPartRefs } from '../../kiosk/src/bundle/assemble.ts';
import { readEntry, readIndex, readPart } from '../publish/read-published.ts';
import { generateContent, writeContentTree, type GenerateOptions } from './generate-content.ts';

export interface TierSpec {
  id: string;
  title: string;
  /** undefined: the repository's demo content. */
  generate?: GenerateOptions;
  /** Repeats for timed figures on this tier (medians). */
  runs: number;
  /** No content tree (the county hub's figures bring their own data). */
  noContent?: boolean;
}

export const TIERS: TierSpec[] = [
  { id: 'demo', title: 'demo content', runs: 3 },
  { id: 's100', title: '100 sites / 600 items / 400 notices', generate: { sites: 100, items: 600, announcements: 400, seed: 1 }, runs: 3 },
  {
    id: 's500',
    title: '500 sites / 3,000 items / 2,000 notices',
    generate: { sites: 500, items: 3000, announcements: 2000, seed: 1 },
    runs: 3,
  },
  { id: 'i10k', title: 'one site with 10,000 items', generate: { sites: 1, items: 10_000, announcements: 200, seed: 1 }, runs: 2 },
  { id: 'hub', title: 'county hub: 1,000 simulated devices; 1,000,000 ratings (SQLite and PostgreSQL)', runs: 3, noContent: true },
];

export interface Tier extends TierSpec {
  contentDir: string;
  workDir: string;
}

export function prepareTier(spec: TierSpec, repo: string, benchDir: string): Tier {
  const workDir = path.join(benchDir, spec.id);
  const contentDir = path.join(workDir, 'content');
  if (spec.noContent) return { ...spec, contentDir, workDir };
  if (spec.generate) writeContentTree(contentDir, generateContent(spec.generate), JSON.stringify(spec.generate));
  else {
    // A copy of the demo content, so that figures may edit it.
    rmSync(path.join(workDir, 'content'), { recursive: true, force: true });
    cpSync(path.join(repo, 'content'), path.join(workDir, 'content'), { recursive: true });
  }
  return { ...spec, contentDir, workDir };
}

/**
 * Sites of a published folder with the bytes a kiosk of each holds: its signed entry point,
 * every part it refers to (the lists and the item, announcement and document parts in them,
 * each once) and its images — uncompressed, as stored.
 */
export function publishedSites(outDir: string): { code: string; bytes: number; kind?: string }[] {
  if (!existsSync(path.join(outDir, INDEX_PATH))) return [];
  const { payload } = readIndex(outDir);
  const parts = new Map<string, unknown>();
  const part = (h: string) => {
    if (!parts.has(h)) parts.set(h, readPart(outDir, h));
    return parts.get(h);
  };
  return payload.sites.map((s) => {
    const { payload: entry, bytes: entryBytes } = readEntry(outDir, s.code);
    const refs = new Map(allPartRefs(entry, part).map((r) => [r.sha256, r.bytes]));
    const bytes = entryBytes + [...refs.values()].reduce((n, b) => n + b, 0) + entry.assets.reduce((n, a) => n + a.bytes, 0);
    return { code: s.code, bytes, kind: s.kind };
  });
}

/** The township whose bundle size is the median among townships (the kiosk "of that tree"). */
export function medianTownship(sites: { code: string; bytes: number; kind?: string }[]): string | undefined {
  const towns = sites
    .filter((s) => s.kind === undefined || s.kind === 'township')
    .sort((a, b) => a.bytes - b.bytes || (a.code < b.code ? -1 : 1));
  return towns[Math.floor((towns.length - 1) / 2)]?.code;
}
