import { describe, expect, it } from 'vitest';
import {
  parseItemType,
  parseLevel,
  parseMaterial,
  parseMaterials,
  parseMode,
  parseSteps,
  parseWorkingDays,
  parseYesNo,
} from './parse-fields.ts';

const value = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('申请材料', () => {
  it.each([
    ['户口簿（原件1份、复印件1份）', { name: '户口簿', form: '原件和复印件', copies: 1, formGiven: true, copiesGiven: true }],
    ['户口簿(原件、复印件各2份)', { name: '户口簿', form: '原件和复印件', copies: 2 }],
    ['身份证（原件和复印件各1份）', { name: '身份证', form: '原件和复印件', copies: 1 }],
    ['结婚证（复印件2份）', { name: '结婚证', form: '复印件', copies: 2 }],
    ['土地承包合同（原件）', { name: '土地承包合同', form: '原件', copies: 1, copiesGiven: false }],
    ['身份证复印件1份', { name: '身份证', form: '复印件', copies: 1 }],
    ['申请表（现场填写）', { name: '申请表', form: '填写', copies: 1 }],
    ['照片（电子版）', { name: '照片', form: '电子版' }],
    ['低保申请书', { name: '低保申请书', form: '填写', formGiven: false }],
    ['户口簿', { name: '户口簿', form: '原件', formGiven: false, copies: 1, copiesGiven: false }],
    ['残疾证（复印件1份，如有）', { name: '残疾证', form: '复印件', optional: true }],
    ['残疾证（复印件，如有残疾家庭成员）', { name: '残疾证', form: '复印件', note: '如有残疾家庭成员', optional: true }],
    ['病历（复印件，加盖医院公章）', { name: '病历', form: '复印件', note: '加盖医院公章' }],
    ['村委会证明（村（社区）出具，原件1份）', { name: '村委会证明', form: '原件', note: '村（社区）出具' }],
    ['户口簿（户主页和本人页）', { name: '户口簿', form: '原件', note: '户主页和本人页' }],
    ['委托书（可选）', { name: '委托书', optional: true }],
    ['房屋照片（原件三份）', { name: '房屋照片', form: '原件', copies: 3 }],
  ])('%s', (text, expected) => {
    const m = value(parseMaterial(text));
    expect(m).toMatchObject(expected);
    if (!('note' in expected)) expect(m).not.toHaveProperty('note');
  });

  it('a list by lines or ；, 无 = none', () => {
    expect(value(parseMaterials('户口簿；身份证（原件）\n结婚证')).map((m) => m.name)).toEqual(['户口簿', '身份证', '结婚证']);
    expect(value(parseMaterials('无'))).toEqual([]);
    expect(value(parseMaterials('1.户口簿 2.身份证')).map((m) => m.name)).toEqual(['户口簿', '身份证']);
  });

  it('tells apart materials of the same name by their notes', () => {
    expect(value(parseMaterials('身份证（申请人，原件）\n身份证（配偶，复印件1份）'))).toMatchObject([
      { name: '身份证（申请人）', form: '原件' },
      { name: '身份证（配偶）', form: '复印件' },
    ]);
  });

  it('rejects a repeated material and a nameless one', () => {
    expect(parseMaterials('户口簿\n户口簿（复印件）')).toEqual({ ok: false, message: '申请材料「户口簿」重复' });
    expect(parseMaterial('（原件1份）').ok).toBe(false);
  });
});

describe('办理程序', () => {
  it('keeps plain steps as strings and splits 标题：说明', () => {
    expect(parseSteps('1.申请：向乡镇便民服务中心提出申请\n2.受理\n3.审批：县民政局审批，3个工作日')).toEqual([
      { title: '申请', detail: '向乡镇便民服务中心提出申请' },
      '受理',
      { title: '审批', detail: '县民政局审批，3个工作日' },
    ]);
  });
});

describe('enumerations and days', () => {
  it('事项类型 must be in the list', () => {
    expect(value(parseItemType(' 行政许可 '))).toBe('行政许可');
    expect(parseItemType('行政审批')).toMatchObject({ ok: false });
  });
  it('办件类型', () => {
    expect(value(parseMode('即办件'))).toBe('即办件');
    expect(value(parseMode('承诺'))).toBe('承诺件');
    expect(parseMode('当场办')).toMatchObject({ ok: false });
  });
  it('办理层级 with full- or half-width brackets', () => {
    expect(value(parseLevel('村（社区）'))).toBe('村(社区)');
    expect(value(parseLevel('乡镇和村（社区）'))).toBe('乡镇和村(社区)');
    expect(value(parseLevel('乡镇及村(社区)'))).toBe('乡镇和村(社区)');
    expect(value(parseLevel('乡镇'))).toBe('乡镇');
    expect(parseLevel('县级')).toMatchObject({ ok: false });
  });
  it('是否收费', () => {
    expect(value(parseYesNo('是'))).toBe(true);
    expect(value(parseYesNo(' 否'))).toBe(false);
    expect(parseYesNo('有')).toMatchObject({ ok: false });
  });
  it.each([
    ['5', 5],
    ['5个工作日', 5],
    ['5 个工作日', 5],
    ['20工作日', 20],
    ['五个工作日', 5],
    ['10个工作日内', 10],
    ['', undefined],
  ])('working days %j', (text, n) => {
    expect(value(parseWorkingDays(text, '承诺时限'))).toBe(n);
  });
  it.each(['0', '2.5', '5天', '一周', '-3'])('rejects %j', (text) => {
    expect(parseWorkingDays(text, '承诺时限')).toMatchObject({ ok: false });
  });
});
