import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadContent } from '../content/load-content.ts';
import { validateContent } from '../content/validate-content.ts';
import type { ItemSource } from '../content/source-types.ts';
import { importCatalogue } from './import-catalogue.ts';
import type { ImportPlan } from './plan-import.ts';
import { goodRow, HEADERS, makeContent, snapshot, table, tempDir, writeCsv, writeXlsx, type RowValues } from './test-support.ts';

// Writing and reading workbooks (and starting the CLI) takes seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

let dir: string;
let content: string;

beforeEach(async () => {
  dir = await tempDir();
  content = await makeContent(path.join(dir, 'content'));
});

const item = async (rel: string): Promise<ItemSource> => parse(await readFile(path.join(content, rel), 'utf8'));
const counts = (p: ImportPlan) => ({
  added: p.changes.filter((c) => c.status === 'added').length,
  updated: p.changes.filter((c) => c.status === 'updated').length,
  unchanged: p.changes.filter((c) => c.status === 'unchanged').length,
});

/** Three items; 主管部门 merged over the two 民政 rows. */
const ROWS: RowValues[] = [
  goodRow(),
  goodRow({
    事项编码: 'MZ-102',
    事项名称: '高龄津贴申领',
    主管部门: null,
    申请材料: '无',
    办理程序: '申请\n审核',
    办件类型: '即办件',
    承诺时限: '',
    法定时限: '',
    办理层级: '村（社区）',
    关键词: '高龄津贴，老年人补贴',
  }),
  goodRow({
    事项编码: 'JS-101',
    事项名称: '再生育审批',
    事项类型: '行政确认',
    主管部门: '计生',
    办理程序: '（1）申请（2）审核（3）审批',
    是否收费: '是',
    收费依据: '《四川省行政事业性收费目录》',
    收费标准: '工本费5元',
    监督渠道: '县卫健局 0839-5221101',
    咨询电话: 5221101,
    办理层级: '乡镇',
    适用站点: '白鹤镇、taoyuan',
    关键词: '',
  }),
];

async function importXlsx(rows: RowValues[] = ROWS, extra: Partial<Parameters<typeof importCatalogue>[0]> = {}) {
  const file = path.join(dir, '目录清单.xlsx');
  await writeXlsx(file, [
    { name: '说明', rows: [['填写说明'], ['第 1 行是表头']] },
    { name: '目录清单', rows: table(rows), merges: rows === ROWS ? ['D2:D3'] : [] },
    { name: '旧版', rows: table([goodRow({ 事项编码: 'OLD-1' })]), hidden: true },
  ]);
  return importCatalogue({ file, contentDir: content, ...extra });
}

async function importCsvRows(rows: RowValues[], headers: string[] = HEADERS) {
  const file = path.join(dir, `清单-${Math.random().toString(36).slice(2)}.csv`);
  await writeCsv(file, table(rows, headers), 'utf-8-bom');
  return importCatalogue({ file, contentDir: content });
}

