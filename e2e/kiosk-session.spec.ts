/**
 * Kiosk behaviour: the idle prompt and the reset to the attract screen
 * (page.clock), 长辈模式 on every screen, nothing of a visit surviving it.
 */
import { bottomBar, homeTile, openAttract, openHome, typeKeys } from './kiosk-helpers.ts';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';

/** Stops the page's fake clock from following real time: from here on only runFor moves it. */
async function freezeClock(page: Page) {
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 500);
}

test('idle: "还在使用吗？" with a countdown, then everything is reset to the attract screen', async ({ page, shot }) => {
  await page.clock.install();
  await openHome(page, { query: '&idle=40' });
  await freezeClock(page);
  await bottomBar(page)
    .getByRole('button', { name: /长辈模式/ })
    .tap();
  await homeTile(page, '搜索').tap();
  await typeKeys(page, 'dbsq');
  await expect(page.getByRole('searchbox')).toHaveValue('dbsq');

  // Not before the idle time.
  await page.clock.runFor(39_000);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await page.clock.runFor(1_500);
  const prompt = page.getByRole('alertdialog', { name: '还在使用吗？' });
  await expect(prompt).toBeVisible();
  await expect(prompt).toContainText('15 秒后回到开始画面');
  await shot('kiosk-idle-prompt');
  await page.clock.runFor(5_000);
  await expect(prompt).toContainText(/(^|[^0-9])10 秒后回到开始画面/);

  // A touch keeps the visit going.
  await prompt.getByRole('button', { name: '继续使用' }).tap();
  await expect(prompt).toHaveCount(0);
  await expect(page.getByRole('searchbox')).toHaveValue('dbsq');

  // Left alone again: prompt, countdown, reset.
  await page.clock.runFor(41_000);
  await expect(prompt).toBeVisible();
  await page.clock.runFor(16_000);
  await expect(page.getByRole('button', { name: '点这里开始查询' })).toBeVisible();
  await shot('kiosk-attract');

  // The next person starts clean: home, normal text, empty search, no history.
  await page.getByRole('button', { name: '点这里开始查询' }).tap();
  await expect(page.getByRole('heading', { name: '您好！请点一下您要办的事' })).toBeVisible();
  await expect(bottomBar(page).getByRole('button', { name: /长辈模式/ })).toHaveAttribute('aria-pressed', 'false');
  await expect(bottomBar(page).getByRole('button', { name: /返回/ })).toBeDisabled();
  await homeTile(page, '搜索').tap();
  await expect(page.getByRole('searchbox')).toHaveValue('');
});

test('idle reset closes an open dialog and the default idle time is 90 seconds', async ({ page }) => {
  test.skip(test.info().project.name !== 'portrait', 'behaviour, not layout: portrait only');
  await page.clock.install();
  await openHome(page);
  await freezeClock(page);
  await page.getByRole('region', { name: '大家常办' }).getByRole('button').first().tap();
  await page.getByRole('button', { name: '扫码带走' }).tap();
  await expect(page.getByRole('dialog', { name: '用手机扫码带走' })).toBeVisible();
  await page.clock.runFor(89_000);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await page.clock.runFor(2_000);
  await expect(page.getByRole('alertdialog', { name: '还在使用吗？' })).toBeVisible();
  await page.clock.runFor(16_000);
  await expect(page.getByRole('button', { name: '点这里开始查询' })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('长辈模式: one tap from every screen, larger text', async ({ page, shot }) => {
  await openHome(page);
  const size = () =>
    page
      .locator('.screen-sub, .tile-sub')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const body = () => page.locator('.kiosk').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(await body()).toBeGreaterThanOrEqual(24);
  const before = await size();
  const toggle = bottomBar(page).getByRole('button', { name: /长辈模式/ });
  await toggle.tap();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect(await body()).toBeGreaterThanOrEqual(32);
  expect(await size()).toBeGreaterThan(before);
  await shot('kiosk-home-elder');
  // Present and working on the other screens too.
  for (const tile of ['按部门查询', '搜索', '窗口人员']) {
    await bottomBar(page).getByRole('button', { name: /首页/ }).tap();
    await homeTile(page, tile).tap();
    await expect(bottomBar(page).getByRole('button', { name: /长辈模式/ })).toHaveAttribute('aria-pressed', 'true');
  }
  await toggle.tap();
  expect(await body()).toBeLessThan(32);
});

test('the attract screen can start straight into 长辈模式', async ({ page }) => {
  await openAttract(page);
  await page.getByRole('button', { name: '长辈模式开始（字更大）' }).tap();
  await expect(bottomBar(page).getByRole('button', { name: /长辈模式/ })).toHaveAttribute('aria-pressed', 'true');
});
