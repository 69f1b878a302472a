/**
 * Kiosk search with the on-screen keyboard: initials and full pinyin, results
 * on every key, highlighted characters, popular items before typing, help when
 * nothing matches, hardware keyboard/IME input, documents by title and 文号.
 */
import { bottomBar, demoBundle, homeTile, openHome, rowButton, typeKeys } from './kiosk-helpers.ts';
import { expect, test } from './support/fixtures.ts';

test('initials on the on-screen keys find 低保 with the matched characters highlighted', async ({ page, shot }) => {
  const bundle = await demoBundle();
  const dibao = bundle.items.find((i) => i.keywords.includes('低保申请') || i.keywords.includes('低保'))!;
  await openHome(page);
  await homeTile(page, '搜索').tap();
  await expect(page.getByRole('heading', { name: '大家常查' })).toBeVisible();
  await shot('kiosk-search');

  await typeKeys(page, 'd');
  await expect(page.getByRole('heading', { name: /^找到 \d+ 项/ })).toBeVisible();
  const afterOne = await page.locator('.search-results .row-btn').count();
  await typeKeys(page, 'bsq');
  await expect(page.getByRole('searchbox')).toHaveValue('dbsq');
  const first = page.locator('.search-results .row-btn').first();
  await expect(first.locator('.row-title')).toHaveText(dibao.name);
  expect(await page.locator('.search-results .row-btn').count()).toBeLessThanOrEqual(afterOne);
  // The alias that matched is shown with its four characters highlighted.
  await expect(first.locator('mark')).toHaveText(['低保申请']);
  await shot('kiosk-search-results');

  await first.tap();
  await expect(page.getByRole('heading', { level: 1, name: dibao.name })).toBeVisible();
  // Back to the search: the letters are still there.
  await bottomBar(page).getByRole('button', { name: /返回/ }).tap();
  await expect(page.getByRole('searchbox')).toHaveValue('dbsq');
});

test('full pinyin finds the item too, 删除 and 清空 edit the letters', async ({ page }) => {
  const bundle = await demoBundle();
  const dibao = bundle.items.find((i) => i.keywords.includes('低保'))!;
  const yanglao = bundle.items.find((i) => i.keywords.includes('养老保险') || i.name.includes('养老保险'));
  await openHome(page);
  await homeTile(page, '搜索').tap();
  await typeKeys(page, 'dibao');
  await expect(rowButton(page, dibao.name)).toBeVisible();
  await expect(rowButton(page, dibao.name).locator('mark').first()).toHaveText('低保');

  await page.getByRole('button', { name: '删除' }).tap();
  await expect(page.getByRole('searchbox')).toHaveValue('diba');
  await page.getByRole('button', { name: '清空' }).tap();
  await expect(page.getByRole('searchbox')).toHaveValue('');
  await expect(page.getByRole('heading', { name: '大家常查' })).toBeVisible();

  if (yanglao) {
    await typeKeys(page, 'ylbx');
    await expect(rowButton(page, yanglao.name)).toBeVisible();
  }
});

test('no result: suggestions, other ways to find and the consultation phone', async ({ page, shot }) => {
  const bundle = await demoBundle();
  await openHome(page);
  await homeTile(page, '搜索').tap();
  await typeKeys(page, 'xqzv');
  await expect(page.getByRole('heading', { name: '没有找到“XQZV”' })).toBeVisible();
  await expect(page.getByText(bundle.site.phones.consultation.number)).toBeVisible();
  await expect(page.getByRole('button', { name: /按部门查找/ })).toBeVisible();
  // Suggestions: what fewer letters find.
  await expect(page.getByRole('heading', { name: /^只按“X[A-Z]*”能找到：|^您是不是要找：/ })).toBeVisible();
  expect(await page.locator('.suggestions .row-btn').count()).toBeGreaterThan(0);
  await shot('kiosk-search-none');
  await page.getByRole('button', { name: /按主题查找/ }).tap();
  await expect(page.getByRole('heading', { name: '按主题查询' })).toBeVisible();
});

test('a hardware keyboard or IME can type Chinese characters into the search field', async ({ page }) => {
  test.skip(test.info().project.name !== 'portrait', 'input, not layout: portrait only');
  const bundle = await demoBundle();
  const dibao = bundle.items.find((i) => i.keywords.includes('低保'))!;
  await openHome(page);
  await homeTile(page, '搜索').tap();
  await page.getByRole('searchbox').fill('低保');
  await expect(rowButton(page, dibao.name)).toBeVisible();
  await page.getByRole('searchbox').fill('');
  await page.getByRole('searchbox').pressSequentially('dibao');
  await expect(rowButton(page, dibao.name)).toBeVisible();
});

test('documents are found by title pinyin and by the digits of their 文号', async ({ page, shot }) => {
  const bundle = await demoBundle();
  expect(bundle.documents.length, 'the demo content has documents (content/documents)').toBeGreaterThan(0);
  const doc = bundle.documents.find((d) => /\d{4}/.test(d.number)) ?? bundle.documents[0];
  await openHome(page);
  await homeTile(page, '政府信息公开').tap();
  await expect(page.getByRole('heading', { name: '政府信息公开' })).toBeVisible();
  for (const d of bundle.documents) await expect(rowButton(page, d.title)).toBeVisible();
  await shot('kiosk-documents');

  const digits = doc.number.match(/\d+/g)!.join('');
  await typeKeys(page, digits);
  await expect(rowButton(page, doc.title)).toBeVisible();
  await expect(rowButton(page, doc.title).locator('mark').first()).toBeVisible();
  await page.getByRole('button', { name: '清空' }).tap();

  const entry = bundle.search.find((e) => e.ref === `doc:${doc.id}` && !e.alias);
  if (entry) {
    const initials = entry.readings
      .filter((r) => r.length > 0)
      .slice(0, 4)
      .map((r) => r[0][0])
      .join('');
    await typeKeys(page, initials);
    await expect(rowButton(page, doc.title)).toBeVisible();
  }
  await rowButton(page, doc.title).tap();
  await expect(page.getByRole('heading', { level: 1, name: doc.title })).toBeVisible();
  await expect(page.getByText(doc.number).first()).toBeVisible();
  await shot('kiosk-document');
});

test('one letter lists a screenful of rows first, 显示更多 lists the rest, the next key starts again', async ({ page }) => {
  test.skip(test.info().project.name !== 'portrait', 'behaviour, not layout: portrait only');
  await openHome(page);
  await homeTile(page, '搜索').tap();
  await typeKeys(page, 's');
  const heading = page.getByRole('heading', { name: /^找到 \d+ 项/ });
  await expect(heading).toBeVisible();
  const found = Number((await heading.innerText()).match(/找到 (\d+) 项/)![1]);
  expect(found, 'the demo content has more than a screenful of items with an S').toBeGreaterThan(10);
  const rows = page.locator('.search-results .row-btn');
  await expect(rows).toHaveCount(10);
  await page.getByRole('button', { name: `显示更多（还有 ${found - 10} 项）` }).tap();
  await expect(rows).toHaveCount(found);
  await expect(page.getByRole('button', { name: /^显示更多/ })).toHaveCount(0);
  await typeKeys(page, 'h');
  await expect(page.getByRole('searchbox')).toHaveValue('sh');
  await expect(page.locator('.search-results')).toHaveAttribute('data-query', 'sh');
  const foundNext = Number((await heading.innerText()).match(/找到 (\d+) 项/)![1]);
  await expect(rows).toHaveCount(Math.min(10, foundNext));
});