describe('clean import', () => {
  it('the fixture content folder is valid for the publisher', async () => {
    expect(validateContent(await loadContent(content))).toEqual([]);
  });

  it('imports an xlsx with several sheets and a merged department column', async () => {
    const plan = await importXlsx();
    expect(plan.errors).toEqual([]);
    expect(plan.ok).toBe(true);
    expect(plan.source).toMatchObject({ format: 'xlsx', sheet: '目录清单', rows: 3 });
    expect(counts(plan)).toEqual({ added: 3, updated: 0, unchanged: 0 });
    expect(plan.notices).toContain('使用工作表「目录清单」（第 1 行是表头）');
    expect(plan.notices).toContain('内容文件夹中另有 1 个事项不在本表中，保持不变（导入不会删除事项）');

    const a = await item('items/minzheng/MZ-101.yaml');
    expect(a).toMatchObject({
      code: 'MZ-101',
      name: '临时救助申请',
      type: '行政给付',
      department: 'minzheng',
      basis: ['《社会救助暂行办法》第四十七条', '《四川省临时救助实施办法》'],
      conditions: ['因意外事件导致基本生活暂时出现严重困难'],
      materials: [
        { name: '临时救助申请书', form: '填写', copies: 1 },
        { name: '户口簿', form: '原件和复印件', copies: 1 },
        { name: '身份证', form: '原件', copies: 1 },
      ],
      steps: ['申请', '受理', '审批'],
      mode: '承诺件',
      promiseDays: 10,
      legalDays: 20,
      fee: { charged: false },
      level: '乡镇和村(社区)',
      sites: 'all',
      keywords: ['临时救助', '急难救助'],
    });
    expect(a).not.toHaveProperty('supervision');
    expect(a).not.toHaveProperty('phone');

    // The merged 主管部门 cell applies to row 3 too.
    const b = await item('items/minzheng/MZ-102.yaml');
    expect(b).toMatchObject({
      department: 'minzheng',
      materials: [],
      mode: '即办件',
      level: '村(社区)',
      keywords: ['高龄津贴', '老年人补贴'],
    });
    expect(b).not.toHaveProperty('promiseDays');
    expect(b).not.toHaveProperty('legalDays');

    const c = await item('items/jisheng/JS-101.yaml');
    expect(c).toMatchObject({
      steps: ['申请', '审核', '审批'],
      fee: { charged: true, basis: '《四川省行政事业性收费目录》', standard: '工本费5元' },
      supervision: '县卫健局 0839-5221101',
      phone: '5221101',
      sites: ['baihe', 'taoyuan'],
    });
    expect(c).not.toHaveProperty('keywords');

    // The publisher accepts the result.
    expect(validateContent(await loadContent(content))).toEqual([]);
  });

  it('importing the same file twice changes nothing the second time (byte-identical files)', async () => {
    await importXlsx();
    const before = await snapshot(content);
    const second = await importXlsx();
    expect(second.ok).toBe(true);
    expect(counts(second)).toEqual({ added: 0, updated: 0, unchanged: 3 });
    expect(second.writes).toEqual([]);
    expect(await snapshot(content)).toEqual(before);
  });

  it('CSV in UTF-8 with BOM, UTF-8 and GBK give the same files as xlsx', async () => {
    const rows = ROWS.map((r, i) => (i === 1 ? { ...r, 主管部门: '民政' } : r));
    await importXlsx();
    const fromXlsx = await snapshot(content);
    for (const encoding of ['utf-8-bom', 'utf-8', 'gbk', 'gb18030'] as const) {
      const other = await makeContent(path.join(await tempDir(), 'content'));
      const file = path.join(dir, `清单-${encoding}.csv`);
      await writeCsv(file, table(rows), encoding);
      const plan = await importCatalogue({ file, contentDir: other });
      expect(plan.errors, encoding).toEqual([]);
      expect(plan.source.encoding).toBe(encoding === 'gbk' ? 'gb18030' : encoding);
      expect(await snapshot(other), encoding).toEqual(fromXlsx);
    }
  });

  it('reads columns in any order, with tolerated header spellings, and ignores extra columns with a notice', async () => {
    const headers = [...HEADERS].reverse().map((h, i) => (i % 3 === 0 ? ` ${h}（必填）` : i % 3 === 1 ? `${h}(必填)` : h));
    const row: RowValues = {};
    for (const [k, v] of Object.entries(goodRow())) row[headers.find((h) => h.includes(k))!] = v;
    row['备注'] = '内部备注';
    const plan = await importCsvRows([row], [...headers, '备注', '', '']);
    expect(plan.errors).toEqual([]);
    expect(plan.notices).toContain('已忽略不认识的列「备注」（V 列）');
    expect((await item('items/minzheng/MZ-101.yaml')).materials).toHaveLength(3);
  });

  it('notes content in a column without header', async () => {
    const file = path.join(dir, 'x.csv');
    const t = table([goodRow()]);
    t[1].push('', '多出来的内容');
    await writeCsv(file, t, 'utf-8');
    const plan = await importCatalogue({ file, contentDir: content });
    expect(plan.ok).toBe(true);
    expect(plan.notices).toContain('W 列没有表头，其中的内容已忽略');
  });
});

