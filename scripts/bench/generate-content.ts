/**
 * A seeded, deterministic content tree in the real content format (content/README.md,
 * scripts/content/source-types.ts) of any size: townships with 11 village stations each, the
 * county's ten departments, items with realistic Chinese names and aliases (10 % offered
 * everywhere, the rest at 1–3 townships), announcements, documents, AB-post staff with small
 * generated PNG photos. Same options ⇒ same bytes (no clock, no Math.random, sorted output).
 *
 * generateContent() returns the files in memory; writeContentTree() writes them to a folder.
 * The CLI is scripts/generate-content.ts (npm run generate-content).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

export interface GenerateOptions {
  /** Total sites: townships (one per 12 sites, at least one) and their village stations (11 each). */
  sites: number;
  items: number;
  announcements: number;
  /** Documents (政府信息); default announcements / 10, at least 1. */
  documents?: number;
  seed: number;
}

export interface GeneratedTree {
  /** Relative path (forward slashes) → file bytes, sorted by path. */
  files: Map<string, Buffer>;
  counts: {
    townships: number;
    villages: number;
    items: number;
    itemsEverywhere: number;
    announcements: number;
    documents: number;
    staff: number;
    photos: number;
  };
  /** Township codes in order; handy for benches ("the median township"). */
  townships: string[];
  /** Item codes with their file paths, in order. */
  items: { code: string; file: string; sites: 'all' | string[] }[];
}

/** Marker file (dot files are ignored by the content loader) so a re-run may replace its own output. */
export const MARKER = '.generated-content';

