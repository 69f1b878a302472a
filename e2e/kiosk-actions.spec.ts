/**
 * Item actions: read aloud (speech stubbed; and the explanation when there is
 * no Chinese voice), QR to take the item away, print the materials list, and
 * the 好差评 evaluation stored in IndexedDB across a reload.
 */
import type { Page } from '@playwright/test';
import { encode } from 'uqr';
import { demoBundle, openHome, homeTile, rowButton, stubSpeech } from './kiosk-helpers.ts';
import { expect, test } from './support/fixtures.ts';

async function openItem(page: Page, code: string) {
  const bundle = await demoBundle();
  const item = bundle.items.find((i) => i.code === code)!;
  await openHome(page);
  await homeTile(page, '按部门查询').tap();
  await page
    .locator('button.tile')
    .filter({ hasText: bundle.departments.find((d) => d.id === item.departmentId)!.name })
    .first()
    .tap();
  await rowButton(page, item.name).tap();
  await expect(page.getByRole('heading', { level: 1, name: item.name })).toBeVisible();
  return { bundle, item };
}

test('扫码带走 shows a QR code that encodes the public URL of the item, and the URL as text', async ({ page, shot }) => {
  const { bundle, item } = await openItem(page, 'MZ-001');
  await page.getByRole('button', { name: '扫码带走' }).tap();
  const dialog = page.getByRole('dialog', { name: '用手机扫码带走' });
  await expect(dialog).toBeVisible();
  const url = `${bundle.county.publicItemUrl}${item.code}`;
  await expect(dialog.getByText(url)).toBeVisible();
  await shot('kiosk-item-qr');

  // Read the dark modules back from the SVG and compare with an independent encoding of the URL.
  const svg = dialog.getByRole('img', { name: /二维码/ });
  const d = await svg.locator('path').getAttribute('d');
  const box = (await svg.getAttribute('viewBox'))!.split(' ').map(Number);
  const dark = new Set([...d!.matchAll(/M(\d+) (\d+)/g)].map((m) => `${m[1]},${m[2]}`));
  const expected = encode(url, { ecc: 'M', border: 2 });
  expect(box[2]).toBe(expected.size);
  const want = new Set<string>();
  expected.data.forEach((row, y) => row.forEach((on, x) => on && want.add(`${x},${y}`)));
  expect(dark).toEqual(want);

  await dialog.getByRole('button', { name: '关闭' }).tap();
  await expect(dialog).toHaveCount(0);
});

test('打印材料清单 prints only the materials list', async ({ page, shot }) => {
  await page.addInitScript(() => {
    (window as unknown as { __printed: number }).__printed = 0;
    window.print = () => void (window as unknown as { __printed: number }).__printed++;
  });
  const { item } = await openItem(page, 'MZ-001');
  await page.getByRole('button', { name: '打印材料清单' }).tap();
  expect(await page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);

  await page.emulateMedia({ media: 'print' });
  const sheet = page.locator('.print-sheet');
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('材料清单（一次告知）');
  await expect(sheet).toContainText(item.name);
  for (const m of item.materials) await expect(sheet).toContainText(m.name);
  await expect(sheet).toContainText(item.where);
  await expect(page.getByRole('navigation', { name: '导航' })).toBeHidden();
  await expect(page.locator('.top-bar')).toBeHidden();
  await expect(page.getByRole('button', { name: '扫码带走' })).toBeHidden();
  await expect(page.getByRole('region', { name: '办理主体' })).toBeHidden();
  await page.screenshot({ path: test.info().outputPath('print.png') });
  await shot('kiosk-item-print');

  // An 80 mm receipt printer gives a page about 72 mm wide: the compact receipt layout applies.
  const fontPx = () => sheet.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const a4 = await fontPx();
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 272, height: 1200 });
  expect(await fontPx()).toBeLessThan(a4);
  await expect(sheet).toContainText(item.materials[0].name);
  await shot('kiosk-item-print-80mm');
  await page.setViewportSize(viewport);

  await page.emulateMedia({ media: 'screen' });
  await expect(sheet).toBeHidden();
  await expect(page.getByRole('button', { name: '扫码带走' })).toBeVisible();
});

