import { loadContent } from '../content/load-content.ts';
import { ParseCache } from '../content/parse-cache.ts';
import { validateContent } from '../content/validate-content.ts';
import { buildBundles } from './build-bundles.ts';
import { BuildCache } from './build-cache.ts';
const dir = process.argv[2];
const min: Record<string, number> = {};
const t = async <T>(name: string, f: () => Promise<T> | T): Promise<T> => {
  const t0 = performance.now();
  const r = await f();
  const ms = performance.now() - t0;
  min[name] = Math.min(min[name] ?? Infinity, ms);
  return r;
};
for (let i = 0; i < Number(process.env.ITER ?? 5); i++) {
  const nocache = i === 0;
  const cache = await t('parse-cache open', () => ParseCache.open('/tmp/pw/phase-cache/parsed.json'));
  const c = await t(nocache ? 'load (cold)' : 'load (cached)', () => loadContent(dir, { cache }));
  await t('parse-cache save', () => cache.save());
  await t('validate', () => validateContent(c));
  const bc = await t('build-cache open', () => BuildCache.open('/tmp/pw/phase-cache/built.json'));
  await t(nocache ? 'build (cold)' : 'build (cached)', () => buildBundles(c, { cache: bc }));
  await t('build-cache save', () => bc.save());
}
for (const [k, v] of Object.entries(min)) console.log(k.padEnd(20), v.toFixed(0), 'ms');
