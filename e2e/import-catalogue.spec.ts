/**
 * The Excel catalogue road end to end: a sheet made here (several sheets, the
 * department column merged) is imported into a copy of content/, the copy is
 * published with the real publisher, and a kiosk opened on it finds the
 * imported items by tapping (home → 按部门查询 → 民政 → item) and by the
 * search keys, showing what the sheet said.
 */
import { join } from 'node:path';
import { DISCLOSURE_FIELDS } from '../kiosk/src/bundle/schema.ts';
import { importCatalogue } from '../scripts/catalogue/import-catalogue.ts';
import { goodRow, table, writeXlsx } from '../scripts/catalogue/test-support.ts';
import { disclosureTexts, rowButton, tileButton, typeKeys } from './kiosk-helpers.ts';
import { copyContentSource, expect, publishInto, readSiteBundle, test } from './support/fixtures.ts';

const SITE = 'baihe';

const ROWS = [
  goodRow({
    事项编码: 'MZ-901',
    事项名称: '急难型临时救助申请',
    主管部门: '民政',
    办理主体: '乡镇人民政府（先行救助），县民政局备案',
    办理依据: '《社会救助暂行办法》第四十七条\n《四川省临时救助实施办法》第十二条',
    办理条件: '1.因火灾、交通事故等意外导致基本生活陷入困境 2.家庭成员突发重大疾病',
    申请材料: '临时救助申请书（现场填写）\n户口簿（原件1份、复印件1份）\n医疗费用票据（复印件2份，如有）',
    办理程序: '1.申请：向乡镇便民服务中心提出，也可由村代办员代为提交\n2.受理：材料齐全的当场受理\n3.先行救助：乡镇核实后先行发放救助金',
    办件类型: '承诺件',
    承诺时限: '3个工作日',
    法定时限: 5,
    办理结果: '先行发放急难型临时救助金',
    是否收费: '否',
    收费标准: '不收费',
    监督渠道: '县民政局监督电话 0839-5221104',
    办理层级: '乡镇和村（社区）',
    适用站点: '全部',
    关键词: '救急难、急难救助',
  }),
  goodRow({
    事项编码: 'MZ-902',
    事项名称: '困境儿童基本生活补贴申领',
    主管部门: null, // merged with the row above
    申请材料: '无',
    办理程序: '申请\n审核\n发放',
    承诺时限: 15,
    法定时限: 20,
    办理层级: '乡镇',
    适用站点: '白鹤镇、龙山镇',
    关键词: '困境儿童',
  }),
];

