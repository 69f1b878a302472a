/**
 * Shared Playwright fixtures. Specs import from here:
 *
 *   import { test, expect } from './support/fixtures.ts';
 *
 *   test('…', async ({ page, shot, workDir, serveContent }) => {
 *     const dir = await copyPublished(join(workDir, 'content'));
 *     const server = await serveContent(dir);            // closed after the test
 *     await page.goto(`${server.url}/?site=baihe&poll=2`);
 *     await shot('home');                                 // e2e/.output/screenshots/<project>-home.png
 *   });
 *
 * Also exported: shot(page, name), content helpers (content.ts) and startContentServer (server.ts).
 */
import { test as base, expect, type Page } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SCREENSHOTS } from './paths.ts';
import { startContentServer, type RunningServer } from './server.ts';

export { expect };
export * from './content.ts';
export { startContentServer, type RunningServer } from './server.ts';
export { DIST, DEMO_CONTENT_OUT, CONTENT_SOURCE, REPO } from './paths.ts';

/** Saves a full-page screenshot to e2e/.output/screenshots/<project>-<name>.png and returns its path. */
export async function shot(page: Page, name: string): Promise<string> {
  const project = base.info().project.name;
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${project}-${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Waits until the service worker is activated and controls the page (after the first visit:
 * needed before offline tests; `registration.update()` throws while it is still activating).
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  // page.evaluate awaits the async check (waitForFunction would take the Promise as truthy).
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const reg = await navigator.serviceWorker?.getRegistration();
          if (reg?.active?.state !== 'activated' || !navigator.serviceWorker.controller) return false;
          // The app shell is in the precache (what an offline reload is answered from).
          return !!(await caches.match(new URL('index.html', location.href).href, { ignoreSearch: true }));
        }),
      { timeout: 30_000, message: 'service worker activated, controlling, app shell precached' },
    )
    .toBe(true);
}

export interface KioskFixtures {
  /** shot(name): full-page screenshot of `page` under e2e/.output/screenshots/<project>-<name>.png */
  shot: (name: string) => Promise<string>;
  /** An empty folder for this test (under e2e/.output/test-results). */
  workDir: string;
  /** Serves the built app + this content folder on a free port; closed after the test. */
  serveContent: (contentDir: string, opts?: { contentOnly?: boolean }) => Promise<RunningServer>;
  /** Console messages of `page` ("type: text"), collected from the start of the test. */
  consoleMessages: string[];
}

export const test = base.extend<KioskFixtures>({
  shot: async ({ page }, use) => {
    await use((name) => shot(page, name));
  },
  workDir: async ({}, use, testInfo) => {
    const dir = testInfo.outputPath('work');
    await mkdir(dir, { recursive: true });
    await use(dir);
  },
  serveContent: async ({}, use) => {
    const servers: RunningServer[] = [];
    await use(async (contentDir, opts) => {
      const s = await startContentServer({ contentDir, contentOnly: opts?.contentOnly });
      servers.push(s);
      return s;
    });
    await Promise.all(servers.map((s) => s.close()));
  },
  consoleMessages: async ({ page }, use) => {
    const messages: string[] = [];
    page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
    await use(messages);
  },
});
