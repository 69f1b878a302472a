/** Publisher cost: a full in-memory build (validate, Markdown, pinyin index, hashing) against just reading the files. */
import { loadContent } from '../content/load-content.ts';
import { buildPublication } from '../publish/publish.ts';
import { ratio, timeMs, type Row } from './measure.ts';

export async function benchPublish(contentDir: string): Promise<Row[]> {
  const load = await timeMs(() => loadContent(contentDir), 5);
  const build = await timeMs(() => buildPublication(contentDir), 5);
  const { publication } = await buildPublication(contentDir);
  const items = publication?.stats.items ?? 0;
  return [
    { group: 'publish', name: 'load content files (baseline)', value: `${load.toFixed(0)} ms` },
    {
      group: 'publish',
      name: `validate + build ${publication?.stats.sites} site bundles`,
      value: `${build.toFixed(0)} ms`,
      ratio: ratio(build, load, 'load'),
    },
    { group: 'publish', name: 'build time per item', value: `${(build / Math.max(items, 1)).toFixed(1)} ms` },
  ];
}