describe('updating existing items', () => {
  it('keeps hand-written fields, comments and formatting the sheet has no column for', async () => {
    const rel = 'items/minzheng/MZ-001.yaml';
    const original = await readFile(path.join(content, rel), 'utf8');
    const plan = await importCsvRows([
      goodRow({
        事项编码: 'MZ-001',
        事项名称: '最低生活保障申请（城乡低保）',
        申请材料: '最低生活保障申请书\n户口簿（原件1份、复印件2份）\n收入证明（原件）',
        办理程序: '申请\n审批：县民政局审批',
        承诺时限: 20,
        法定时限: 30,
      }),
    ]);
    expect(plan.errors).toEqual([]);
    expect(counts(plan)).toEqual({ added: 0, updated: 1, unchanged: 0 });
    expect(plan.changes[0].fields).toEqual(['name', 'basis', 'conditions', 'materials', 'steps', 'result', 'keywords']);
    const text = await readFile(path.join(content, rel), 'utf8');
    expect(text).not.toBe(original);
    // Comments survive.
    expect(text).toContain('# 手写的事项文件（测试夹具）');
    expect(text).toContain('# 常见问题是手工补充的，表格里没有这一列');
    const it = parse(text) as ItemSource;
    expect(it.name).toBe('最低生活保障申请（城乡低保）');
    expect(it.materials).toEqual([
      // note added by hand, form kept (the sheet gives none for this material)
      { name: '最低生活保障申请书', form: '填写', copies: 1, note: '窗口免费提供空白表和样表' },
      { name: '户口簿', form: '原件和复印件', copies: 2 },
      { name: '收入证明', form: '原件', copies: 1 },
    ]);
    expect(it.steps).toEqual([
      { title: '申请', detail: '向乡镇便民服务中心提出书面申请', actor: '申请人' },
      { title: '审批', detail: '县民政局审批', actor: '县民政局', days: 3 },
    ]);
    expect(it.faq).toEqual([{ q: '低保多久复核一次？', a: '每年复核一次。' }]);
    expect(it.popularity).toBe(95);
    // Key order is kept: faq and popularity stay at the end, code first.
    expect(Object.keys(it)).toEqual(Object.keys(parse(original)));

    const again = await importCsvRows([
      goodRow({
        事项编码: 'MZ-001',
        事项名称: '最低生活保障申请（城乡低保）',
        申请材料: '最低生活保障申请书\n户口簿（原件1份、复印件2份）\n收入证明（原件）',
        办理程序: '申请\n审批：县民政局审批',
        承诺时限: 20,
        法定时限: 30,
      }),
    ]);
    expect(counts(again)).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect(await readFile(path.join(content, rel), 'utf8')).toBe(text);
  });

  it('keeps notes added by hand to an imported item on re-import', async () => {
    await importXlsx();
    const rel = 'items/minzheng/MZ-101.yaml';
    const text = await readFile(path.join(content, rel), 'utf8');
    const edited = text
      .replace(
        '{ name: 户口簿, form: 原件和复印件, copies: 1 }',
        '{ name: 户口簿, form: 原件和复印件, copies: 1, note: 需户主页和本人页 } # 手工补充',
      )
      .concat('faq:\n  - { q: 可以代办吗？, a: 可以由村代办员代办。 }\n');
    expect(edited).not.toBe(text);
    await writeFile(path.join(content, rel), edited);
    const plan = await importXlsx();
    expect(counts(plan)).toEqual({ added: 0, updated: 0, unchanged: 3 });
    expect(await readFile(path.join(content, rel), 'utf8')).toBe(edited);

    const changed = await importXlsx(
      ROWS.map((r, i) => (i === 0 ? { ...r, 办理结果: '发放临时救助金或实物' } : i === 1 ? { ...r, 主管部门: '民政' } : r)),
    );
    expect(counts(changed)).toEqual({ added: 0, updated: 1, unchanged: 2 });
    const after = await readFile(path.join(content, rel), 'utf8');
    expect(after).toContain('note: 需户主页和本人页');
    expect(after).toContain('# 手工补充');
    expect(after).toContain('可以由村代办员代办。');
    expect(parse(after).result).toBe('发放临时救助金或实物');
  });

  it('moves an item to its new department folder when 主管部门 changes', async () => {
    const plan = await importCsvRows([
      goodRow({ 事项编码: 'MZ-001', 事项名称: '最低生活保障申请', 主管部门: '计生', 承诺时限: 20, 法定时限: 30 }),
    ]);
    expect(plan.errors).toEqual([]);
    expect(plan.changes[0]).toMatchObject({
      status: 'updated',
      file: 'items/jisheng/MZ-001.yaml',
      movedFrom: 'items/minzheng/MZ-001.yaml',
    });
    const files = Object.keys(await snapshot(content));
    expect(files).toContain('items/jisheng/MZ-001.yaml');
    expect(files).not.toContain('items/minzheng/MZ-001.yaml');
    expect(validateContent(await loadContent(content))).toEqual([]);
  });

  it('turning a 承诺件 into a 即办件 removes its 承诺时限', async () => {
    const plan = await importCsvRows([goodRow({ 事项编码: 'MZ-001', 办件类型: '即办件', 承诺时限: '即办', 法定时限: '' })]);
    expect(plan.errors).toEqual([]);
    const it = await item('items/minzheng/MZ-001.yaml');
    expect(it.mode).toBe('即办件');
    expect(it).not.toHaveProperty('promiseDays');
    expect(it).not.toHaveProperty('legalDays');
  });
});

