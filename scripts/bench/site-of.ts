/**
 * The site a tier's kiosk is measured on: the median township by published size when the
 * manifest lists sizes, else the middle township of the content folder; with its name as the
 * kiosk shows it (from the site file, so it does not depend on the bundle format).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { medianTownship, publishedSites } from './tiers.ts';

export function townshipsOf(contentDir: string): { code: string; name: string }[] {
  const dir = path.join(contentDir, 'sites');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .filter((t) => /^kind: township$/m.test(t))
    .map((t) => ({ code: /^code: (.*)$/m.exec(t)?.[1].trim() ?? '', name: /^name: (.*)$/m.exec(t)?.[1].trim() ?? '' }));
}

export function siteOf(contentDir: string, outDir: string): { code: string; name: string } {
  const towns = townshipsOf(contentDir);
  const byBytes = medianTownship(publishedSites(outDir).filter((s) => towns.some((t) => t.code === s.code)));
  return towns.find((t) => t.code === byBytes) ?? towns[Math.floor((towns.length - 1) / 2)];
}