test('朗读 reads the item in Chinese (speech stubbed)', async ({ page }) => {
  await stubSpeech(page);
  const { item } = await openItem(page, 'MZ-001');
  const button = page.getByRole('button', { name: '朗读' });
  await expect(button).not.toContainText('本机没有中文语音');
  await button.tap();
  const spoken = await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken);
  expect(spoken).toHaveLength(1);
  expect(spoken[0]).toContain(item.name);
  expect(spoken[0]).toContain(item.materials[0].name);
  expect(spoken[0]).toContain(item.where);
  await expect(page.getByRole('button', { name: '停止朗读' })).toHaveAttribute('aria-pressed', 'true');
});

test('朗读 without a Chinese voice explains itself in Chinese', async ({ page, shot }) => {
  await openItem(page, 'MZ-001');
  const button = page.getByRole('button', { name: /朗读/ });
  await expect(button).toContainText('本机没有中文语音');
  await button.tap();
  const dialog = page.getByRole('dialog', { name: '暂时不能朗读' });
  await expect(dialog).toContainText('中文语音');
  await shot('kiosk-item-no-voice');
  await dialog.getByRole('button', { name: '知道了' }).tap();
  await expect(dialog).toHaveCount(0);
});

async function storedEvaluations(page: Page) {
  return page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const req = indexedDB.open('bianmin-kiosk');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const get = db.transaction('evaluations').objectStore('evaluations').getAll();
          get.onsuccess = () => {
            resolve(get.result);
            db.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

test('评价此事项: a 差评 asks for a reason, is stored in IndexedDB and survives a reload', async ({ page, shot }) => {
  const { item } = await openItem(page, 'MZ-001');
  await page.getByRole('button', { name: '评价此事项' }).tap();
  await expect(page.getByRole('heading', { name: '意见与评价（好差评）' })).toBeVisible();
  await expect(page.getByRole('button', { name: new RegExp(`事项：${item.name}`) })).toHaveAttribute('aria-pressed', 'true');
  // Five levels with faces and words.
  const levels = page.getByRole('radiogroup', { name: '2. 您满意吗？' }).getByRole('radio');
  await expect(levels).toHaveText(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);

  await page.getByRole('radio', { name: /^非常不满意/ }).tap();
  const submit = page.getByRole('button', { name: '提交评价' });
  await expect(submit).toBeDisabled();
  await expect(page.getByText('请点一下不满意的原因')).toBeVisible();
  await page.getByRole('button', { name: '等候时间太长' }).tap();
  await page.getByRole('button', { name: '让我跑了多次' }).tap();
  await shot('kiosk-evaluate');
  await submit.tap();
  await expect(page.getByRole('heading', { name: '谢谢您的评价！' })).toBeVisible();
  await shot('kiosk-thanks');

  const check = (list: unknown[]) => {
    const e = list.find((x) => (x as { target: { id?: string } }).target.id === item.code) as Record<string, unknown> | undefined;
    expect(e).toBeTruthy();
    expect(e).toMatchObject({
      level: 1,
      reasons: ['等候时间太长', '让我跑了多次'],
      siteCode: 'baihe',
      target: { kind: 'item', id: item.code, name: item.name },
    });
    expect(typeof e!.at).toBe('number');
  };
  check(await storedEvaluations(page));
  await page.reload();
  await expect(page.getByRole('button', { name: '点这里开始查询' })).toBeVisible();
  check(await storedEvaluations(page));

  // Thank-you leads home.
  await page.getByRole('button', { name: '点这里开始查询' }).tap();
  await homeTile(page, '意见与评价').tap();
  await page.getByRole('radio', { name: /^非常满意/ }).tap();
  await page.getByRole('button', { name: '提交评价' }).tap();
  await page.getByRole('button', { name: '回到首页' }).tap();
  await expect(page.getByRole('heading', { name: '您好！请点一下您要办的事' })).toBeVisible();
  const all = await storedEvaluations(page);
  expect(
    all.some(
      (x) => (x as { level: number; target: { kind: string } }).level === 5 && (x as { target: { kind: string } }).target.kind === 'centre',
    ),
  ).toBe(true);
});
