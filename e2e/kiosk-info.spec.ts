/**
 * Information screens: staff board (on duty today, AB cover), announcements (validity respected,
 * urgent first, read aloud and stopped), centre information (open or closed now), a village
 * station. Each runs on its own fixed content (support/info-content.ts) under a fixed county
 * clock and asserts the literal text a resident reads.
 */
import type { Page } from '@playwright/test';
import { homeTile, openHome, rowButton, stubSpeech } from './kiosk-helpers.ts';
import { HIDDEN_NOTICES, LIVE_NOTICES, serveInfoContent, SUNDAY_10, WEDNESDAY_10 } from './support/info-content.ts';
import { expect, test } from './support/fixtures.ts';

const person = (page: Page, name: string) =>
  page.locator('.person').filter({ has: page.locator('.person-name', { hasText: new RegExp(`^${name}$`) }) });

test('staff board: photo, name, post, partner, on duty today, and who covers an absent A post', async ({
  page,
  shot,
  workDir,
  serveContent,
}) => {
  const query = await serveInfoContent(workDir, serveContent);
  await page.clock.install({ time: WEDNESDAY_10 });
  await openHome(page, { query });
  await homeTile(page, '窗口人员').tap();
  await expect(page.getByRole('heading', { level: 1, name: '窗口人员' })).toBeVisible();

  const one = page.getByRole('region', { name: '1号窗口 民政服务窗口' });
  await expect(one.locator('.cover')).toHaveText('今天A岗 刘丽 不在，由B岗 李强 代岗办理');
  await expect(person(page, '刘丽')).toContainText('窗口负责人');
  await expect(person(page, '刘丽')).toContainText('A岗（主办）');
  await expect(person(page, '刘丽')).toContainText('AB岗搭档：李强');
  await expect(person(page, '刘丽')).toContainText('今日不在岗（县里培训）');
  await expect(person(page, '李强')).toContainText('B岗（替补）');
  await expect(person(page, '李强')).toContainText('今日在岗');

  const two = page.getByRole('region', { name: '2号窗口 社保医保窗口' });
  await expect(two.locator('.cover')).toHaveText('今天由 王芳 为您办理');
  await expect(person(page, '王芳')).toContainText('今日在岗');
  await expect(person(page, '赵军')).toContainText('今日不在岗');

  // A photo where there is one (from IndexedDB), the first character of the name where there is none.
  const photo = person(page, '刘丽').getByRole('img', { name: '刘丽的照片' });
  await expect(photo).toBeVisible();
  expect(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(person(page, '李强').locator('.photo-none')).toHaveText('李');
  await shot('kiosk-staff');
});

test('announcements: expired ones hidden, future ones not yet shown, urgent first; read aloud and stop', async ({
  page,
  shot,
  workDir,
  serveContent,
}) => {
  const query = await serveInfoContent(workDir, serveContent);
  await stubSpeech(page);
  await page.clock.install({ time: WEDNESDAY_10 });
  await openHome(page, { query });
  await homeTile(page, '公示公告').tap();
  await expect(page.getByRole('heading', { level: 1, name: '公示公告' })).toBeVisible();
  await expect(page.locator('.row-list .row-title')).toHaveText(['紧急 明天上午停水通知', ...LIVE_NOTICES.slice(1)]);
  for (const title of HIDDEN_NOTICES) await expect(rowButton(page, title)).toHaveCount(0);
  await expect(rowButton(page, '低保年审结果公示').locator('.row-meta')).toHaveText('发布日期：2026年11月10日有效期至：2026年12月10日');
  await expect(rowButton(page, '冬季作息时间调整').locator('.row-meta')).toHaveText('发布日期：2026年11月20日');
  await shot('kiosk-announcements');

  await page.locator('button.row-btn', { hasText: '明天上午停水通知' }).tap();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('紧急 明天上午停水通知');
  await expect(page.locator('.screen-sub')).toHaveText('发布日期：2026年11月24日 · 有效期至：2026年11月27日');
  await expect(page.locator('.rich')).toHaveText('因管道检修，明天上午八点至十二点镇区停水。');
  await expect(page.locator('.rich script')).toHaveCount(0);

  await page.getByRole('button', { name: '朗读' }).tap();
  await expect(page.getByRole('button', { name: '停止朗读' })).toHaveAttribute('aria-pressed', 'true');
  expect(await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken)).toEqual([
    '明天上午停水通知。因管道检修，明天上午八点至十二点镇区停水。',
  ]);
  await page.getByRole('button', { name: '停止朗读' }).tap();
  await expect(page.getByRole('button', { name: '朗读' })).toHaveAttribute('aria-pressed', 'false');
  await shot('kiosk-announcement');
});

test('centre information: address, open or closed now, phones, opinion box, floor plan, stations', async ({
  page,
  shot,
  workDir,
  serveContent,
}) => {
  const query = await serveInfoContent(workDir, serveContent);
  await page.clock.install({ time: WEDNESDAY_10 });
  await openHome(page, { query });
  await homeTile(page, '办事指南/中心介绍').tap();
  await expect(page.getByRole('heading', { level: 1, name: '白鹤镇便民服务中心' })).toBeVisible();
  await expect(page.locator('.open-state')).toHaveText('现在正在办公，12:00 下班');
  await expect(page.getByRole('region', { name: '开放时间' })).toContainText('法定节假日按县政府安排轮值');
  const phones = page.getByRole('region', { name: '电话' }).locator('li');
  await expect(phones).toHaveText([
    '白鹤镇便民服务中心咨询电话：0839-5310001',
    '白鹤镇纪委监督举报电话：0839-5310012',
    /^政务服务便民热线：/,
    /^县政务服务监督举报电话：/,
  ]);
  await expect(page.locator('.floor-plan')).toContainText('1号');
  await expect(page.getByRole('region', { name: '村(社区)便民服务代办站' })).toContainText('清水村');
  await shot('kiosk-centre');

  await page.clock.setSystemTime(SUNDAY_10);
  await page.getByRole('navigation', { name: '导航' }).getByRole('button', { name: /返回/ }).tap();
  await homeTile(page, '办事指南/中心介绍').tap();
  await expect(page.locator('.open-state')).toHaveText('现在不办公，明天 08:30 开门');
});

test('a village station: where to go names its 代办员 and phone; the staff screen shows the agent and the township centre', async ({
  page,
  shot,
  workDir,
  serveContent,
}) => {
  const query = await serveInfoContent(workDir, serveContent);
  await openHome(page, { site: 'baihe-qingshui', query });
  await expect(page.locator('.top-bar')).toContainText('清水村');
  await page.getByRole('region', { name: '大家常办' }).getByRole('button').first().tap();
  const where = page.getByRole('region', { name: '去哪里办' });
  await expect(where).toContainText('本站代办员 陈代办（13800001111），由代办员代为提交至白鹤镇便民服务中心');
  await shot('kiosk-village-item');
  await page.getByRole('navigation', { name: '导航' }).getByRole('button', { name: /首页/ }).tap();
  await homeTile(page, '窗口人员').tap();
  await expect(page.getByRole('region', { name: '本站代办员' })).toContainText('陈代办');
  await expect(page.getByRole('region', { name: '本站代办员' }).locator('.photo-none')).toHaveText('陈');
  await expect(page.getByRole('region', { name: '上级便民服务中心' })).toContainText('白鹤镇便民服务中心');
  await shot('kiosk-village-staff');
});
