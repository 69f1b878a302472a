import { describe, expect, it } from 'vitest';
import { chineseNumber, splitEntries, splitNames, splitNumbered, stripMarker } from './split-list.ts';

describe('splitEntries', () => {
  it('splits by line breaks and drops empty lines', () => {
    expect(splitEntries('申请\n\n受理\n  审批  ', { semicolons: false })).toEqual(['申请', '受理', '审批']);
  });
  it('splits by ；and ; outside brackets when asked', () => {
    expect(splitEntries('户口簿；身份证;结婚证（原件；复印件）', { semicolons: true })).toEqual([
      '户口簿',
      '身份证',
      '结婚证（原件；复印件）',
    ]);
    expect(splitEntries('受理：材料齐全；当场受理', { semicolons: false })).toEqual(['受理：材料齐全；当场受理']);
  });
  it.each([
    ['1.申请 2.受理 3.审批'],
    ['1、申请；2、受理；3、审批'],
    ['（1）申请（2）受理（3）审批'],
    ['(1)申请 (2)受理 (3)审批'],
    ['①申请②受理③审批'],
    ['一、申请 二、受理 三、审批'],
    ['1．申请\n2．受理\n3．审批'],
    ['1.申请。2.受理。3.审批。'],
  ])('numbered %j', (text) => {
    expect(splitEntries(text, { semicolons: false })).toEqual(['申请', '受理', '审批']);
  });
  it('leaves numbers that are not list markers alone', () => {
    expect(splitEntries('依据第9.1条 和 2.5元标准', { semicolons: false })).toEqual(['依据第9.1条 和 2.5元标准']);
    expect(splitNumbered('1.申请 3.审批')).toEqual(['1.申请 3.审批']);
    expect(stripMarker('2019年度报告')).toBe('2019年度报告');
    expect(stripMarker('3个工作日内办结')).toBe('3个工作日内办结');
  });
});

describe('splitNames', () => {
  it('splits by 、，, ；and spaces, without duplicates', () => {
    expect(splitNames('低保、最低生活保障，困难补助,低保; 救助')).toEqual(['低保', '最低生活保障', '困难补助', '救助']);
  });
});

describe('chineseNumber', () => {
  it('reads 一 to 九十九', () => {
    expect(['一', '九', '十', '十二', '二十', '三十五'].map(chineseNumber)).toEqual([1, 9, 10, 12, 20, 35]);
    expect(chineseNumber('百')).toBeNaN();
  });
});