test('an item imported from an Excel catalogue is published and found on the kiosk by tapping', async ({
  page,
  workDir,
  serveContent,
  shot,
}) => {
  // Importing and publishing the whole demo county (the real CLI) comes before the kiosk part.
  test.setTimeout(180_000);
  // Import into a copy of the county's content.
  const content = await copyContentSource(join(workDir, 'content'));
  const file = join(workDir, '入驻项目目录清单.xlsx');
  await writeXlsx(file, [
    { name: '封面', rows: [['乡镇便民服务中心、村(社区)便民服务代办站入驻项目目录清单']] },
    { name: '目录清单', rows: table(ROWS), merges: ['D2:D3'] },
  ]);
  const plan = await importCatalogue({ file, contentDir: content });
  expect(plan.errors).toEqual([]);
  expect(plan.changes.map((c) => [c.code, c.status, c.file])).toEqual([
    ['MZ-901', 'added', 'items/minzheng/MZ-901.yaml'],
    ['MZ-902', 'added', 'items/minzheng/MZ-902.yaml'],
  ]);

  // Publish the copy and serve it with the built app.
  const out = join(workDir, 'published');
  await publishInto(out, content);
  const bundle = await readSiteBundle(out, SITE);
  const item = bundle.items.find((i) => i.code === 'MZ-901');
  expect(item, 'MZ-901 is in the 白鹤镇 bundle').toBeDefined();
  expect(item).toMatchObject({
    name: '急难型临时救助申请',
    departmentId: 'minzheng',
    basis: ['《社会救助暂行办法》第四十七条', '《四川省临时救助实施办法》第十二条'],
    conditions: ['因火灾、交通事故等意外导致基本生活陷入困境', '家庭成员突发重大疾病'],
    mode: '承诺件',
    promiseDays: 3,
    legalDays: 5,
    charged: false,
    supervision: '县民政局监督电话 0839-5221104',
    level: '乡镇和村(社区)',
  });
  expect(bundle.items.some((i) => i.code === 'MZ-902')).toBe(true);
  const dept = bundle.departments.find((d) => d.id === 'minzheng')!;
  const server = await serveContent(out);

  // home → 按部门查询 → 民政 → the imported item.
  await page.goto(`${server.url}/?site=${SITE}`);
  await page.getByRole('button', { name: '点这里开始查询' }).tap({ timeout: 20_000 });
  await expect(page.getByRole('heading', { name: '您好！请点一下您要办的事' })).toBeVisible();
  await page.getByRole('button', { name: /^按部门查询/ }).tap();
  await tileButton(page, dept.name).tap();
  await expect(page.getByRole('heading', { name: `${dept.name}的事项` })).toBeVisible();
  await expect(rowButton(page, '困境儿童基本生活补贴申领')).toBeVisible();
  await rowButton(page, item!.name).tap();
  await expect(page.getByRole('heading', { level: 1, name: '急难型临时救助申请' })).toBeVisible();
  await expect(page.getByText('承诺件 · 3个工作日内办结')).toBeVisible();

  // What to bring, as the sheet said: names, form, copies, 如有 → 视情况提供.
  const materials = page.locator('ul.materials > li');
  await expect(materials).toHaveCount(3);
  await expect(materials.nth(0)).toContainText('临时救助申请书');
  await expect(materials.nth(0)).toContainText('填写');
  await expect(materials.nth(1)).toContainText('户口簿');
  await expect(materials.nth(1)).toContainText('原件和复印件');
  await expect(materials.nth(2)).toContainText('医疗费用票据');
  await expect(materials.nth(2)).toContainText('复印件');
  await expect(materials.nth(2)).toContainText('2份');
  await expect(materials.nth(2)).toContainText('视情况提供');

  // The nine disclosure elements, with the sheet's texts.
  for (const f of DISCLOSURE_FIELDS) {
    const region = page.getByRole('region', { name: f.label, exact: true });
    await region.scrollIntoViewIfNeeded();
    for (const text of disclosureTexts(item!, f.key)) await expect(region).toContainText(text);
  }
  await expect(page.getByRole('region', { name: '办理依据', exact: true })).toContainText('《四川省临时救助实施办法》第十二条');
  await expect(page.getByRole('region', { name: '办理程序', exact: true })).toContainText('先行救助');
  await expect(page.getByRole('region', { name: '收费标准', exact: true })).toContainText('不收费');
  await expect(page.getByRole('region', { name: '监督渠道', exact: true })).toContainText('0839-5221104');
  await shot('import-catalogue-item');

  // The search keys find it by its initials, and by an alias from 关键词.
  await page.getByRole('navigation', { name: '导航' }).getByRole('button', { name: /首页/ }).tap();
  await page.getByRole('button', { name: /^搜索/ }).tap();
  await typeKeys(page, 'jnxl');
  await expect(rowButton(page, '急难型临时救助申请')).toBeVisible();
  await page.getByRole('button', { name: '清空' }).tap();
  await typeKeys(page, 'jjn');
  const hit = page.locator('.search-results .row-btn').filter({ hasText: '急难型临时救助申请' });
  await expect(hit).toBeVisible();
  await shot('import-catalogue-search');
  await hit.tap();
  await expect(page.getByRole('heading', { level: 1, name: '急难型临时救助申请' })).toBeVisible();
});
