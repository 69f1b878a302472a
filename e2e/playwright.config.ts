/**
 * E2E tests: Playwright test runner driving the system Chromium with touch, in a portrait
 * (1080×1920) and a landscape (1920×1080) screen. Needs a built app with published demo
 * content in dist/ (`npm test` does it all; by hand: `npm run build && npm run publish-content`).
 *
 * The app is served from dist/ by scripts/serve.ts on E2E_PORT (default: a port derived from
 * the process id, so parallel runs in one checkout do not collide).
 */
import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
process.env.E2E_PORT ??= String(41000 + (process.pid % 8000));
const port = Number(process.env.E2E_PORT);
const executablePath = findChromium() ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // One folder per run: Playwright empties its output folder at start, and several runs may
  // share this checkout at once (global-setup removes folders of runs older than a day).
  outputDir: `.output/test-results/run-${port}`,
  globalSetup: './support/global-setup.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: process.env.BIANMIN_E2E_JSON ?? '.output/results.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    hasTouch: true,
    isMobile: false,
    serviceWorkers: 'allow',
    screenshot: 'only-on-failure',
    // Tracing every test is costly on a 2-core machine: E2E_TRACE=1 turns it on.
    trace: process.env.E2E_TRACE ? 'retain-on-failure' : 'off',
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
  projects: [
    { name: 'portrait', use: { viewport: { width: 1080, height: 1920 } } },
    { name: 'landscape', use: { viewport: { width: 1920, height: 1080 } } },
  ],
  webServer: {
    command: `npx tsx scripts/serve.ts --root dist --port ${port}`,
    cwd: repo,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    timeout: 30_000,
  },
});
