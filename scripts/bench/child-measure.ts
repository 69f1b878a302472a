/**
 * Run in a child process by the bench so that peak memory is the task's own:
 *   node --import tsx scripts/bench/child-measure.ts load|publish CONTENT [OUT KEYFILE [TARGET]]
 * Prints one JSON line { ms, cpuMs, maxRssMb, status, times } (cpuMs: user + system time of this process, threads
 * included; times: the publisher's milliseconds per phase).
 * load = read and parse every content file (the baseline); publish = the whole publish.
 */
import { performance } from 'node:perf_hooks';
import { loadContent } from '../content/load-content.ts';
import { loadSigningKey } from '../publish/keys.ts';
import { publishContent } from '../publish/publish.ts';

// publish … OUT KEYFILE [TARGET]: publish into TARGET (default OUT) with the caches that belong to OUT.
const [task, content, out, keyFile, target = out] = process.argv.slice(2);
const t0 = performance.now();
let status = 'ok';
let times: Record<string, number> | undefined;
if (task === 'load') {
  const c = await loadContent(content);
  status = c.problems.length ? `problems:${c.problems.length}` : 'ok';
} else if (task === 'publish') {
  const key = await loadSigningKey(keyFile);
  // The publisher's parsed-file cache lives beside the output, as .cache/ does for npm run publish-content.
  const r = await publishContent({ contentDir: content, outDir: target, key, cacheFile: `${out}.parse-cache.json` });
  status = r.status === 'invalid' ? `invalid:${r.problems.length}` : r.status;
  if (r.status !== 'invalid') times = r.times;
} else {
  throw new Error(`unknown task ${task}`);
}
const ms = performance.now() - t0;
const usage = process.resourceUsage();
console.log(JSON.stringify({ ms, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssMb: usage.maxRSS / 1024, status, times }));
