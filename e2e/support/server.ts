/** Servers for tests that need their own content: the built app plus a content folder of the test's. */
import { startServer, type RunningServer } from '../../scripts/serve.ts';
import { DIST } from './paths.ts';

export type { RunningServer };

/**
 * Serves the built app (dist/) at / and `contentDir` at /content/ on a free port: a kiosk
 * opened at `${server.url}/?site=…` reads this test's content. A different port is a different
 * origin, so the kiosk starts with empty storage and no service worker.
 * `contentOnly: true` serves just the content folder at / (CORS on), for `?content=<url>`.
 */
export function startContentServer(opts: { contentDir: string; contentOnly?: boolean; port?: number }): Promise<RunningServer> {
  return startServer({ root: DIST, contentDir: opts.contentDir, contentOnly: opts.contentOnly, port: opts.port ?? 0 });
}
