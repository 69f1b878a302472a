/** Bytes that travel: the kiosk app (gzip) against the runtime it is built on, and the site bundle with its search index against the pinyin dictionary it replaces. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { SiteBundle } from '../../kiosk/src/bundle/schema.ts';
import { ratio, type Row } from './measure.ts';

const gz = (data: Buffer | string) => gzipSync(data, { level: 9 }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

export function benchSizes(distDir: string, repo: string, bundleText: string, site: string): Row[] {
  const assets = join(distDir, 'assets');
  // Only the current build's chunks (the service worker precaches exactly those; older builds'
  // chunks stay in dist/assets for a while for pages still running them).
  const sw = readFileSync(join(distDir, 'sw.js'), 'utf8');
  const files = readdirSync(assets).filter((f) => /\.(js|css)$/.test(f) && sw.includes(`assets/${f}`));
  const entry = readFileSync(join(distDir, 'index.html'), 'utf8');
  const eager = files.filter((f) => entry.includes(f));
  const sum = (list: string[]) => list.reduce((n, f) => n + gz(readFileSync(join(assets, f))), 0);
  const preact = gz(readFileSync(join(repo, 'node_modules/preact/dist/preact.mjs')));
  const pinyinDict = gz(readFileSync(join(repo, 'node_modules/pinyin-pro/dist/index.js')));
  const bundle = JSON.parse(bundleText) as SiteBundle;
  const searchPart = gz(JSON.stringify(bundle.search));
  return [
    { group: 'size', name: 'preact runtime alone, gzip (baseline)', value: kb(preact) },
    { group: 'size', name: 'kiosk start-up JS+CSS, gzip', value: kb(sum(eager)), ratio: ratio(sum(eager), preact, 'preact') },
    {
      group: 'size',
      name: `whole app, all ${files.length} chunks, gzip`,
      value: kb(sum(files)),
      ratio: ratio(sum(files), preact, 'preact'),
    },
    { group: 'size', name: 'pinyin-pro dictionary, gzip (baseline)', value: kb(pinyinDict) },
    { group: 'size', name: `site bundle ${site}, gzip`, value: kb(gz(bundleText)), ratio: ratio(gz(bundleText), pinyinDict, 'pinyin-pro') },
    { group: 'size', name: `  of which search index, gzip`, value: kb(searchPart), ratio: ratio(searchPart, pinyinDict, 'pinyin-pro') },
  ];
}
