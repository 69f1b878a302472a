import { loadContent } from './content/load-content.ts';
import { validateContent } from './content/validate-content.ts';
import { buildBundles } from './publish/build-bundles.ts';
import { readFile } from 'node:fs/promises';
let t = performance.now();
const lap = (n: string) => {
  const x = performance.now();
  console.log(n, Math.round(x - t));
  t = x;
};
const c = await loadContent('/tmp/x/big');
lap('load');
let n = 0;
for (const f of c.files) {
  await readFile('/tmp/x/big/' + f);
  n++;
}
lap('read only ' + n);
validateContent(c);
lap('validate');
buildBundles(c);
lap('build');
