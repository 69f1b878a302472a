/**
 * Many visits in a row, each ended by the idle reset (fake clock): after forced GC the live DOM
 * node count (detached nodes included) and the event listener count must stay flat — nothing of
 * a finished visit (its screens, the idle prompt, the attract screen it replaced) is kept. A
 * leak check through the Chrome DevTools Protocol that counts, never times.
 *
 * Only locators here: an ElementHandle (page.waitForSelector, page.$) keeps its node and the
 * whole detached tree alive in the protocol's object group, which is what once made the bench
 * report 14× the DOM nodes after 200 visits.
 */
import type { Page } from '@playwright/test';
import { homeTile, openAttract } from './kiosk-helpers.ts';
import { expect, test } from './support/fixtures.ts';

const IDLE = 10;

async function visit(page: Page, i: number): Promise<void> {
  await page.getByRole('button', { name: '点这里开始查询' }).tap();
  await expect(page.getByRole('heading', { name: '您好！请点一下您要办的事' })).toBeVisible();
  const tiles = page.locator('.tile');
  const n = await tiles.count();
  if (i % 3 === 0) {
    await homeTile(page, '搜索').tap();
    await page.getByRole('group', { name: '拼音字母键盘' }).getByRole('button', { name: 'D', exact: true }).tap();
  } else await tiles.nth(i % n).tap();
  const row = page.locator('.row-btn').first();
  if (await row.count()) await row.tap();
  // The idle time, then the "还在使用吗？" countdown (15 s), then the attract screen again.
  await page.clock.runFor((IDLE + 16) * 1000);
  await expect(page.getByRole('button', { name: '点这里开始查询' })).toBeVisible();
}

test('40 kiosk visits ended by the idle reset: DOM nodes and listeners stay flat after GC', async ({ page }) => {
  test.skip(test.info().project.name !== 'portrait', 'one run is enough');
  test.setTimeout(5 * 60_000);
  await page.clock.install({ time: new Date('2026-11-25T09:00:00+08:00') });
  await openAttract(page, `&idle=${IDLE}`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const measure = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
    return { nodes: get('Nodes'), listeners: get('JSEventListeners') };
  };
  // Warm-up: every kind of visit once, so lazily loaded screens and caches exist.
  for (let i = 0; i < 10; i++) await visit(page, i);
  const base = await measure();
  for (let i = 10; i < 40; i++) await visit(page, i);
  const end = await measure();
  console.log(`after 10 visits: ${base.nodes} nodes, ${base.listeners} listeners; after 40: ${end.nodes}, ${end.listeners}`);
  // A leaked visit keeps at least one screen (hundreds of nodes): 30 of them could not hide in this margin.
  expect(end.nodes).toBeLessThanOrEqual(base.nodes + 300);
  expect(end.listeners).toBeLessThanOrEqual(base.listeners + 20);
});
