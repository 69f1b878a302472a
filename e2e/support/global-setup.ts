/** Fails early, with instructions, when the app or the demo content has not been built. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, DEMO_CONTENT_OUT } from './paths.ts';

export default function globalSetup(): void {
  const missing: string[] = [];
  if (!existsSync(join(DIST, 'index.html'))) missing.push('应用未构建（缺少 dist/index.html）：请先运行 npm run build');
  if (!existsSync(join(DEMO_CONTENT_OUT, 'manifest.json'))) {
    missing.push('示例内容未发布（缺少 dist/content/manifest.json）：请先运行 npm run publish-content');
  }
  if (missing.length) throw new Error(`${missing.join('\n')}\n（npm test 会自动完成以上步骤）`);
}
