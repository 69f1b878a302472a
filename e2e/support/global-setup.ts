/** Fails early, with instructions, when the app or the demo content has not been built. */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, DEMO_CONTENT_OUT, REPO } from './paths.ts';

/** Removes the output folders of e2e runs that ended more than a day ago. */
function pruneOldRuns(): void {
  const dir = join(REPO, 'e2e', '.output', 'test-results');
  if (!existsSync(dir)) return;
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    try {
      if (statSync(path).mtimeMs < dayAgo) rmSync(path, { recursive: true, force: true });
    } catch {
      /* another run removed it */
    }
  }
}

export default function globalSetup(): void {
  pruneOldRuns();
  const missing: string[] = [];
  if (!existsSync(join(DIST, 'index.html'))) missing.push('应用未构建（缺少 dist/index.html）：请先运行 npm run build');
  if (!existsSync(join(DEMO_CONTENT_OUT, 'manifest.json'))) {
    missing.push('示例内容未发布（缺少 dist/content/manifest.json）：请先运行 npm run publish-content');
  }
  if (missing.length) throw new Error(`${missing.join('\n')}\n（npm test 会自动完成以上步骤）`);
}