describe('--create-departments', () => {
  it('creates a missing department with an id from its pinyin, and files the item under it', async () => {
    const deptBefore = await readFile(path.join(content, 'departments.yaml'), 'utf8');
    const rows = [
      goodRow({ 事项编码: 'TY-001', 主管部门: '退役军人事务', 适用站点: '全部' }),
      goodRow({ 事项编码: 'TY-002', 主管部门: '退役军人事务 ' }),
    ];
    const refused = await importCsvRows(rows);
    expect(refused.ok).toBe(false);
    expect(refused.errors[0]).toMatchObject({ row: 2, column: '主管部门', letter: 'D' });
    expect(refused.errors[0].message).toContain('主管部门「退役军人事务」在 departments.yaml 中不存在');

    const file = path.join(dir, 'new-dept.csv');
    await writeCsv(file, table(rows), 'utf-8-bom');
    const plan = await importCatalogue({ file, contentDir: content, createDepartments: true });
    expect(plan.errors).toEqual([]);
    expect(plan.createdDepartments).toEqual([{ id: 'tuiyijunrenshiwu', name: '退役军人事务', fullName: '退役军人事务', icon: '退' }]);
    expect(plan.notices.join('\n')).toContain('新部门「tuiyijunrenshiwu」还没有受理窗口');
    const dept = await readFile(path.join(content, 'departments.yaml'), 'utf8');
    expect(dept.startsWith(deptBefore)).toBe(true);
    expect(dept.slice(deptBefore.length)).toBe('  - { id: tuiyijunrenshiwu, name: 退役军人事务, fullName: 退役军人事务, icon: 退 }\n');
    expect((await item('items/tuiyijunrenshiwu/TY-001.yaml')).department).toBe('tuiyijunrenshiwu');
    expect((await item('items/tuiyijunrenshiwu/TY-002.yaml')).department).toBe('tuiyijunrenshiwu');
  });

  it('reads a 事项编码 typed in full width as half width', async () => {
    const plan = await importCsvRows([goodRow({ 事项编码: 'ＭＺ－１０１' })]);
    expect(plan.errors).toEqual([]);
    expect(plan.changes[0]).toMatchObject({ code: 'MZ-101', file: 'items/minzheng/MZ-101.yaml' });
  });

  it('matches existing departments by name, full name or id, brackets either width', async () => {
    const plan = await importCsvRows([
      goodRow({ 事项编码: 'A-1', 主管部门: '云溪县民政局' }),
      goodRow({ 事项编码: 'A-2', 主管部门: 'minzheng' }),
      goodRow({ 事项编码: 'A-3', 主管部门: '新农合(城乡居民医保)', 办理层级: '乡镇', 适用站点: '白鹤镇' }),
      goodRow({ 事项编码: 'A-4', 主管部门: '新农合', 办理层级: '乡镇', 适用站点: 'baihe' }),
    ]);
    expect(plan.errors).toEqual([]);
    expect(plan.changes.map((c) => c.file)).toEqual([
      'items/minzheng/A-1.yaml',
      'items/minzheng/A-2.yaml',
      'items/yibao/A-3.yaml',
      'items/yibao/A-4.yaml',
    ]);
  });
});

