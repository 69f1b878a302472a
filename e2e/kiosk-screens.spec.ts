/**
 * Every kiosk screen, in normal and 长辈模式: axe-core finds no serious or
 * critical violation (in 长辈模式 also the 7:1 enhanced contrast rule), the
 * 适老化 numbers hold (text ≥ 24/32 px, line height ≥ 1.5, targets ≥ 64 px,
 * nothing clipped sideways), and a screenshot of each is saved — portrait,
 * landscape, and 1366×768.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { bottomBar, homeTile, openAttract, openHome, rowButton, sizeProblems, tileButton, typeKeys } from './kiosk-helpers.ts';
import { expect, shot, test } from './support/fixtures.ts';

interface Screen {
  name: string;
  /** From home, get to the screen. */
  go: (page: Page) => Promise<void>;
  /** Close what the screen left open (dialogs), so the bottom bar can be used again. */
  leave?: (page: Page) => Promise<void>;
}

/** A Wednesday morning on which the demo content's announcements below are live (and the header clock is the same in every run). */
const CLOCK = Date.parse('2026-11-25T10:00:00+08:00');

/** The screens, reached through literal names of the demo content (content/). */
function screens(): Screen[] {
  const item = '最低生活保障申请';
  const dept = '民政';
  return [
    { name: 'home', go: async () => {} },
    { name: 'departments', go: async (p) => homeTile(p, '按部门查询').tap() },
    {
      name: 'department-items',
      go: async (p) => {
        await homeTile(p, '按部门查询').tap();
        await tileButton(p, dept).tap();
      },
    },
    {
      name: 'item',
      go: async (p) => {
        await homeTile(p, '按部门查询').tap();
        await tileButton(p, dept).tap();
        await rowButton(p, item).tap();
      },
    },
    {
      name: 'item-qr',
      go: async (p) => {
        await p.getByRole('region', { name: '大家常办' }).getByRole('button').first().tap();
        await p.getByRole('button', { name: '扫码带走' }).tap();
      },
      leave: async (p) => p.getByRole('dialog').getByRole('button', { name: '关闭' }).tap(),
    },
    { name: 'topics', go: async (p) => homeTile(p, '按主题查询').tap() },
    { name: 'search', go: async (p) => homeTile(p, '搜索').tap() },
    {
      name: 'search-results',
      go: async (p) => {
        await homeTile(p, '搜索').tap();
        await typeKeys(p, 'db');
      },
    },
    {
      name: 'search-none',
      go: async (p) => {
        await homeTile(p, '搜索').tap();
        await typeKeys(p, 'xqzv');
      },
    },
    { name: 'announcements', go: async (p) => homeTile(p, '公示公告').tap() },
    { name: 'documents', go: async (p) => homeTile(p, '政府信息公开').tap() },
    { name: 'staff', go: async (p) => homeTile(p, '窗口人员').tap() },
    { name: 'centre', go: async (p) => homeTile(p, '办事指南/中心介绍').tap() },
    {
      name: 'evaluate',
      go: async (p) => {
        await homeTile(p, '意见与评价').tap();
        await p.getByRole('radio', { name: /^不满意/ }).tap();
      },
    },
    {
      name: 'thanks',
      go: async (p) => {
        await homeTile(p, '意见与评价').tap();
        await p.getByRole('radio', { name: /^满意/ }).tap();
        await p.getByRole('button', { name: '提交评价' }).tap();
        await expect(p.getByRole('heading', { name: '谢谢您的评价！' })).toBeVisible();
      },
    },
    {
      name: 'topic',
      go: async (p) => {
        await homeTile(p, '按主题查询').tap();
        await tileButton(p, '生孩子').tap();
      },
    },
    {
      name: 'document',
      go: async (p) => {
        await homeTile(p, '政府信息公开').tap();
        await rowButton(p, '云溪县政务服务中心关于印发《乡镇便民服务中心AB岗和节假日轮值制度》的通知').tap();
      },
    },
    {
      name: 'announcement',
      go: async (p) => {
        await homeTile(p, '公示公告').tap();
        await rowButton(p, '寒潮来袭，请做好防寒防冻').tap();
      },
    },
  ];
}

async function axeProblems(page: Page, elder: boolean): Promise<string[]> {
  let builder = new AxeBuilder({ page }).include('.kiosk');
  if (elder) builder = builder.options({ rules: { 'color-contrast-enhanced': { enabled: true } } });
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join(' | ')}`,
    );
}

async function checkScreen(page: Page, label: string, elder: boolean) {
  await page.waitForTimeout(50);
  expect(await axeProblems(page, elder), `axe on ${label}`).toEqual([]);
  expect(await sizeProblems(page, elder ? 32 : 24), `sizes on ${label}`).toEqual([]);
  // No dead end: home and back (or the attract start) are always reachable.
  await expect(bottomBar(page).getByRole('button', { name: /首页/ })).toBeVisible();
  await expect(bottomBar(page).getByRole('button', { name: /长辈模式/ })).toBeVisible();
  await shot(page, `kiosk-screen-${label}`);
}

for (const elder of [false, true]) {
  test(`every screen ${elder ? 'in 长辈模式 ' : ''}passes axe and the 适老化 numbers`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.clock.install({ time: CLOCK });
    await openHome(page, { elder });
    for (const s of screens()) {
      await bottomBar(page).getByRole('button', { name: /首页/ }).tap();
      await s.go(page);
      await checkScreen(page, `${s.name}${elder ? '-elder' : ''}`, elder);
      await s.leave?.(page);
    }
  });
}

test('attract screen and idle prompt pass axe', async ({ page }) => {
  await page.clock.install();
  await openAttract(page, '&idle=30');
  expect(await axeProblems(page, false)).toEqual([]);
  await shot(page, 'kiosk-screen-attract');
  await page.getByRole('button', { name: '点这里开始查询' }).tap();
  await page.clock.runFor(31_000);
  await expect(page.getByRole('alertdialog', { name: '还在使用吗？' })).toBeVisible();
  expect(await axeProblems(page, false)).toEqual([]);
  await shot(page, 'kiosk-screen-idle-prompt');
});

test('1366×768: every screen fits without clipping, in both modes', async ({ page }) => {
  test.skip(test.info().project.name !== 'landscape', 'a landscape size');
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.clock.install({ time: CLOCK });
  for (const elder of [false, true]) {
    await openHome(page, { elder });
    for (const s of screens()) {
      await bottomBar(page).getByRole('button', { name: /首页/ }).tap();
      await s.go(page);
      const label = `${s.name}${elder ? '-elder' : ''}`;
      expect(await sizeProblems(page, elder ? 32 : 24), `sizes on ${label} at 1366×768`).toEqual([]);
      await expect(bottomBar(page)).toBeInViewport();
      await shot(page, `kiosk-1366-${label}`);
      await s.leave?.(page);
    }
  }
});