// ---------------------------------------------------------------------------------------------
// Deterministic random numbers (mulberry32)

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** `n` distinct elements, in list order. */
  sample<T>(list: readonly T[], n: number): T[] {
    const idx = list.map((_, i) => i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    return idx
      .slice(0, Math.min(n, list.length))
      .sort((a, b) => a - b)
      .map((i) => list[i]);
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** Place-name characters with their pinyin (site codes are built from the pinyin). */
const PLACE: [string, string][] = [
  ['白', 'bai'],
  ['鹤', 'he'],
  ['龙', 'long'],
  ['山', 'shan'],
  ['桃', 'tao'],
  ['源', 'yuan'],
  ['青', 'qing'],
  ['石', 'shi'],
  ['河', 'he'],
  ['溪', 'xi'],
  ['松', 'song'],
  ['林', 'lin'],
  ['花', 'hua'],
  ['云', 'yun'],
  ['金', 'jin'],
  ['水', 'shui'],
  ['马', 'ma'],
  ['凤', 'feng'],
  ['平', 'ping'],
  ['安', 'an'],
  ['新', 'xin'],
  ['华', 'hua'],
  ['东', 'dong'],
  ['西', 'xi'],
  ['南', 'nan'],
  ['北', 'bei'],
  ['黄', 'huang'],
  ['柏', 'bai'],
  ['杨', 'yang'],
  ['柳', 'liu'],
  ['红', 'hong'],
  ['岩', 'yan'],
  ['坪', 'ping'],
  ['坝', 'ba'],
  ['沟', 'gou'],
  ['湾', 'wan'],
  ['桥', 'qiao'],
  ['塘', 'tang'],
  ['庙', 'miao'],
  ['田', 'tian'],
  ['竹', 'zhu'],
  ['梅', 'mei'],
  ['兴', 'xing'],
  ['隆', 'long'],
  ['丰', 'feng'],
  ['乐', 'le'],
  ['永', 'yong'],
  ['清', 'qing'],
];

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '罗',
  '高',
  '林',
  '谢',
  '唐',
  '邓',
  '冯',
];
const GIVEN = [
  '建华',
  '丽萍',
  '志强',
  '秀英',
  '桂兰',
  '国庆',
  '海燕',
  '明',
  '芳',
  '军',
  '红梅',
  '晓东',
  '春花',
  '德明',
  '玉兰',
  '小平',
  '文静',
  '永福',
  '淑珍',
  '伟',
  '德华',
  '婷',
  '成林',
  '素芬',
];

interface Dept {
  id: string;
  prefix: string;
  name: string;
  fullName: string;
  icon: string;
  /** [object name, aliases] */
  objects: [string, string[]][];
  subject: string;
}

const DEPTS: Dept[] = [
  {
    id: 'jisheng',
    prefix: 'JS',
    name: '计生',
    fullName: '卫生健康局',
    icon: '育',
    subject: '乡镇人民政府受理，县卫生健康局审批',
    objects: [
      ['生育登记', ['生娃登记', '准生证']],
      ['独生子女父母光荣证', ['独生子女证']],
      ['农村部分计划生育家庭奖励扶助', ['奖扶', '计生奖励']],
      ['计划生育特别扶助金', ['特扶']],
      ['出生医学证明', ['出生证']],
      ['再生育审批', ['二孩审批', '三孩']],
      ['孕产妇保健手册', ['母子手册']],
      ['育儿补贴', ['生育补贴', '养娃补贴']],
    ],
  },
  {
    id: 'guotu',
    prefix: 'GT',
    name: '国土资源',
    fullName: '自然资源局',
    icon: '土',
    subject: '乡镇人民政府受理，县自然资源局审批',
    objects: [
      ['农村宅基地使用', ['宅基地', '建房用地']],
      ['乡村建设规划许可证', ['建房许可', '规划证']],
      ['不动产登记', ['房产证', '土地证']],
      ['临时用地', ['临时占地']],
      ['土地承包经营权证', ['承包证']],
      ['地质灾害隐患点搬迁补助', ['地灾搬迁']],
      ['设施农业用地备案', ['大棚用地']],
      ['耕地占补平衡', ['占补平衡']],
    ],
  },
  {
    id: 'linye',
    prefix: 'LY',
    name: '林业',
    fullName: '林业局',
    icon: '林',
    subject: '乡镇林业站受理，县林业局审批',
    objects: [
      ['林木采伐许可证', ['砍树证', '采伐证']],
      ['林权证', ['林权登记']],
      ['木材运输证明', ['运木材']],
      ['退耕还林补助', ['退耕补助']],
      ['野生动物致害补偿', ['野猪损害', '兽害补偿']],
      ['森林防火用火审批', ['野外用火', '烧荒']],
      ['生态护林员', ['护林员']],
      ['林下种植备案', ['林下经济']],
    ],
  },
  {
    id: 'minzheng',
    prefix: 'MZ',
    name: '民政',
    fullName: '民政局',
    icon: '民',
    subject: '乡镇人民政府受理、审核，县民政局审批',
    objects: [
      ['最低生活保障', ['低保', '困难补助']],
      ['特困人员救助供养', ['五保', '特困供养']],
      ['临时救助', ['急难救助']],
      ['高龄津贴', ['高龄补贴', '老年补贴']],
      ['困难残疾人生活补贴', ['残疾补贴', '两项补贴']],
      ['重度残疾人护理补贴', ['护理补贴']],
      ['婚姻登记', ['结婚证', '离婚']],
      ['孤儿基本生活费', ['孤儿补助']],
      ['事实无人抚养儿童生活补贴', ['无人抚养']],
      ['殡葬补助', ['丧葬费', '火化补助']],
    ],
  },
  {
    id: 'laobao',
    prefix: 'LB',
    name: '劳动保障',
    fullName: '人力资源和社会保障局',
    icon: '保',
    subject: '乡镇劳动保障所受理，县人力资源和社会保障局审核',
    objects: [
      ['城乡居民基本养老保险', ['养老保险', '社保']],
      ['城乡居民养老金', ['养老金', '退休金']],
      ['养老待遇资格认证', ['生存认证', '年审']],
      ['就业失业登记', ['失业登记', '找工作']],
      ['就业创业证', ['就业证']],
      ['创业担保贷款', ['创业贷款', '贴息贷款']],
      ['社会保障卡', ['社保卡']],
      ['职业技能培训补贴', ['培训补贴']],
      ['农民工工资拖欠投诉', ['讨薪', '欠薪']],
    ],
  },
  {
    id: 'caishui',
    prefix: 'CS',
    name: '财税',
    fullName: '财政局',
    icon: '财',
    subject: '乡镇财政所受理，县财政局审核',
    objects: [
      ['耕地地力保护补贴', ['种粮补贴', '耕地补贴']],
      ['惠民惠农财政补贴', ['一卡通', '惠农补贴']],
      ['契税申报', ['契税']],
      ['个人代开发票', ['开发票', '代开票']],
      ['农村公益事业一事一议', ['一事一议']],
      ['村级公益性岗位补贴', ['公益岗']],
    ],
  },
  {
    id: 'shuili',
    prefix: 'SL',
    name: '水利',
    fullName: '水利局',
    icon: '水',
    subject: '乡镇水利站受理，县水利局审批',
    objects: [
      ['取水许可', ['打井', '取水证']],
      ['农村饮水安全', ['吃水难', '自来水']],
      ['河道采砂许可', ['采砂']],
      ['水土保持方案', ['水保方案']],
      ['小型水利工程管护', ['山坪塘', '水渠维修']],
      ['水库移民后期扶持', ['移民补助']],
    ],
  },
  {
    id: 'nongji',
    prefix: 'NJ',
    name: '农机',
    fullName: '农业农村局（农机）',
    icon: '机',
    subject: '乡镇农业服务中心受理，县农业农村局审核',
    objects: [
      ['农机购置补贴', ['买农机补贴', '农机补贴']],
      ['拖拉机和联合收割机登记', ['农机上牌', '拖拉机牌照']],
      ['拖拉机驾驶证', ['农机驾照']],
      ['农机报废更新补贴', ['农机报废']],
      ['农机作业补助', ['机耕补助']],
      ['植保无人机作业备案', ['无人机打药']],
    ],
  },
  {
    id: 'nongbao',
    prefix: 'NB',
    name: '农业保险',
    fullName: '农业农村局（农业保险）',
    icon: '险',
    subject: '乡镇农业服务中心受理，承保机构理赔',
    objects: [
      ['水稻种植保险', ['水稻保险', '稻谷险']],
      ['能繁母猪保险', ['母猪保险', '养猪保险']],
      ['玉米种植保险', ['玉米保险']],
      ['森林保险', ['林木保险']],
      ['农业保险理赔', ['农险理赔', '受灾赔付']],
      ['特色水果保险', ['柑橘保险', '果树保险']],
    ],
  },
  {
    id: 'yibao',
    prefix: 'YB',
    name: '新农合（城乡居民医保）',
    fullName: '医疗保障局',
    icon: '医',
    subject: '乡镇医保经办窗口受理，县医疗保障局审核',
    objects: [
      ['城乡居民基本医疗保险参保', ['新农合', '医保缴费', '合作医疗']],
      ['医疗费用报销', ['看病报销', '医药费报销']],
      ['门诊慢特病认定', ['慢性病', '特殊病']],
      ['异地就医备案', ['外地看病', '异地报销']],
      ['医疗救助', ['大病救助']],
      ['医保电子凭证', ['医保码']],
      ['新生儿参保', ['娃娃参保']],
    ],
  },
];

const ACTIONS: [string, string[]][] = [
  ['申请', ['办理', '申报']],
  ['审核', ['审批']],
  ['变更', ['更改', '修改']],
  ['注销', ['取消']],
  ['补办', ['遗失补办', '丢了']],
  ['认定', ['确认']],
  ['登记', ['报名']],
  ['备案', ['报备']],
  ['核发', ['发放']],
  ['查询', ['查看', '进度']],
  ['年度审验', ['年审']],
  ['待遇发放', ['领钱']],
];
const QUALIFIERS = ['', '农村', '城镇', '个人', '家庭', '企业', '合作社', '脱贫户', '退役军人', '老年人', '残疾人', '异地', '首次', '续期'];
const TYPES = ['行政许可', '行政给付', '行政确认', '行政裁决', '行政奖励', '行政征收', '其他行政权力', '公共服务'];
const FORMS = ['原件', '复印件', '原件和复印件', '电子版', '填写'];
const MATERIALS = [
  '居民身份证',
  '户口簿',
  '申请表',
  '承诺书',
  '结婚证',
  '银行卡或存折',
  '村（社区）证明',
  '一寸免冠照片',
  '病历资料',
  '土地承包合同',
  '房屋权属证明',
  '委托书',
  '残疾证',
  '收入证明',
  '发票',
];
const ANNOUNCE_TOPICS = [
  '低保对象公示',
  '停水通知',
  '停电通知',
  '耕地地力保护补贴发放公示',
  '医保缴费提醒',
  '养老保险待遇认证提醒',
  '森林防火通告',
  '节假日值班安排',
  '农机购置补贴公示',
  '政策宣传',
  '招聘公告',
  '防汛预警',
];
const SENTENCES = [
  '请相关群众相互转告。',
  '如有异议，请在公示期内向便民服务中心反映。',
  '办理时请携带本人居民身份证和户口簿。',
  '行动不便的群众可以请村（社区）代办员代为办理。',
  '咨询电话见本中心大厅公示栏。',
  '具体标准以县政府公布的文件为准。',
  '逾期未办理的，视为自动放弃。',
  '感谢广大群众的理解和支持。',
];

// ---------------------------------------------------------------------------------------------
// Tiny PNG photos (solid colour with a lighter head-and-shoulders silhouette), deterministic bytes

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A 24×30 RGB PNG (4:5, as the editor guide recommends) in the given background colour. */
export function portraitPng(r: number, g: number, b: number): Buffer {
  const w = 24;
  const h = 30;
  const raw = Buffer.alloc(h * (1 + w * 3));
  for (let y = 0; y < h; y++) {
    const row = y * (1 + w * 3);
    raw[row] = 0;
    for (let x = 0; x < w; x++) {
      const head = (x - 12) ** 2 + (y - 11) ** 2 < 30;
      const body = y > 19 && Math.abs(x - 12) < 9 - (30 - y) / 3;
      const p = row + 1 + x * 3;
      const light = head || body;
      raw[p] = light ? 240 : r;
      raw[p + 1] = light ? 232 : g;
      raw[p + 2] = light ? 220 : b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// ---------------------------------------------------------------------------------------------
// YAML writing (values are generated, so quoting is decided here once)

function q(s: string): string {
  return JSON.stringify(s);
}
function flow(obj: Record<string, string | number | boolean | undefined>): string {
  const parts = Object.entries(obj)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? q(v) : String(v)}`);
  return `{ ${parts.join(', ')} }`;
}
function list(values: readonly string[]): string {
  return `[${values.map(q).join(', ')}]`;
}

// ---------------------------------------------------------------------------------------------

interface Place {
  name: string;
  code: string;
}

/** Distinct two-character place names; codes made unique with a number when pinyin collides. */
function places(rng: Rng, n: number, avoid: Set<string>, avoidNames: Set<string>): Place[] {
  const out: Place[] = [];
  let guard = 0;
  while (out.length < n) {
    const a = rng.pick(PLACE);
    const b = rng.pick(PLACE);
    if (a === b && guard++ < 1000) continue;
    let name = a[0] + b[0];
    let code = a[1] + b[1];
    if (avoidNames.has(name)) {
      if (guard++ < 5000) continue;
      name = `${name}${out.length}`;
    }
    let c = code;
    for (let i = 2; avoid.has(c); i++) c = `${code}${i}`;
    code = c;
    avoid.add(code);
    avoidNames.add(name);
    out.push({ name, code });
  }
  return out;
}

function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN);
}

function phone(prefix: string, n: number): string {
  return `0839-${prefix}${String(n % 10000).padStart(4, '0')}`;
}

function mobile(rng: Rng): string {
  return `139${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
}

export function generateContent(opts: GenerateOptions): GeneratedTree {
  const rng = new Rng(opts.seed);
  const files = new Map<string, Buffer>();
  const put = (rel: string, text: string | Buffer) => files.set(rel, typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
  const sites = Math.max(1, Math.floor(opts.sites));
  const townshipCount = Math.max(1, Math.ceil(sites / 12));
  const villageCount = sites - townshipCount;
  const county = '示例县';

  put(
    'county.yaml',
    [
      '# 生成的基准测试内容（scripts/bench/generate-content.ts）',
      'code: gen',
      `name: ${county}`,
      `serviceCentre: ${county}政务服务中心`,
      'publicItemUrl: https://zwfw.example.gov.cn/item/',
      'hotline: { label: 政务服务便民热线, number: "12345" }',
      'supervision: { label: 县政务服务监督举报电话, number: 0839-5212032 }',
      'demo: true',
      '',
    ].join('\n'),
  );
  put(
    'departments.yaml',
    `departments:\n${DEPTS.map((d, i) => `  - ${flow({ id: d.id, name: d.name, fullName: county + d.fullName, icon: d.icon, phone: phone('522', 1100 + i) })}`).join('\n')}\n`,
  );

  // Townships and their villages
  const codes = new Set<string>();
  const names = new Set<string>();
  const towns = places(rng, townshipCount, codes, names);
  let staffCount = 0;
  let photoCount = 0;
  const photo = (file: string) => {
    put(`staff/photos/${file}`, portraitPng(rng.int(40, 200), rng.int(40, 200), rng.int(40, 200)));
    photoCount++;
    return file;
  };
  let villagesLeft = villageCount;
  const withVillages = new Set<string>();
  towns.forEach((t, ti) => {
    const suffix = rng.chance(0.7) ? '镇' : '乡';
    const cls = rng.pick(['一类', '二类', '三类'] as const);
    const population = cls === '一类' ? rng.int(30_001, 60_000) : cls === '二类' ? rng.int(15_000, 30_000) : rng.int(5_000, 14_999);
    // Five windows, two departments each: every department has a window.
    const windows = [0, 1, 2, 3, 4].map((w) => ({ number: String(w + 1), depts: [DEPTS[w * 2], DEPTS[w * 2 + 1]] }));
    const lines = [
      '# 乡镇便民服务中心',
      `code: ${t.code}`,
      'kind: township',
      `name: ${t.name}${suffix}便民服务中心`,
      `class: ${cls}`,
      `population: ${population}`,
      `address: ${county}${t.name}${suffix}${t.name}街${rng.int(1, 300)}号（${suffix}人民政府大门右侧一楼）`,
      'hours:',
      '  days: [1, 2, 3, 4, 5]',
      '  periods:',
      '    - { open: "08:30", close: "12:00" }',
      '    - { open: "14:00", close: "17:30" }',
      '  note: 法定节假日按县政府安排实行节假日轮值',
      'phones:',
      `  consultation: ${flow({ label: `${t.name}${suffix}便民服务中心咨询电话`, number: phone('53', ti * 100 + 1) })}`,
      `  supervision: ${flow({ label: `${t.name}${suffix}纪委监督举报电话`, number: phone('53', ti * 100 + 12) })}`,
      'opinionBox: 大厅入口左侧，取号机旁边的绿色为民服务意见箱',
      'windows:',
      ...windows.map(
        (w, i) =>
          `  - { number: "${w.number}", name: ${q(`${w.depts.map((d) => d.name.replace(/（.*）/, '')).join('和')}窗口`)}, departments: [${w.depts.map((d) => d.id).join(', ')}], position: { x: ${i}, y: 0 } }`,
      ),
      '',
    ];
    put(`sites/${t.code}.yaml`, lines.join('\n'));

    const staff: string[] = ['# 窗口工作人员（挂牌上岗、AB岗）', 'staff:'];
    for (const w of windows) {
      for (const post of ['A', 'B'] as const) {
        const id = `${t.code}-${w.number}${post.toLowerCase()}`;
        const partner = `${t.code}-${w.number}${post === 'A' ? 'b' : 'a'}`;
        staff.push(
          `  - id: ${id}`,
          `    name: ${personName(rng)}`,
          `    photo: ${photo(`${id}.png`)}`,
          `    position: ${post === 'A' ? `${w.depts[0].name.replace(/（.*）/, '')}窗口负责人` : '窗口工作人员'}`,
          `    window: "${w.number}"`,
          `    post: ${post}`,
          `    partner: ${partner}`,
          `    phone: ${phone('53', ti * 100 + 20 + Number(w.number) * 2 + (post === 'B' ? 1 : 0))}`,
        );
        if (rng.chance(0.2)) {
          staff.push(
            '    roster:',
            `      - { date: "2026-12-${String(rng.int(1, 28)).padStart(2, '0')}", onDuty: false, note: ${q(`年休假，由${post === 'A' ? 'B' : 'A'}岗代办`)} }`,
          );
        }
        staffCount++;
      }
    }
    put(`staff/${t.code}.yaml`, `${staff.join('\n')}\n`);

    const n = Math.min(11, villagesLeft);
    villagesLeft -= n;
    if (n > 0) withVillages.add(t.code);
    const villageCodes = new Set<string>();
    const villageNames = new Set<string>();
    for (const v of places(rng, n, villageCodes, villageNames)) {
      const community = rng.chance(0.15);
      const vname = `${v.name}${community ? '社区' : '村'}`;
      const code = `${t.code}-${v.code}`;
      const agentPhoto = rng.chance(0.8) ? photo(`agent-${code}.png`) : undefined;
      put(
        `sites/${code}.yaml`,
        [
          '# 村(社区)便民服务代办站',
          `code: ${code}`,
          'kind: village',
          `name: ${vname}便民服务代办站`,
          `parent: ${t.code}`,
          `address: ${county}${t.name}${suffix}${vname}党群服务中心一楼`,
          'phones:',
          `  consultation: ${flow({ label: `${vname}便民服务代办站电话`, number: mobile(rng) })}`,
          'opinionBox: 代办站门口右侧墙上',
          `agent: ${flow({ name: personName(rng), phone: mobile(rng), photo: agentPhoto })}`,
          '',
        ].join('\n'),
      );
    }
  });
  const townshipCodes = towns.map((t) => t.code);
  // Villages beyond 11 per township cannot exist: the township count is rounded up above.

  // Items
  const itemNames = new Set<string>();
  const items: GeneratedTree['items'] = [];
  const perDept = new Map<string, number>();
  let everywhere = 0;
  for (let i = 0; i < opts.items; i++) {
    const dept = DEPTS[i % DEPTS.length];
    let name = '';
    let aliases: string[] = [];
    for (let tries = 0; tries < 50; tries++) {
      const [obj, objAliases] = rng.pick(dept.objects);
      const [act, actAliases] = rng.pick(ACTIONS);
      const qual = tries < 5 ? (rng.chance(0.5) ? '' : rng.pick(QUALIFIERS)) : rng.pick(QUALIFIERS);
      name = `${qual}${obj}${act}`;
      aliases = [...new Set([rng.pick(objAliases), `${rng.pick(objAliases)}${rng.pick(actAliases)}`, ...(rng.chance(0.3) ? [obj] : [])])];
      if (!itemNames.has(name)) break;
    }
    if (itemNames.has(name)) name = `${name}（${i}）`;
    itemNames.add(name);
    const seq = (perDept.get(dept.id) ?? 0) + 1;
    perDept.set(dept.id, seq);
    const code = `${dept.prefix}-${String(seq).padStart(4, '0')}`;
    const all = rng.chance(0.1);
    if (all) everywhere++;
    const siteList: 'all' | string[] = all ? 'all' : rng.sample(townshipCodes, rng.int(1, 3));
    const picked = rng.pick(['乡镇和村(社区)', '乡镇和村(社区)', '乡镇和村(社区)', '乡镇', '村(社区)'] as const);
    // A village-only item needs a village station among its sites.
    const hasVillage = siteList === 'all' ? withVillages.size > 0 : siteList.some((c) => withVillages.has(c));
    const level = picked === '村(社区)' && !hasVillage ? '乡镇和村(社区)' : picked;
    const promise = rng.chance(0.6);
    const promiseDays = rng.int(1, 20);
    const charged = rng.chance(0.1);
    const mats = rng.sample(MATERIALS, rng.int(1, 5));
    const lines = [
      '# 事项文件：一个事项一个文件，文件名 = 事项编码',
      `code: ${code}`,
      `name: ${name}`,
      `type: ${rng.pick(TYPES)}`,
      `department: ${dept.id}`,
      `subject: ${dept.subject}`,
      'basis:',
      `  - 《${county}${name}管理办法》第${rng.int(1, 30)}条`,
      ...(rng.chance(0.5) ? [`  - 《四川省${dept.objects[0][0]}实施细则》`] : []),
      'conditions:',
      `  - 户籍在本县的${rng.pick(['城乡居民', '农户', '申请人', '家庭'])}`,
      `  - 符合${name}的有关规定`,
      'materials:',
      ...mats.map(
        (m) => `  - ${flow({ name: m, form: rng.pick(FORMS), copies: rng.int(1, 2), optional: rng.chance(0.15) ? true : undefined })}`,
      ),
      'steps:',
      `  - ${flow({ title: '申请', detail: '向便民服务中心窗口或村(社区)代办员提出申请', actor: '申请人' })}`,
      `  - ${flow({ title: '受理', detail: '材料齐全的当场受理，不齐全的一次性告知需补正的材料', actor: '乡镇便民服务中心' })}`,
      ...(promise
        ? [`  - ${flow({ title: '审核', detail: '审核材料，必要时实地核实', actor: `${county}${dept.fullName}`, days: promiseDays })}`]
        : []),
      `  - ${flow({ title: '办结', detail: '告知办理结果', actor: '乡镇便民服务中心' })}`,
      `mode: ${promise ? '承诺件' : '即办件'}`,
      ...(promise ? [`promiseDays: ${promiseDays}`, `legalDays: ${promiseDays + rng.int(0, 20)}`] : []),
      `result: ${rng.pick(['办理结果通知书', '核准发放相关待遇', '登记证明', '审批决定书', '告知办理结果'])}`,
      'fee:',
      `  charged: ${charged}`,
      ...(charged ? ['  basis: 《行政事业性收费标准管理办法》', `  standard: 每件${rng.int(5, 80)}元`] : []),
      `level: ${level}`,
      `sites: ${siteList === 'all' ? 'all' : list(siteList)}`,
      `keywords: ${list(aliases)}`,
      ...(rng.chance(0.3)
        ? ['faq:', `  - ${flow({ q: '可以请人代办吗？', a: '可以，请携带委托书和代办人身份证，也可请村(社区)代办员代办。' })}`]
        : []),
      `popularity: ${rng.int(0, 100)}`,
      `visits: ${rng.int(0, 2)}`,
      '',
    ];
    const file = `items/${dept.id}/${code}.yaml`;
    put(file, lines.join('\n'));
    items.push({ code, file, sites: siteList });
  }

  // Announcements and documents
  const textSites = (): string => (rng.chance(0.3) ? 'all' : list(rng.sample(townshipCodes, rng.int(1, 3))));
  for (let i = 0; i < opts.announcements; i++) {
    const topic = rng.pick(ANNOUNCE_TOPICS);
    const month = rng.int(1, 12);
    const day = rng.int(1, 28);
    const id = `gen-${String(i + 1).padStart(5, '0')}`;
    const urgent = rng.chance(0.05);
    const body = [
      `${county}${topic}：`,
      '',
      `${rng.pick(SENTENCES)}${rng.pick(SENTENCES)}`,
      '',
      `- 时间：2026年${month}月${day}日起`,
      `- 地点：各乡镇便民服务中心${rng.int(1, 5)}号窗口`,
      '',
      `**${rng.pick(SENTENCES)}**`,
      '',
    ];
    put(
      `announcements/${id}.md`,
      [
        '---',
        `id: ${id}`,
        `title: ${q(`关于${topic}的公告（第${i + 1}号）`)}`,
        `publishAt: "2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} 08:00"`,
        ...(rng.chance(0.5) ? [`expireAt: "2027-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} 18:00"`] : []),
        `priority: ${urgent ? 'urgent' : 'normal'}`,
        `sites: ${textSites()}`,
        '---',
        ...body,
      ].join('\n'),
    );
  }
  const documents = opts.documents ?? Math.max(1, Math.floor(opts.announcements / 10));
  for (let i = 0; i < documents; i++) {
    const dept = rng.pick(DEPTS);
    const id = `gen-doc-${String(i + 1).padStart(4, '0')}`;
    const [obj] = rng.pick(dept.objects);
    put(
      `documents/${id}.md`,
      [
        '---',
        `id: ${id}`,
        `title: ${q(`${county}${dept.fullName}关于做好${obj}工作的通知`)}`,
        `issuer: ${county}${dept.fullName}`,
        `number: ${q(`示${dept.prefix.toLowerCase()}发〔2026〕${i + 1}号`)}`,
        `date: "2026-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}"`,
        `sites: ${textSites()}`,
        '---',
        '各乡镇人民政府，县级有关部门：',
        '',
        `## 一、工作目标`,
        '',
        `${rng.pick(SENTENCES)}${rng.pick(SENTENCES)}${rng.pick(SENTENCES)}`,
        '',
        '## 二、工作要求',
        '',
        `1. ${rng.pick(SENTENCES)}`,
        `2. ${rng.pick(SENTENCES)}`,
        '',
      ].join('\n'),
    );
  }

  // One topic over items offered everywhere (when there are any).
  const everywhereCodes = items.filter((it) => it.sites === 'all').map((it) => it.code);
  if (everywhereCodes.length > 0) {
    put(
      'topics.yaml',
      [
        'topics:',
        '  - id: changban',
        '    name: 常办事项',
        '    icon: 常',
        '    description: 全县各站点都能办的事项。',
        `    items: ${list(everywhereCodes.slice(0, 8))}`,
        '',
      ].join('\n'),
    );
  }

  const sorted = new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    files: sorted,
    counts: {
      townships: townshipCount,
      villages: villageCount,
      items: opts.items,
      itemsEverywhere: everywhere,
      announcements: opts.announcements,
      documents,
      staff: staffCount,
      photos: photoCount,
    },
    townships: townshipCodes,
    items,
  };
}

/** Thrown when the output folder holds files that this generator did not write. */
export class OutputNotEmpty extends Error {}

/** Write a generated tree into `dir` (created; replaced only if it holds an earlier generated tree). */
export function writeContentTree(dir: string, tree: GeneratedTree, seedNote = ''): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!existsSync(path.join(dir, MARKER))) {
      throw new OutputNotEmpty(`输出文件夹 ${dir} 不是空的，也不是本程序生成的内容：为避免覆盖，请换一个文件夹`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  for (const [rel, data] of tree.files) {
    const abs = path.join(dir, ...rel.split('/'));
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, data);
  }
  writeFileSync(path.join(dir, MARKER), `generated by scripts/bench/generate-content.ts ${seedNote}\n`);
}
