import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { lineOf, MINIMAL_CONTENT, type Overrides, replace, writeContent } from '../publish/fixtures/minimal-content.ts';
import { loadContent } from './load-content.ts';
import { formatProblem, type Problem } from './problems.ts';
import { validateContent } from './validate-content.ts';

// File-heavy tests: a generous timeout for a busy machine (no timing is asserted).
vi.setConfig({ testTimeout: 30_000 });

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function problemsWith(overrides: Overrides): Promise<Problem[]> {
  const dir = await writeContent(overrides);
  dirs.push(dir);
  return validateContent(await loadContent(dir));
}

interface Case {
  rule: string;
  overrides: Overrides;
  file: string;
  /** Text on the expected line (searched in the overridden file), or a line number. */
  at: string | number;
  field: string;
  message: RegExp;
}

const MZ1 = 'items/minzheng/MZ-001.yaml';
const MZ2 = 'items/minzheng/MZ-002.yaml';
const LY1 = 'items/linye/LY-001.yaml';
const ALPHA = 'sites/alpha.yaml';
const EAST = 'sites/alpha-east.yaml';
const STAFF = 'staff/alpha.yaml';
const A1 = 'announcements/a1.md';
const D1 = 'documents/d1.md';

const cases: Case[] = [
  // Syntax
  {
    rule: 'YAML syntax error (unclosed quote)',
    overrides: { [MZ1]: replace('result: 最低生活保障证', 'result: "最低生活保障证') },
    file: MZ1,
    at: 'result:',
    field: '',
    message: /YAML 语法错误/,
  },
  {
    rule: 'YAML duplicate key',
    overrides: { [MZ1]: replace('popularity: 90', 'popularity: 90\nname: 重复') },
    file: MZ1,
    at: 'name: 重复',
    field: '',
    message: /重复的键/,
  },
  {
    rule: 'YAML syntax error in front matter (line relative to the file)',
    overrides: { [A1]: replace('priority: urgent', 'priority: [urgent') },
    file: A1,
    at: 'priority: [urgent',
    field: '',
    message: /YAML 语法错误/,
  },
  // Unknown keys
  {
    rule: 'unknown key (typo) with suggestion',
    overrides: { [MZ1]: replace('result: 最低生活保障证', 'reslt: 最低生活保障证') },
    file: MZ1,
    at: 'reslt:',
    field: 'reslt',
    message: /未知字段「reslt」.*result/,
  },
  {
    rule: 'unknown nested key',
    overrides: { [MZ1]: replace('{ name: 户口簿, form: 原件和复印件, copies: 2 }', '{ name: 户口簿, form: 原件和复印件, copise: 2 }') },
    file: MZ1,
    at: 'copise',
    field: 'materials[1].copise',
    message: /未知字段「copise」.*copies/,
  },
  {
    rule: 'unknown key in front matter',
    overrides: { [D1]: replace('issuer:', 'isuer:') },
    file: D1,
    at: 'isuer:',
    field: 'isuer',
    message: /未知字段/,
  },
  // Required elements
  ...(
    [
      ['subject', 'subject: 乡镇人民政府受理，县民政局审批', '办理主体'],
      ['basis', 'basis:\n  - 《社会救助暂行办法》', '办理依据'],
      ['conditions', 'conditions:\n  - 本县户籍\n  - 家庭人均收入低于低保标准', '办理条件'],
      ['steps', 'steps:\n  - { title: 申请, actor: 申请人 }\n  - 审批', '办理程序'],
      ['result', 'result: 最低生活保障证', '办理结果'],
      ['fee', 'fee:\n  charged: false', '收费'],
      ['name', 'name: 最低生活保障申请', '事项名称'],
      ['type', 'type: 行政给付', '事项类型'],
      ['mode', 'mode: 承诺件', '办件类型'],
      ['level', 'level: 乡镇和村(社区)', '办理层级'],
      ['department', 'department: minzheng', '主管部门'],
      [
        'materials',
        'materials:\n  - { name: 申请书, form: 填写, copies: 1 }\n  - { name: 户口簿, form: 原件和复印件, copies: 2 }',
        '申请材料',
      ],
    ] as const
  ).map(
    ([key, text, label]): Case => ({
      rule: `missing required ${key}`,
      overrides: { [MZ1]: replace(`${text}\n`, '') },
      file: MZ1,
      at: 1,
      field: key,
      message: new RegExp(`缺少必填项「${label.replace(/[()]/g, '\\$&')}」`),
    }),
  ),
  {
    rule: 'required element present but empty',
    overrides: { [MZ1]: replace('result: 最低生活保障证', 'result: ""') },
    file: MZ1,
    at: 'result:',
    field: 'result',
    message: /「办理结果」不能为空/,
  },
  {
    rule: 'empty basis list',
    overrides: { [MZ1]: replace('basis:\n  - 《社会救助暂行办法》', 'basis: []') },
    file: MZ1,
    at: 'basis:',
    field: 'basis',
    message: /「办理依据」至少要填写一项/,
  },
  {
    rule: 'empty steps',
    overrides: { [MZ1]: replace('steps:\n  - { title: 申请, actor: 申请人 }\n  - 审批', 'steps: []') },
    file: MZ1,
    at: 'steps:',
    field: 'steps',
    message: /「办理程序」至少要填写一项/,
  },
  {
    rule: 'step without title',
    overrides: { [MZ1]: replace('{ title: 申请, actor: 申请人 }', '{ actor: 申请人 }') },
    file: MZ1,
    at: '{ actor: 申请人 }',
    field: 'steps[0].title',
    message: /缺少必填项「步骤名称」/,
  },
  {
    rule: 'missing site name',
    overrides: { [ALPHA]: replace('name: 甲镇便民服务中心\n', '') },
    file: ALPHA,
    at: 1,
    field: 'name',
    message: /缺少必填项「站点名称」/,
  },
  // Enumerations
  {
    rule: 'item type enum',
    overrides: { [MZ1]: replace('type: 行政给付', 'type: 行政补贴') },
    file: MZ1,
    at: 'type:',
    field: 'type',
    message: /「事项类型」必须是以下之一：行政许可.*行政补贴/,
  },
  {
    rule: 'mode enum',
    overrides: { [MZ2]: replace('mode: 即办件', 'mode: 即时件') },
    file: MZ2,
    at: 'mode:',
    field: 'mode',
    message: /「办件类型」必须是以下之一：即办件、承诺件/,
  },
  {
    rule: 'level enum',
    overrides: { [MZ1]: replace('level: 乡镇和村(社区)', 'level: 县级') },
    file: MZ1,
    at: 'level:',
    field: 'level',
    message: /「办理层级」必须是以下之一/,
  },
  {
    rule: 'material form enum',
    overrides: { [MZ1]: replace('form: 原件和复印件', 'form: 影印件') },
    file: MZ1,
    at: '影印件',
    field: 'materials[1].form',
    message: /「材料形式」必须是以下之一/,
  },
  {
    rule: 'copies must be a positive integer',
    overrides: { [MZ1]: replace('copies: 2', 'copies: 0') },
    file: MZ1,
    at: 'copies: 0',
    field: 'materials[1].copies',
    message: /「份数」不能小于 1/,
  },
  {
    rule: 'township class enum',
    overrides: { [ALPHA]: replace('class: 二类', 'class: 四类') },
    file: ALPHA,
    at: 'class:',
    field: 'class',
    message: /「乡镇类别」必须是以下之一：一类、二类、三类/,
  },
  {
    rule: 'announcement priority enum',
    overrides: { [A1]: replace('priority: urgent', 'priority: high') },
    file: A1,
    at: 'priority:',
    field: 'priority',
    message: /「优先级」必须是以下之一：normal、urgent/,
  },
  {
    rule: 'site kind enum',
    overrides: { [EAST]: replace('kind: village', 'kind: station') },
    file: EAST,
    at: 'kind:',
    field: 'kind',
    message: /「站点类型」必须是以下之一/,
  },
  {
    rule: 'staff post enum',
    overrides: { [STAFF]: replace('post: B', 'post: C') },
    file: STAFF,
    at: 'post: C',
    field: 'staff[1].post',
    message: /必须是以下之一：A、B/,
  },
  // References
  {
    rule: 'unknown department in item',
    overrides: { [MZ1]: replace('department: minzheng', 'department: mingzheng') },
    file: MZ1,
    at: 'department:',
    field: 'department',
    message: /部门「mingzheng」不存在/,
  },
  {
    rule: 'unknown site in item',
    overrides: { [LY1]: replace('sites: [alpha]', 'sites: [alpha, gamma]') },
    file: LY1,
    at: 'sites:',
    field: 'sites[1]',
    message: /站点「gamma」不存在/,
  },
  {
    rule: 'unknown site in announcement',
    overrides: { 'announcements/a2.md': replace('sites: [beta]', 'sites: [betta]') },
    file: 'announcements/a2.md',
    at: 'sites:',
    field: 'sites[0]',
    message: /站点「betta」不存在/,
  },
  {
    rule: 'unknown parent township',
    overrides: { [EAST]: replace('parent: alpha', 'parent: alfa') },
    file: EAST,
    at: 'parent:',
    field: 'parent',
    message: /所属乡镇「alfa」不存在/,
  },
  {
    rule: 'parent is not a township',
    overrides: { [EAST]: replace('parent: alpha', 'parent: beta-west') },
    file: EAST,
    at: 'parent:',
    field: 'parent',
    message: /不是乡镇便民服务中心/,
  },
  {
    rule: 'unknown item code in topic',
    overrides: { 'topics.yaml': replace('items: [MZ-001]', 'items: [MZ-001, MZ-099]') },
    file: 'topics.yaml',
    at: 'MZ-099',
    field: 'topics[0].items[1]',
    message: /事项编码「MZ-099」不存在/,
  },
  {
    rule: 'unknown department at a window',
    overrides: { [ALPHA]: replace('departments: [linye]', 'departments: [linye, shuili]') },
    file: ALPHA,
    at: 'shuili',
    field: 'windows[1].departments[1]',
    message: /部门「shuili」不存在/,
  },
  {
    rule: 'township offers an item but no window handles its department',
    overrides: { [LY1.replace('LY-001', 'LY-002')]: replace('sites: [alpha]', 'sites: [alpha, beta]') },
    file: 'sites/beta.yaml',
    at: 'windows:',
    field: 'windows',
    message: /没有受理部门「linye」的窗口，但事项 LY-002 在本站办理/,
  },
  {
    rule: 'an item offered at a village station through its township (乡镇和村(社区)) needs a window there',
    overrides: {
      [LY1.replace('LY-001', 'LY-002')]: (t: string) =>
        t.replace('level: 乡镇', 'level: 乡镇和村(社区)').replace('sites: [alpha]', 'sites: [alpha, beta-west]'),
    },
    file: 'sites/beta.yaml',
    at: 'windows:',
    field: 'windows',
    message: /没有受理部门「linye」的窗口，但事项 LY-002 在本站办理/,
  },
  // Duplicates and codes
  {
    rule: 'duplicate item code (second file; code ≠ file name)',
    overrides: { 'items/minzheng/MZ-003.yaml': String(MINIMAL_CONTENT[MZ2]) },
    file: 'items/minzheng/MZ-003.yaml',
    at: 'code:',
    field: 'code',
    message: /事项编码「MZ-002」重复（items\/minzheng\/MZ-002\.yaml 已使用）/,
  },
  {
    rule: 'item code differs from file name',
    overrides: { [MZ1]: replace('code: MZ-001', 'code: MZ-0001') },
    file: MZ1,
    at: 'code:',
    field: 'code',
    message: /事项编码「MZ-0001」必须与文件名「MZ-001」一致/,
  },
  {
    rule: 'item in the wrong department folder',
    overrides: { [MZ1]: replace('department: minzheng', 'department: linye') },
    file: MZ1,
    at: 'department:',
    field: 'department',
    message: /请移到 items\/linye\//,
  },
  {
    rule: 'duplicate department id',
    overrides: { 'departments.yaml': replace('  - id: linye', '  - id: minzheng') },
    file: 'departments.yaml',
    at: 7,
    field: 'departments[1].id',
    message: /部门编码「minzheng」重复/,
  },
  {
    rule: 'duplicate staff id',
    overrides: { [STAFF]: replace('  - id: alpha-li', '  - id: alpha-zhang') },
    file: STAFF,
    at: 11,
    field: 'staff[1].id',
    message: /工作人员编号「alpha-zhang」重复/,
  },
  {
    rule: 'duplicate topic id',
    overrides: { 'topics.yaml': replace('id: linmu', 'id: jiuzhu') },
    file: 'topics.yaml',
    at: 7,
    field: 'topics[1].id',
    message: /主题编号「jiuzhu」重复/,
  },
  {
    rule: 'duplicate window number',
    overrides: { [ALPHA]: replace('  - number: "2"', '  - number: "1"') },
    file: ALPHA,
    at: 20,
    field: 'windows[1].number',
    message: /窗口号「1」重复/,
  },
  {
    rule: 'site code differs from file name',
    overrides: { [EAST]: replace('code: alpha-east', 'code: alpha-e') },
    file: EAST,
    at: 'code:',
    field: 'code',
    message: /必须与文件名「alpha-east」一致/,
  },
  {
    rule: 'announcement id differs from file name',
    overrides: { [A1]: replace('id: a1', 'id: a3') },
    file: A1,
    at: 'id: a3',
    field: 'id',
    message: /公告编号「a3」必须与文件名「a1」一致/,
  },
  // Time limits
  {
    rule: '承诺件 without promiseDays',
    overrides: { [MZ1]: replace('promiseDays: 20\n', '') },
    file: MZ1,
    at: 1,
    field: 'promiseDays',
    message: /承诺件必须填写承诺时限/,
  },
  {
    rule: 'promiseDays not a positive integer',
    overrides: { [MZ1]: replace('promiseDays: 20', 'promiseDays: 2.5') },
    file: MZ1,
    at: 'promiseDays:',
    field: 'promiseDays',
    message: /「承诺时限」应为整数/,
  },
  {
    rule: 'promiseDays zero',
    overrides: { [MZ1]: replace('promiseDays: 20', 'promiseDays: 0') },
    file: MZ1,
    at: 'promiseDays:',
    field: 'promiseDays',
    message: /「承诺时限」不能小于 1/,
  },
  {
    rule: 'legalDays < promiseDays',
    overrides: { [MZ1]: replace('legalDays: 30', 'legalDays: 15') },
    file: MZ1,
    at: 'legalDays:',
    field: 'legalDays',
    message: /法定时限 15 个工作日短于承诺时限 20 个工作日/,
  },
  {
    rule: '即办件 with promiseDays',
    overrides: { [MZ2]: replace('mode: 即办件', 'mode: 即办件\npromiseDays: 3') },
    file: MZ2,
    at: 'promiseDays:',
    field: 'promiseDays',
    message: /即办件当场办结，不填写承诺时限/,
  },
  // Fees
  {
    rule: 'charged without fee basis',
    overrides: { [MZ2]: replace('  basis: 测试收费文件\n', '') },
    file: MZ2,
    at: 'fee:',
    field: 'fee.basis',
    message: /收费事项必须填写收费依据/,
  },
  {
    rule: 'charged without fee standard',
    overrides: { [MZ2]: replace('  standard: 每件10元\n', '') },
    file: MZ2,
    at: 'fee:',
    field: 'fee.standard',
    message: /收费事项必须填写收费标准/,
  },
  {
    rule: 'charged is not a boolean',
    overrides: { [MZ2]: replace('charged: true', 'charged: 是') },
    file: MZ2,
    at: 'charged:',
    field: 'fee.charged',
    message: /「是否收费」应为 true（是）或 false（否）/,
  },
  // Dates and times
  {
    rule: 'bad publishAt',
    overrides: { [A1]: replace('publishAt: "2026-11-01 08:00"', 'publishAt: "2026-13-01 08:00"') },
    file: A1,
    at: 'publishAt:',
    field: 'publishAt',
    message: /发布时间「2026-13-01 08:00」不对/,
  },
  {
    rule: 'bad expireAt',
    overrides: { [A1]: replace('expireAt: "2026-11-30"', 'expireAt: "11月30日"') },
    file: A1,
    at: 'expireAt:',
    field: 'expireAt',
    message: /截止时间「11月30日」不对/,
  },
  {
    rule: 'expireAt not after publishAt',
    overrides: { [A1]: replace('expireAt: "2026-11-30"', 'expireAt: "2026-11-01 08:00"') },
    file: A1,
    at: 'expireAt:',
    field: 'expireAt',
    message: /截止时间 2026-11-01 08:00 必须晚于发布时间/,
  },
  {
    rule: 'bad document date',
    overrides: { [D1]: replace('date: "2018-05-14"', 'date: "2018-02-30"') },
    file: D1,
    at: 'date:',
    field: 'date',
    message: /成文日期「2018-02-30」不对/,
  },
  {
    rule: 'bad roster date',
    overrides: { [STAFF]: replace('"2026-10-01"', '"2026-10-32"') },
    file: STAFF,
    at: '2026-10-32',
    field: 'staff[0].roster[0].date',
    message: /日期「2026-10-32」不对/,
  },
  {
    rule: 'bad opening time',
    overrides: { [ALPHA]: replace('open: "08:30"', 'open: "8:30"') },
    file: ALPHA,
    at: '8:30',
    field: 'hours.periods[0].open',
    message: /时间「8:30」格式不对/,
  },
  {
    rule: 'closing before opening',
    overrides: { [ALPHA]: replace('close: "12:00"', 'close: "07:00"') },
    file: ALPHA,
    at: '07:00',
    field: 'hours.periods[0].close',
    message: /结束时间 07:00 应晚于开始时间 08:30/,
  },
  {
    rule: 'invalid time zone',
    overrides: { 'county.yaml': replace('timeZone: Asia/Shanghai', 'timeZone: Asia/Beijing') },
    file: 'county.yaml',
    at: 'timeZone:',
    field: 'timeZone',
    message: /时区「Asia\/Beijing」无效/,
  },
  {
    rule: 'hub address not http(s) or a same-origin path',
    overrides: { 'county.yaml': replace('timeZone: Asia/Shanghai', 'timeZone: Asia/Shanghai\nhub: //hub.example.cn/') },
    file: 'county.yaml',
    at: 'hub:',
    field: 'hub',
    message: /县级管理平台地址应以 https:\/\/ 或 http:\/\/ 开头/,
  },
  // Sites
  {
    rule: 'township class vs population',
    overrides: { [ALPHA]: replace('population: 20000', 'population: 35000') },
    file: ALPHA,
    at: 'population:',
    field: 'population',
    message: /人口 35000 与乡镇类别「二类」不符.*应为一类/,
  },
  {
    rule: 'township without class',
    overrides: { [ALPHA]: replace('class: 二类\n', '') },
    file: ALPHA,
    at: 1,
    field: 'class',
    message: /必须填写乡镇类别/,
  },
  {
    rule: 'village without parent',
    overrides: { [EAST]: replace('parent: alpha\n', '') },
    file: EAST,
    at: 1,
    field: 'parent',
    message: /村\(社区\)代办站必须填写所属乡镇/,
  },
  {
    rule: 'village without agent',
    overrides: { [EAST]: replace('agent: { name: 王芳, phone: "13800000001", photo: agent.png }\n', '') },
    file: EAST,
    at: 1,
    field: 'agent',
    message: /必须填写代办员/,
  },
  {
    rule: 'township without windows',
    overrides: { 'sites/beta.yaml': replace('windows:\n  - { number: "1", name: 综合窗口, departments: [minzheng] }\n', '') },
    file: 'sites/beta.yaml',
    at: 1,
    field: 'windows',
    message: /必须至少设置一个窗口/,
  },
  {
    rule: 'township without hours',
    overrides: {
      'sites/beta.yaml': replace('hours:\n  days: [1, 2, 3, 4, 5]\n  periods:\n    - { open: "09:00", close: "17:00" }\n', ''),
    },
    file: 'sites/beta.yaml',
    at: 1,
    field: 'hours',
    message: /必须填写办公时间/,
  },
  {
    rule: 'village with windows',
    overrides: { [EAST]: (t) => `${t}windows:\n  - { number: "1", name: 代办, departments: [minzheng] }\n` },
    file: EAST,
    at: 'windows:',
    field: 'windows',
    message: /窗口只在乡镇便民服务中心填写/,
  },
  // AB posts
  {
    rule: 'AB partner missing',
    overrides: { [STAFF]: replace('partner: alpha-li', 'partner: alpha-wang') },
    file: STAFF,
    at: 'partner: alpha-wang',
    field: 'staff[0].partner',
    message: /AB岗搭档「alpha-wang」在本文件中不存在/,
  },
  {
    rule: 'AB partner not pointing back',
    overrides: {
      [STAFF]: (t) =>
        `${t}  - id: alpha-zhao\n    name: 赵强\n    position: 工作人员\n    window: "1"\n    post: B\n    partner: alpha-li\n`,
    },
    file: STAFF,
    at: 22,
    field: 'staff[2].partner',
    message: /AB岗搭档「alpha-li」的 partner 应写回「alpha-zhao」/,
  },
  {
    rule: 'AB partner at another window',
    overrides: { [STAFF]: replace('    window: "1"\n    post: B', '    window: "2"\n    post: B') },
    file: STAFF,
    at: 'partner: alpha-li',
    field: 'staff[0].partner',
    message: /在 2 号窗口，应与本人同一窗口（1 号）/,
  },
  {
    rule: 'AB partner with the same post',
    overrides: { [STAFF]: replace('post: B', 'post: A') },
    file: STAFF,
    at: 'post: A',
    field: 'staff[0].post',
    message: /岗位相同（都是A岗）/,
  },
  {
    rule: 'staff at a window that does not exist',
    overrides: { [STAFF]: (t) => t.replaceAll('window: "1"', 'window: "9"') },
    file: STAFF,
    at: 'window: "9"',
    field: 'staff[0].window',
    message: /窗口「9」在 sites\/alpha\.yaml 中不存在/,
  },
  {
    rule: 'staff file for an unknown township',
    overrides: {
      'staff/gamma.yaml': () =>
        'staff:\n  - { id: g1, name: 某, position: 员, window: "1", post: A, partner: g2 }\n  - { id: g2, name: 某, position: 员, window: "1", post: B, partner: g1 }\n',
    },
    file: 'staff/gamma.yaml',
    at: 1,
    field: '',
    message: /应为某个乡镇的站点编码/,
  },
  // Photos
  {
    rule: 'staff photo missing',
    overrides: { 'staff/photos/zhang.png': null },
    file: STAFF,
    at: 'photo: zhang.png',
    field: 'staff[0].photo',
    message: /照片文件 staff\/photos\/zhang\.png 不存在/,
  },
  {
    rule: 'agent photo missing',
    overrides: { 'staff/photos/agent.png': null },
    file: EAST,
    at: 'agent:',
    field: 'agent.photo',
    message: /照片文件 staff\/photos\/agent\.png 不存在/,
  },
  // Markdown
  {
    rule: 'Markdown body empty',
    overrides: { [A1]: replace('本周六**停电**，暂停办理业务。\n', '') },
    file: A1,
    at: 8,
    field: 'body',
    message: /公告正文为空/,
  },
  {
    rule: 'Markdown without front matter',
    overrides: { [D1]: '# 只有正文\n' },
    file: D1,
    at: 1,
    field: '',
    message: /必须以 --- 开头/,
  },
  {
    rule: 'Markdown image that is a URL',
    overrides: { [D1]: (t) => `${t}\n![图](https://example.com/a.png)\n` },
    file: D1,
    at: 'example.com',
    field: 'body',
    message: /不能是网址/,
  },
  {
    rule: 'Markdown image file missing',
    overrides: { [D1]: (t) => `${t}\n![图](images/missing.png)\n` },
    file: D1,
    at: 'missing.png',
    field: 'body',
    message: /图片文件 documents\/images\/missing\.png 不存在/,
  },
  // Files
  {
    rule: 'missing county.yaml',
    overrides: { 'county.yaml': null },
    file: 'county.yaml',
    at: 0,
    field: '',
    message: /缺少县基本信息文件/,
  },
];

