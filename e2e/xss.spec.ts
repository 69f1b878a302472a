/**
 * Untrusted content never runs script: 150 XSS payloads (e2e/support/xss-corpus.ts) are written
 * into every text field of a copy of the county's content — site, county, department, topic,
 * staff and item fields (names, materials, notes, phones' labels…), announcement and document
 * titles and Markdown bodies — published with the real publisher, and every screen of every
 * mode is shown. A trap (`window.__xss`), a dialog listener and a CSP violation listener must
 * stay silent: the publisher's sanitising removed the script, not the browser's CSP.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { copyContentSource, expect, publishInto, test } from './support/fixtures.ts';
import { injectXss, xssPayloads } from './support/xss-corpus.ts';

interface Trap {
  fired: number[];
  csp: string[];
}

async function arm(page: Page): Promise<string[]> {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __trap: Trap; __xss: (n: number) => void };
    w.__trap = { fired: [], csp: [] };
    w.__xss = (n: number) => w.__trap.fired.push(n);
    document.addEventListener('securitypolicyviolation', (e) => w.__trap.csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    // Speech is stubbed out (headless Chromium has no voices) so 朗读 never waits.
  });
  return dialogs;
}

async function expectSilent(page: Page, dialogs: string[]) {
  const trap = await page.evaluate(() => (window as unknown as { __trap: Trap }).__trap);
  expect(trap.fired).toEqual([]);
  expect(trap.csp).toEqual([]);
  expect(dialogs).toEqual([]);
}

test('150 payloads in every text field never execute, in kiosk, display and ticker modes', async ({
  page,
  workDir,
  serveContent,
  shot,
}) => {
  test.setTimeout(240_000);
  expect(xssPayloads().length).toBeGreaterThanOrEqual(150);
  const src = await copyContentSource(join(workDir, 'src'));
  const injected = await injectXss(src);
  expect(injected.payloads).toBe(150);
  expect(injected.fields).toBeGreaterThan(500);
  const out = join(workDir, 'out');
  await publishInto(out, src);
  const server = await serveContent(out);
  const dialogs = await arm(page);

  await page.goto(`${server.url}/?site=baihe`);
  // The trap can fail: an inline handler that reached the DOM is reported (CSP blocks it).
  await page.evaluate(() => {
    const d = document.createElement('div');
    d.innerHTML = '<img src="data:," onerror="__xss(0)">';
    document.body.append(d);
  });
  await expect.poll(() => page.evaluate(() => (window as unknown as { __trap: Trap }).__trap.csp.length)).toBeGreaterThan(0);
  await page.evaluate(() => ((window as unknown as { __trap: Trap }).__trap.csp = []));
  // The payloads are shown as text, literally.
  await expect(page.locator('.attract-title')).toContainText('__xss(');
  await page.getByRole('button', { name: '点这里开始查询' }).tap();
  const tiles = page.locator('#main .home-tile, #main button');
  await expect(tiles.first()).toBeVisible();
  const tileCount = await tiles.count();
  const skip = /打印|朗读|评价/;
  for (let t = 0; t < tileCount; t++) {
    await page.getByRole('button', { name: '首页' }).tap();
    const tile = page.locator('#main button').nth(t);
    if (!(await tile.isVisible()) || skip.test((await tile.textContent()) ?? '')) continue;
    await tile.tap();
    // Two levels down: list → entry → detail (the first of each).
    for (let depth = 0; depth < 2; depth++) {
      const next = page.locator('#main button.row-btn, #main button.tile').first();
      if ((await next.count()) === 0) break;
      await next.tap();
    }
    await page.waitForTimeout(150);
  }
  // Every announcement and document body (rich text from Markdown).
  for (const [list, name] of [
    ['公示公告', 'announcement'],
    ['政府信息公开', 'document'],
  ]) {
    await page.getByRole('button', { name: '首页' }).tap();
    const tile = page.locator('#main button').filter({ hasText: list }).first();
    if ((await tile.count()) === 0) continue;
    await tile.tap();
    const rows = page.locator('#main button.row-btn');
    const n = await rows.count();
    for (let r = 0; r < n; r++) {
      await page.locator('#main button.row-btn').nth(r).tap();
      await expect(page.locator('.rich')).toBeVisible();
      if (r === 0) await shot(`xss-${name}`);
      await page.getByRole('button', { name: '返回' }).tap();
    }
  }
  await expectSilent(page, dialogs);

  // The wall display, a quarter of an hour of slides on a fake clock inside office hours.
  await page.clock.install({ time: new Date('2026-12-02T09:30:00+08:00') });
  await page.goto(`${server.url}/?site=baihe&mode=display`);
  await expect(page.locator('.dsp-layer.is-front [data-slide]').first()).toBeVisible({ timeout: 20_000 });
  for (let i = 0; i < 30; i++) await page.clock.runFor(30_000);
  await expectSilent(page, dialogs);

  await page.goto(`${server.url}/?site=baihe&mode=ticker`);
  await expect(page.locator('.marquee')).toContainText('__xss(');
  await page.clock.runFor(5000);
  await expectSilent(page, dialogs);
});
