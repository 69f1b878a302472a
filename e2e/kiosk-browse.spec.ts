/**
 * Kiosk mode: finding an item by tapping — home → department → item with all
 * nine disclosure elements; life-event topics in order; every item within
 * three taps of home; no dead ends (home and back always there).
 */
import { DISCLOSURE_FIELDS } from '../kiosk/src/bundle/schema.ts';
import { bottomBar, demoBundle, disclosureTexts, homeTile, openAttract, openHome, rowButton, tileButton } from './kiosk-helpers.ts';
import { expect, test } from './support/fixtures.ts';

test('home → 按部门查询 → 民政 → 最低生活保障: all nine disclosure elements, in order', async ({ page, shot }) => {
  const bundle = await demoBundle();
  const item = bundle.items.find((i) => i.code === 'MZ-001')!;
  const dept = bundle.departments.find((d) => d.id === item.departmentId)!;
  await openHome(page);
  await shot('kiosk-home');

  await homeTile(page, '按部门查询').tap();
  await expect(page.getByRole('heading', { name: '按部门查询' })).toBeVisible();
  await shot('kiosk-departments');
  await tileButton(page, dept.name).tap();
  await expect(page.getByRole('heading', { name: `${dept.name}的事项` })).toBeVisible();
  await shot('kiosk-department-items');
  await rowButton(page, item.name).tap();

  // Three taps from home: the item.
  await expect(page.getByRole('heading', { level: 1, name: item.name })).toBeVisible();
  await expect(page.getByText(item.mode === '即办件' ? '即办件 · 当场办结' : `承诺件 · ${item.promiseDays}个工作日内办结`)).toBeVisible();
  await expect(page.getByText(item.where).first()).toBeVisible();
  for (const m of item.materials) await expect(page.getByText(m.name, { exact: false }).first()).toBeVisible();
  const optional = item.materials.filter((m) => m.optional).length;
  await expect(page.locator('.materials').getByText('视情况提供')).toHaveCount(optional);

  const labels = await page.locator('.disclosure section.field h3').allTextContents();
  expect(labels).toEqual(DISCLOSURE_FIELDS.map((f) => f.label));
  for (const f of DISCLOSURE_FIELDS) {
    const region = page.getByRole('region', { name: f.label, exact: true });
    await region.scrollIntoViewIfNeeded();
    await expect(region).toBeVisible();
    for (const text of disclosureTexts(item, f.key)) await expect(region).toContainText(text);
  }
  // The procedure is drawn as a numbered step diagram.
  await expect(page.getByRole('list', { name: '办理流程图' }).getByRole('listitem')).toHaveCount(item.steps.length);
  await shot('kiosk-item');

  // Back goes one screen back; home goes home.
  await bottomBar(page).getByRole('button', { name: /返回/ }).tap();
  await expect(page.getByRole('heading', { name: `${dept.name}的事项` })).toBeVisible();
  await bottomBar(page).getByRole('button', { name: /首页/ }).tap();
  await expect(page.getByRole('heading', { name: '您好！请点一下您要办的事' })).toBeVisible();
});

test('a life-event topic lists its items in the order a resident meets them', async ({ page, shot }) => {
  const bundle = await demoBundle();
  expect(bundle.topics.length, 'the demo content has topics (content/topics.yaml)').toBeGreaterThan(0);
  const topic = bundle.topics.find((t) => t.items.length >= 2) ?? bundle.topics[0];
  const names = topic.items.map((c) => bundle.items.find((i) => i.code === c)?.name).filter((n): n is string => !!n);
  await openHome(page);
  await homeTile(page, '按主题查询').tap();
  await expect(page.getByRole('heading', { name: '按主题查询' })).toBeVisible();
  await shot('kiosk-topics');
  await tileButton(page, topic.name).tap();
  await expect(page.getByRole('heading', { level: 1, name: topic.name })).toBeVisible();
  const rows = page.locator('.row-list .row-title');
  await expect(rows).toHaveCount(names.length);
  const shown = await rows.allTextContents();
  shown.forEach((text, i) => expect(text).toBe(`第${i + 1}步：${names[i]}`));
  await shot('kiosk-topic');
  await rowButton(page, names[0]).tap();
  await expect(page.getByRole('heading', { level: 1, name: names[0] })).toBeVisible();
});

test('every item of the site is within three taps of home (home → department → item)', async ({ page }) => {
  test.skip(test.info().project.name !== 'portrait', 'structure, not layout: portrait only');
  const bundle = await demoBundle();
  await openHome(page);
  const seen = new Set<string>();
  for (const dept of bundle.departments) {
    const items = bundle.items.filter((i) => i.departmentId === dept.id);
    if (items.length === 0) continue;
    await bottomBar(page).getByRole('button', { name: /首页/ }).tap();
    await homeTile(page, '按部门查询').tap();
    await tileButton(page, dept.name).tap();
    const titles = await page.locator('.row-list .row-title').allTextContents();
    for (const i of items) {
      expect(titles, `${dept.name} lists ${i.name}`).toContain(i.name);
      seen.add(i.code);
    }
  }
  expect(seen.size).toBe(bundle.items.length);
});

test('the popular matters on home open an item in one tap', async ({ page }) => {
  const bundle = await demoBundle();
  const top = [...bundle.items].sort((a, b) => (b.popularity ?? 0) - (a.popularity ?? 0))[0];
  await openHome(page);
  // Shown by the name residents use (低保), with the official name.
  const popular = page.getByRole('region', { name: '大家常办' });
  if (top.keywords[0] && !top.name.startsWith(top.keywords[0]))
    await expect(popular.getByRole('button').first()).toContainText(top.keywords[0]);
  await popular.getByRole('button', { name: top.name }).tap();
  await expect(page.getByRole('heading', { level: 1, name: top.name })).toBeVisible();
});

test('the attract screen offers the popular matters by their everyday names: one tap to 低保', async ({ page }) => {
  await openAttract(page);
  await page
    .getByRole('region', { name: /大家常办/ })
    .getByRole('button', { name: /^低保/ })
    .tap();
  await expect(page.getByRole('heading', { level: 1, name: '最低生活保障申请' })).toBeVisible();
  // A fresh visit: back leads home.
  await bottomBar(page).getByRole('button', { name: /返回/ }).tap();
  await expect(page.getByRole('heading', { name: '您好！请点一下您要办的事' })).toBeVisible();
});

test('返回 comes back to the same place in a long list', async ({ page }) => {
  const bundle = await demoBundle();
  const counts = bundle.departments
    .map((d) => ({ d, n: bundle.items.filter((i) => i.departmentId === d.id).length }))
    .sort((a, b) => b.n - a.n);
  const dept = counts[0].d;
  await openHome(page);
  await homeTile(page, '按部门查询').tap();
  await tileButton(page, dept.name).tap();
  const main = page.locator('main.screen');
  const room = await main.evaluate((el) => el.scrollHeight - el.clientHeight);
  test.skip(room < 200, 'the longest department list fits on the screen');
  await main.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  const at = await main.evaluate((el) => el.scrollTop);
  await page.locator('.row-list .row-btn').last().tap();
  await expect(page.locator('.item-detail')).toBeVisible();
  expect(await main.evaluate((el) => el.scrollTop)).toBe(0);
  await bottomBar(page).getByRole('button', { name: /返回/ }).tap();
  await expect(page.getByRole('heading', { name: `${dept.name}的事项` })).toBeAttached();
  await expect.poll(() => main.evaluate((el) => el.scrollTop)).toBeGreaterThan(at - 5);
});