describe('validateContent', () => {
  it('accepts the minimal content', async () => {
    expect((await problemsWith({})).map(formatProblem)).toEqual([]);
  });

  for (const c of cases) {
    it(`reports: ${c.rule}`, async () => {
      const problems = await problemsWith(c.overrides);
      const line = typeof c.at === 'number' ? c.at : lineOf(c.file, c.at, c.overrides);
      if (line === 0) expect(formatProblem({ file: c.file, line, field: c.field, message: 'x' })).toBe(`${c.file} — x`);
      expect(problems).toContainEqual(
        expect.objectContaining({ file: c.file, line, field: c.field, message: expect.stringMatching(c.message) }),
      );
    });
  }

  it('reports an item that no site offers', async () => {
    // 乡镇-level item listed only for a village station: villages do not offer 乡镇-only items.
    const LY2 = 'items/linye/LY-002.yaml';
    const overrides = { [LY2]: replace('sites: [alpha]', 'sites: [alpha-east]') };
    const problems = await problemsWith(overrides);
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: LY2,
        line: lineOf(LY2, 'level:', overrides),
        field: 'level',
        message: expect.stringMatching(/不会出现在任何站点/),
      }),
    );
  });

  it('reports every problem at once, across files, in file order', async () => {
    const problems = await problemsWith({
      [MZ1]: replace('promiseDays: 20\n', ''),
      [MZ2]: replace('  basis: 测试收费文件\n', ''),
      [STAFF]: replace('partner: alpha-li', 'partner: alpha-wang'),
      [A1]: replace('publishAt: "2026-11-01 08:00"', 'publishAt: "明天"'),
    });
    const files = problems.map((p) => p.file);
    expect(files).toEqual(expect.arrayContaining([MZ1, MZ2, STAFF, A1]));
    expect([...files]).toEqual([...files].sort());
  });

  it('reports a content folder without any township', async () => {
    const problems = await problemsWith({
      'sites/alpha.yaml': null,
      'sites/alpha-east.yaml': null,
      'sites/beta.yaml': null,
      'sites/beta-west.yaml': null,
      'staff/alpha.yaml': null,
    });
    expect(problems.map(formatProblem)).toContain('sites/ — 至少需要一个乡镇便民服务中心（sites/<编码>.yaml，kind: township）');
  });

  it('reports YAML and Markdown files it does not know (misspelt folders), but not README.md', async () => {
    const problems = await problemsWith({
      'annoucements/a3.md': '---\nid: a3\n---\n正文\n',
      'topic.yaml': 'topics: []\n',
      'README.md': '# 说明\n',
      'items/README.md': '# 说明\n',
    });
    expect(problems.map((p) => p.file)).toEqual(['annoucements/a3.md', 'topic.yaml']);
    expect(problems[0].message).toMatch(/无法识别的文件/);
  });

  it('reports a missing content folder', async () => {
    const problems = validateContent(await loadContent('/nonexistent/bianmin-content'));
    expect(problems.map(formatProblem)).toEqual(['/nonexistent/bianmin-content — 内容文件夹不存在或为空']);
  });

  it('keeps an unquoted phone number with a leading zero as text', async () => {
    const dir = await writeContent({ 'sites/beta-west.yaml': replace('phone: "13800000002"', 'phone: 013800000002') });
    dirs.push(dir);
    const content = await loadContent(dir);
    expect(validateContent(content)).toEqual([]);
    const west = content.sites.find((s) => s.file === 'sites/beta-west.yaml')!;
    expect(west.data.agent?.phone).toBe('013800000002');
  });

  it('formats a problem as 文件:行 字段 — 说明', async () => {
    const overrides = { [MZ1]: replace('copies: 2', 'copies: 0') };
    const text = (await problemsWith(overrides)).map(formatProblem);
    expect(text).toContain(`${MZ1}:${lineOf(MZ1, 'copies: 0', overrides)} materials[1].copies — 「份数」不能小于 1，现在是 0`);
  });
});

