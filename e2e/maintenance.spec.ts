/**
 * The maintenance panel (hidden corner gesture + PIN), its lockout, the test pattern, a wrong
 * device clock (flagged, content still shown) and the watchdog reloading a frozen wall display.
 * The demo sites' PIN is 246810 (content/sites/*.yaml maintenancePin, made by npm run hash-pin).
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Announcement } from '../kiosk/src/bundle/schema.ts';
import { copyPublished, editPublished, expect, test } from './support/fixtures.ts';

const PIN = '246810';

async function openKeypad(page: Page) {
  for (let i = 0; i < 5; i++) await page.touchscreen.tap(30, 30);
  await expect(page.getByRole('dialog', { name: '维护密码' })).toBeVisible();
}

async function typePin(page: Page, pin: string) {
  const pad = page.getByRole('dialog', { name: '维护密码' });
  for (const d of pin) await pad.getByRole('button', { name: d, exact: true }).tap();
  await pad.getByRole('button', { name: '确定' }).tap();
}

test('five wrong PINs lock the keypad for five minutes, also after a reload', async ({ page, shot }, info) => {
  await page.goto('/?site=baihe');
  await expect(page.getByRole('button', { name: '点这里开始查询' })).toBeVisible({ timeout: 20_000 });
  await openKeypad(page);
  await shot('maintenance-keypad');
  for (let i = 1; i <= 4; i++) {
    await typePin(page, '1234');
    await expect(page.getByText(`密码错误，还可以再试 ${5 - i} 次`)).toBeVisible();
  }
  await typePin(page, '1234');
  await expect(page.getByText('密码连续输错 5 次，已锁定 5 分钟')).toBeVisible();
  await expect(page.getByRole('button', { name: '确定' })).toBeDisabled();
  if (info.project.name === 'portrait') await shot('maintenance-locked');

  await page.reload();
  await expect(page.getByRole('button', { name: '点这里开始查询' })).toBeVisible({ timeout: 20_000 });
  await openKeypad(page);
  await expect(page.getByText('密码连续输错 5 次，已锁定 5 分钟')).toBeVisible();
  await expect(page.getByRole('button', { name: '5', exact: true })).toBeDisabled();
});

test('the right PIN opens the panel: versions, storage, actions, test pattern', async ({ page, shot }) => {
  await page.goto('/?site=baihe');
  await expect(page.getByRole('button', { name: '点这里开始查询' })).toBeVisible({ timeout: 20_000 });
  await openKeypad(page);
  await typePin(page, PIN);
  const panel = page.getByRole('dialog', { name: '维护面板' });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('row', { name: /站点.*baihe/ })).toBeVisible();
  await expect(panel.getByRole('row', { name: /运行模式\s*触摸查询机/ })).toBeVisible();
  await expect(panel.getByRole('row', { name: /本机存储.*已用.*MB/ })).toBeVisible();
  await expect(panel.getByRole('row', { name: /检查结果\s*成功/ })).toBeVisible();
  for (const name of ['立即检查更新', '屏幕测试图', '导出播放记录（CSV）', '导出评价记录（CSV）', '电子显示屏']) {
    await expect(panel.getByRole('button', { name })).toBeVisible();
  }
  await shot('maintenance-panel');

  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: '导出评价记录（CSV）' }).tap();
  expect((await download).suggestedFilename()).toMatch(/^好差评-baihe-\d{4}-\d{2}-\d{2}\.csv$/);

  await panel.getByRole('button', { name: '屏幕测试图' }).tap();
  await expect(page.getByLabel('彩条测试图')).toBeVisible();
  await shot('maintenance-colour-bars');
  await page.getByLabel('彩条测试图').tap();
  const grid = page.getByLabel('触摸精度测试');
  await grid.getByRole('button').first().tap();
  await expect(grid.getByText(/偏差 \d+ 像素/)).toBeVisible();
  await expect(grid.getByText('已点 1 / 25')).toBeVisible();
  await shot('maintenance-touch-grid');
  await grid.getByRole('button', { name: '下一项：坏点检查' }).tap();
  for (const c of ['白色', '红色', '绿色', '蓝色', '黑色']) {
    await expect(page.getByLabel(`坏点检查：${c}`)).toBeVisible();
    await page.getByLabel(`坏点检查：${c}`).tap();
  }
  await expect(panel).toBeVisible();
  await panel.getByRole('button', { name: '退出维护' }).tap();
  await expect(panel).toHaveCount(0);
});

test('a device clock earlier than the publish time is flagged and published notices still show', async ({
  page,
  workDir,
  serveContent,
}, info) => {
  test.skip(info.project.name !== 'portrait', 'behaviour, not layout: portrait only');
  const dir = await copyPublished(join(workDir, 'content'));
  await editPublished(dir, {
    editBundle: (b) => {
      const a: Announcement = {
        id: 'clock-test',
        title: '冬季取暖补贴申领公告',
        html: '<p>请于十二月底前到民政窗口申领。</p>',
        text: '请于十二月底前到民政窗口申领。',
        publishAt: '2026-11-30T09:00+08:00',
        priority: 'normal',
      };
      return { ...b, announcements: [a, ...b.announcements] };
    },
  });
  const server = await serveContent(dir);
  // The kiosk lost its time in a power cut: it thinks it is June 2025.
  await page.clock.setFixedTime(new Date('2025-06-01T10:00:00+08:00'));
  await page.goto(`${server.url}/?site=baihe`);
  await page.getByRole('button', { name: '点这里开始查询' }).tap();
  await page.getByRole('button', { name: /^公示公告/ }).tap();
  await expect(page.getByRole('button', { name: /冬季取暖补贴申领公告/ })).toBeVisible();

  await openKeypad(page);
  await typePin(page, PIN);
  await expect(page.getByRole('row', { name: /本机时钟\s*本机时间比内容发布时间早/ })).toBeVisible();
});

test('the watchdog reloads a wall display that stopped changing, and logs why', async ({ page }, info) => {
  test.skip(info.project.name !== 'portrait', 'behaviour, not layout: portrait only');
  // Inside office hours (a Wednesday morning in Beijing), on a fake clock.
  await page.clock.install({ time: new Date('2026-12-02T09:30:00+08:00') });
  await page.goto('/?site=baihe&mode=display');
  await page.clock.runFor(2000);
  await expect(page.locator('.dsp-layer.is-front [data-slide]').first()).toBeVisible({ timeout: 20_000 });
  // The watchdog starts at an idle moment after the first screen: freeze the loop only once it runs.
  for (let i = 0; i < 20 && (await page.locator('html[data-background="started"]').count()) === 0; i++) await page.clock.runFor(500);
  await expect(page.locator('html')).toHaveAttribute('data-background', 'started');
  await page.evaluate(() => {
    (window as unknown as { stillHere: boolean }).stillHere = true;
    // The loop's timer chain breaks (what a frozen player looks like from the inside).
    window.setTimeout = (() => 0) as unknown as typeof window.setTimeout;
  });
  for (let m = 0; m < 12; m++) await page.clock.runFor(60_000);
  await page.waitForFunction(() => !(window as unknown as { stillHere?: boolean }).stillHere, undefined, { timeout: 20_000 });
  await page.clock.runFor(2000);
  const events = await page.evaluate(
    () => JSON.parse(localStorage.getItem('bianmin.events') ?? '[]') as { kind: string; message: string }[],
  );
  expect(events.some((e) => e.kind === 'reload' && /画面 1\d 分钟没有变化/.test(e.message))).toBe(true);
  await expect(page.locator('.dsp-layer.is-front [data-slide]').first()).toBeVisible({ timeout: 20_000 });
});
