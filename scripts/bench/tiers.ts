/**
 * Bench tiers: the demo content and generated trees of county scale. Each tier is prepared
 * once per run into bench/.work/<id>/ (content/ generated, out/ published) and handed to
 * every figure.
 */
import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { INDEX_PATH } from '../../kiosk/src/bundle/schema.ts';
import { readEntry, readIndex } from '../publish/read-published.ts';
import { generateContent, writeContentTree, type GenerateOptions } from './generate-content.ts';

export interface TierSpec {
  id: string;
  title: string;
  /** undefined: the repository's demo content. */
  generate?: GenerateOptions;
  /** Repeats for timed figures on this tier (medians). */
  runs: number;
}

export const TIERS: TierSpec[] = [
  { id: 'demo', title: 'demo content', runs: 3 },
  { id: 's100', title: '100 sites / 600 items / 400 notices', generate: { sites: 100, items: 600, announcements: 400, seed: 1 }, runs: 3 },
  {
    id: 's500',
    title: '500 sites / 3,000 items / 2,000 notices',
    generate: { sites: 500, items: 3000, announcements: 2000, seed: 1 },
    // One run: a full publish of this tier takes about a minute before the split format lands.
    runs: 1,
  },
  { id: 'i10k', title: 'one site with 10,000 items', generate: { sites: 1, items: 10_000, announcements: 200, seed: 1 }, runs: 2 },
];

export interface Tier extends TierSpec {
  contentDir: string;
  workDir: string;
}

export function prepareTier(spec: TierSpec, repo: string, benchDir: string): Tier {
  const workDir = path.join(benchDir, spec.id);
  const contentDir = path.join(workDir, 'content');
  if (spec.generate) writeContentTree(contentDir, generateContent(spec.generate), JSON.stringify(spec.generate));
  else {
    // A copy of the demo content, so that figures may edit it.
    rmSync(path.join(workDir, 'content'), { recursive: true, force: true });
    cpSync(path.join(repo, 'content'), path.join(workDir, 'content'), { recursive: true });
  }
  return { ...spec, contentDir, workDir };
}

/** Sites of a published folder with the bytes a kiosk of each holds (its parts, from its entry point). */
export function publishedSites(outDir: string): { code: string; bytes: number; kind?: string }[] {
  if (!existsSync(path.join(outDir, INDEX_PATH))) return [];
  const { payload } = readIndex(outDir);
  return payload.sites.map((s) => {
    const entry = readEntry(outDir, s.code).payload;
    const parts = Object.values(entry.parts).flat() as { bytes: number }[];
    const bytes = parts.reduce((n, p) => n + p.bytes, 0) + entry.assets.reduce((n, a) => n + a.bytes, 0);
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