describe('validateContent on malformed values', () => {
  it('reports instead of throwing when any top-level field has the wrong type', async () => {
    const { parse, stringify } = await import('yaml');
    const dir = await writeContent();
    dirs.push(dir);
    const base = await loadContent(dir);
    const wrong: unknown[] = [null, 'x', [1], { a: 1 }];
    let checked = 0;
    for (const kind of ['sites', 'items', 'staff', 'announcements', 'documents'] as const) {
      // A township, a village, an item with every field, the staff file, the front matters.
      for (const src of base[kind].filter((s) => /alpha\.yaml|alpha-east|MZ-001|a1\.md|d1\.md/.test(s.file))) {
        const data = src.data as Record<string, unknown>;
        for (const key of Object.keys(data)) {
          for (const value of wrong) {
            const broken = { ...data, [key]: value };
            const content = { ...base, [kind]: base[kind].map((s) => (s === src ? { ...s, data: parse(stringify(broken)) } : s)) };
            expect(() => validateContent(content)).not.toThrow();
            checked++;
          }
        }
      }
    }
    for (const single of ['county', 'departments', 'topics'] as const) {
      for (const value of wrong) {
        const content = { ...base, [single]: { ...base[single]!, data: value } };
        const problems = validateContent(content);
        expect(problems.length).toBeGreaterThan(0);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(150);
  }, 120_000);
});