describe('errors: every problem at once, nothing written', () => {
  type Case = [string, RowValues, { column: string; message: string }];
  const cases: Case[] = [
    ['事项编码 empty', { 事项编码: '' }, { column: '事项编码', message: '「事项编码」不能为空' }],
    ['事项编码 bad characters', { 事项编码: 'MZ 001/1' }, { column: '事项编码', message: '只能使用字母、数字' }],
    [
      '事项编码 differs from an existing one only in case',
      { 事项编码: 'mz-001' },
      { column: '事项编码', message: '与已有事项「MZ-001」只差大小写' },
    ],
    ['事项名称 empty', { 事项名称: '' }, { column: '事项名称', message: '「事项名称」不能为空' }],
    ['事项类型 not in the list', { 事项类型: '行政审批' }, { column: '事项类型', message: '事项类型「行政审批」不在规定范围内' }],
    ['主管部门 unknown', { 主管部门: '教育' }, { column: '主管部门', message: '主管部门「教育」在 departments.yaml 中不存在' }],
    ['办理主体 empty', { 办理主体: '' }, { column: '办理主体', message: '「办理主体」不能为空' }],
    ['办理依据 empty', { 办理依据: '' }, { column: '办理依据', message: '「办理依据」不能为空' }],
    ['办理条件 empty', { 办理条件: '  ' }, { column: '办理条件', message: '「办理条件」不能为空' }],
    ['申请材料 empty', { 申请材料: '' }, { column: '申请材料', message: '不需要材料时填“无”' }],
    ['申请材料 repeated', { 申请材料: '户口簿；户口簿（复印件）' }, { column: '申请材料', message: '申请材料「户口簿」重复' }],
    ['办理程序 empty', { 办理程序: '' }, { column: '办理程序', message: '「办理程序」不能为空' }],
    ['办件类型 unknown', { 办件类型: '当场办' }, { column: '办件类型', message: '应为“即办件”或“承诺件”' }],
    ['承诺件 without 承诺时限', { 承诺时限: '' }, { column: '承诺时限', message: '承诺件必须填写承诺时限' }],
    ['承诺时限 not working days', { 承诺时限: '3天' }, { column: '承诺时限', message: '请按工作日填写' }],
    ['承诺时限 not a number', { 承诺时限: '尽快' }, { column: '承诺时限', message: '应为工作日数' }],
    [
      '即办件 with 承诺时限',
      { 办件类型: '即办件', 承诺时限: 5, 法定时限: '' },
      { column: '承诺时限', message: '即办件当场办结，不填承诺时限' },
    ],
    [
      '法定时限 shorter than 承诺时限',
      { 承诺时限: 10, 法定时限: 5 },
      { column: '法定时限', message: '法定时限 5 个工作日短于承诺时限 10 个工作日' },
    ],
    ['法定时限 not working days', { 法定时限: '一个月' }, { column: '法定时限', message: '法定时限「一个月」应为工作日数' }],
    ['办理结果 empty', { 办理结果: '' }, { column: '办理结果', message: '「办理结果」不能为空' }],
    ['是否收费 unknown', { 是否收费: '看情况' }, { column: '是否收费', message: '应为“是”或“否”' }],
    ['收费 without 收费依据', { 是否收费: '是', 收费标准: '10元' }, { column: '收费依据', message: '是否收费为“是”时必须填写收费依据' }],
    [
      '收费 without 收费标准',
      { 是否收费: '是', 收费依据: '某文件', 收费标准: '' },
      { column: '收费标准', message: '是否收费为“是”时必须填写收费标准' },
    ],
    [
      '收费 with 收费标准 不收费',
      { 是否收费: '是', 收费依据: '某文件', 收费标准: '不收费' },
      { column: '收费标准', message: '必须填写收费标准' },
    ],
    ['不收费 with a 收费标准', { 是否收费: '否', 收费标准: '10元' }, { column: '收费标准', message: '收费标准应为“不收费”' }],
    ['办理层级 unknown', { 办理层级: '县级' }, { column: '办理层级', message: '办理层级「县级」应为' }],
    ['办理层级 empty', { 办理层级: '' }, { column: '办理层级', message: '「办理层级」不能为空' }],
    ['适用站点 unknown', { 适用站点: '白鹤镇、青山镇' }, { column: '适用站点', message: '适用站点「青山镇」不存在' }],
    [
      'a township offering the item has no window for its department (publisher rule)',
      { 主管部门: '新农合', 办理层级: '乡镇', 适用站点: '龙山镇' },
      { column: '主管部门', message: '没有受理部门「yibao」的窗口' },
    ],
    [
      'level and sites leave the item at no site (publisher rule)',
      { 办理层级: '村(社区)', 适用站点: '龙山镇' },
      { column: '办理层级', message: '本事项不会出现在任何站点' },
    ],
  ];

  it.each(cases)('%s', async (_name, over, expected) => {
    const before = await snapshot(content);
    const plan = await importCsvRows([goodRow({ 事项编码: 'OK-1' }), goodRow(over)]);
    expect(plan.ok).toBe(false);
    expect(plan.errors).toHaveLength(1);
    const [e] = plan.errors;
    expect(e.sheet).toMatch(/^清单-/);
    expect(e.row).toBe(3);
    expect(e.column).toBe(expected.column);
    expect(e.letter).toBe(String.fromCharCode(65 + HEADERS.indexOf(expected.column)));
    expect(e.message).toContain(expected.message);
    expect(plan.writes).toEqual([]);
    // All or nothing: the good row 2 was not written either.
    expect(await snapshot(content)).toEqual(before);
  });

  it('a 事项编码 twice in the sheet', async () => {
    const plan = await importCsvRows([goodRow(), goodRow({ 事项名称: '另一个' }), goodRow()]);
    expect(plan.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [3, '事项编码', '事项编码「MZ-101」与第 2 行重复：每个事项编码只能出现一次'],
      [4, '事项编码', '事项编码「MZ-101」与第 2 行重复：每个事项编码只能出现一次'],
    ]);
  });

  it('a 事项编码 twice in the sheet differing only in case', async () => {
    const plan = await importCsvRows([goodRow(), goodRow({ 事项编码: 'mz-101' })]);
    expect(plan.errors.map((e) => e.message)).toEqual(['事项编码「mz-101」与第 2 行的「MZ-101」只差大小写：请统一写法']);
  });

  it('a required column missing, a column twice', async () => {
    const headers = HEADERS.filter((h) => h !== '办理结果').concat('事项名称');
    const plan = await importCsvRows([goodRow()], headers);
    expect(plan.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [1, '事项名称', '「事项名称」列重复（B 列和 U 列）：请删除其中一列'],
      [1, '办理结果', '缺少必填列「办理结果」'],
    ]);
  });

  it('承诺件 when the sheet has no 承诺时限 column; 收费 without 收费依据/收费标准 columns', async () => {
    const headers = HEADERS.filter((h) => !['承诺时限', '法定时限', '收费依据', '收费标准'].includes(h));
    const plan = await importCsvRows([goodRow({ 是否收费: '是' })], headers);
    expect(plan.errors.map((e) => [e.row, e.column, e.letter, e.message])).toEqual([
      [2, '承诺时限', undefined, '承诺件必须填写承诺时限，但表格中没有「承诺时限」列'],
      [2, '收费依据', undefined, '收费事项必须填写收费依据，但表格中没有「收费依据」列'],
      [2, '收费标准', undefined, '收费事项必须填写收费标准，但表格中没有「收费标准」列'],
    ]);
  });

  it('reports every problem of every row at once, with sheet, Excel row and column', async () => {
    const file = path.join(dir, '多处错误.xlsx');
    await writeXlsx(file, [
      {
        name: '清单',
        rows: table([
          goodRow({ 事项类型: '审批', 办理层级: '县' }),
          goodRow({ 事项编码: 'MZ-102', 办理程序: '1.申请\n2.受理', 办件类型: '承诺件', 承诺时限: '', 是否收费: '是' }),
          {},
          goodRow({ 事项编码: 'MZ-103', 申请材料: '户口簿\n（复印件）', 主管部门: '教育' }),
        ]),
      },
    ]);
    const before = await snapshot(content);
    const plan = await importCatalogue({ file, contentDir: content });
    expect(plan.errors.map((e) => `${e.sheet}|${e.row}|${e.column}|${e.letter}`)).toEqual([
      '清单|2|事项类型|C',
      '清单|2|办理层级|S',
      '清单|3|承诺时限|K',
      '清单|3|收费依据|O',
      '清单|3|收费标准|P',
      '清单|5|主管部门|D',
      '清单|5|申请材料|H',
    ]);
    expect(await snapshot(content)).toEqual(before);
  });

  it('a 事项编码 that two content files already use', async () => {
    const text = await readFile(path.join(content, 'items/minzheng/MZ-001.yaml'), 'utf8');
    await mkdir(path.join(content, 'items/jisheng'), { recursive: true });
    await writeFile(path.join(content, 'items/jisheng/MZ-001.yaml'), text);
    const plan = await importCsvRows([goodRow({ 事项编码: 'MZ-001' })]);
    expect(plan.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [
        2,
        '事项编码',
        '内容文件夹中已有多个事项使用编码「MZ-001」（items/jisheng/MZ-001.yaml、items/minzheng/MZ-001.yaml）：请先删除多余的文件',
      ],
    ]);
  });

  it('a new item whose file name is taken by a file with another code', async () => {
    const text = await readFile(path.join(content, 'items/minzheng/MZ-001.yaml'), 'utf8');
    await writeFile(path.join(content, 'items/minzheng/MZ-101.yaml'), text.replace('code: MZ-001', 'code: MZ-0001'));
    const before = await snapshot(content);
    const plan = await importCsvRows([goodRow()]);
    expect(plan.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, '事项编码', '文件 items/minzheng/MZ-101.yaml 已存在，但其中的事项编码不是「MZ-101」：请先检查该文件'],
    ]);
    expect(await snapshot(content)).toEqual(before);
  });

  it('a content item file with a YAML error stops the import before anything is written', async () => {
    await writeFile(path.join(content, 'items/minzheng/MZ-002.yaml'), 'code: MZ-002\nname: [未闭合\n');
    const plan = await importCsvRows([goodRow()]);
    expect(plan.ok).toBe(false);
    expect(plan.errors[0].file).toBe('items/minzheng/MZ-002.yaml');
    expect(plan.errors[0].message).toContain('内容文件夹有问题，请先修正：items/minzheng/MZ-002.yaml 第 3 行：YAML 语法错误');
  });

  it('a content folder that does not exist', async () => {
    const file = path.join(dir, 'a.csv');
    await writeCsv(file, table([goodRow()]), 'utf-8');
    const plan = await importCatalogue({ file, contentDir: path.join(dir, 'nowhere') });
    expect(plan.ok).toBe(false);
    expect(plan.errors.map((e) => e.message).join('\n')).toContain('内容文件夹不存在或为空');
  });

  it('a stray file in the content folder does not stop the import', async () => {
    await writeFile(path.join(content, 'notes.yaml'), 'a: 1\n');
    const plan = await importCsvRows([goodRow()]);
    expect(plan.errors).toEqual([]);
    expect(plan.notices.join('\n')).toContain('内容文件夹中另有 1 个与本次导入无关的问题');
  });

  it('a sheet with no item rows', async () => {
    const plan = await importCsvRows([]);
    expect(plan.errors.map((e) => e.message)).toEqual(['表格中没有事项：表头下面至少要有一行']);
  });

  it('a workbook whose header is not in row 1', async () => {
    const file = path.join(dir, 'title.xlsx');
    await writeXlsx(file, [{ name: '清单', rows: [['某县入驻项目目录清单'], ...table([goodRow()])] }]);
    const plan = await importCatalogue({ file, contentDir: content });
    expect(plan.errors).toEqual([
      { sheet: '清单', row: 1, message: '表头必须在第 1 行，工作表「清单」的表头在第 2 行：请删除表头上方的标题或说明行' },
    ]);
  });

  it('unsupported or missing files', async () => {
    const xls = path.join(dir, 'old.xls');
    await writeFile(xls, 'x');
    expect((await importCatalogue({ file: xls, contentDir: content })).errors[0].message).toContain('不支持旧版 .xls 格式');
    expect((await importCatalogue({ file: path.join(dir, 'none.csv'), contentDir: content })).errors[0].message).toContain('找不到文件');
    const broken = path.join(dir, 'broken.xlsx');
    await writeFile(broken, 'not a zip');
    expect((await importCatalogue({ file: broken, contentDir: content })).errors[0].message).toContain('无法读取 Excel 文件');
  });

  it('--sheet picks a sheet; an unknown name is an error', async () => {
    const file = path.join(dir, 'two.xlsx');
    await writeXlsx(file, [
      { name: '甲', rows: table([goodRow({ 事项编码: 'A-1' })]) },
      { name: '乙', rows: table([goodRow({ 事项编码: 'B-1' })]) },
    ]);
    const first = await importCatalogue({ file, contentDir: content, dryRun: true });
    expect(first.changes.map((c) => c.code)).toEqual(['A-1']);
    expect(first.notices.join('\n')).toContain('工作表「乙」也有表头，未导入；如需导入它，请用 --sheet 乙');
    const second = await importCatalogue({ file, contentDir: content, sheet: '乙' });
    expect(second.changes.map((c) => c.code)).toEqual(['B-1']);
    const none = await importCatalogue({ file, contentDir: content, sheet: '丙' });
    expect(none.errors[0].message).toBe('没有名为「丙」的工作表；本文件的工作表有：「甲」、「乙」');
  });

  it('--dry-run checks without writing', async () => {
    const before = await snapshot(content);
    const file = path.join(dir, 'dry.csv');
    await writeCsv(file, table([goodRow()]), 'utf-8');
    const plan = await importCatalogue({ file, contentDir: content, dryRun: true });
    expect(plan.ok).toBe(true);
    expect(counts(plan).added).toBe(1);
    expect(await snapshot(content)).toEqual(before);
  });
});
