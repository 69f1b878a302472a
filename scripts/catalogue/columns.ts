/**
 * The columns of the county's item catalogue sheet (目录清单) and how a header
 * cell is matched to one of them. Headers are matched by text, in any order;
 * surrounding spaces, full-/half-width brackets, a leading `*` and a trailing
 * `（必填）`/`(选填)` are tolerated.
 */

export type ColumnKey =
  | 'code'
  | 'name'
  | 'type'
  | 'department'
  | 'subject'
  | 'basis'
  | 'conditions'
  | 'materials'
  | 'steps'
  | 'mode'
  | 'promiseDays'
  | 'legalDays'
  | 'result'
  | 'charged'
  | 'feeBasis'
  | 'feeStandard'
  | 'supervision'
  | 'phone'
  | 'level'
  | 'sites'
  | 'keywords';

export interface ColumnDef {
  key: ColumnKey;
  header: string;
  /** The column must be present in the sheet. */
  required: boolean;
  /** One line for the template's 说明 sheet. */
  help: string;
}

export const COLUMNS: readonly ColumnDef[] = [
  {
    key: 'code',
    header: '事项编码',
    required: true,
    help: '必填，全表唯一；只能用字母、数字、短横线、下划线和点，例如 MZ-001。已有事项按编码更新。',
  },
  { key: 'name', header: '事项名称', required: true, help: '必填。' },
  {
    key: 'type',
    header: '事项类型',
    required: true,
    help: '必填：行政许可、行政给付、行政确认、行政裁决、行政奖励、行政征收、其他行政权力、公共服务 之一。',
  },
  {
    key: 'department',
    header: '主管部门',
    required: true,
    help: '必填：departments.yaml 中已有的部门名称、全称或 id（如 民政、云溪县民政局）。可以合并单元格。',
  },
  { key: 'subject', header: '办理主体', required: true, help: '必填。' },
  { key: 'basis', header: '办理依据', required: true, help: '必填；多条依据每条一行（单元格内换行），或用“；”分隔。' },
  { key: 'conditions', header: '办理条件', required: true, help: '必填；多个条件每条一行，或用“；”、1. 2. 编号分隔。' },
  {
    key: 'materials',
    header: '申请材料',
    required: true,
    help: '必填，无需材料填“无”；每份材料一行或用“；”分隔，括号内写形式和份数，例如：户口簿（原件1份、复印件1份）。',
  },
  {
    key: 'steps',
    header: '办理程序',
    required: true,
    help: '必填；每步一行，或用 1. 2. 编号；可写“步骤：说明”，例如：受理：材料齐全的当场受理。',
  },
  { key: 'mode', header: '办件类型', required: true, help: '必填：即办件 或 承诺件。' },
  { key: 'promiseDays', header: '承诺时限', required: false, help: '承诺件必填：工作日数，如 5 或 5个工作日；即办件留空。' },
  { key: 'legalDays', header: '法定时限', required: false, help: '选填：工作日数，不能少于承诺时限。' },
  { key: 'result', header: '办理结果', required: true, help: '必填。' },
  { key: 'charged', header: '是否收费', required: true, help: '必填：是 或 否。' },
  { key: 'feeBasis', header: '收费依据', required: false, help: '收费（是）时必填。' },
  { key: 'feeStandard', header: '收费标准', required: false, help: '收费（是）时必填；不收费（否）时填“不收费”或留空。' },
  { key: 'supervision', header: '监督渠道', required: false, help: '选填；留空时显示本站的监督举报电话。' },
  { key: 'phone', header: '咨询电话', required: false, help: '选填；留空时显示部门电话。' },
  { key: 'level', header: '办理层级', required: true, help: '必填：乡镇、村(社区) 或 乡镇和村(社区)。' },
  {
    key: 'sites',
    header: '适用站点',
    required: false,
    help: '选填，默认“全部”；或填站点编码/名称，用“、”或逗号分隔，例如：白鹤镇、龙山镇。',
  },
  { key: 'keywords', header: '关键词', required: false, help: '选填：群众常说的别名，用“、”或逗号分隔，例如：低保、困难补助。' },
];

export const COLUMN_BY_KEY: Readonly<Record<ColumnKey, ColumnDef>> = Object.fromEntries(COLUMNS.map((c) => [c.key, c])) as Record<
  ColumnKey,
  ColumnDef
>;

const OPTIONAL_MARKS = /[(](?:必填|选填|可选|非必填|必填项|选填项)[)]$/;
const TRAILING_GROUP = /[(][^()]*[)]$/;

/**
 * Canonical form of a header cell: NFKC (full-width brackets and letters become
 * half-width), every kind of white space removed, a leading `*` and trailing
 * `(必填)`-style marks removed.
 */
export function normalizeHeader(text: string): string {
  let s = text.normalize('NFKC').replace(/\s+/gu, '');
  s = s.replace(/^[*]+/, '').replace(/[*]+$/, '');
  let prev = '';
  while (prev !== s) {
    prev = s;
    s = s.replace(OPTIONAL_MARKS, '');
  }
  return s;
}

const BY_NORMAL = new Map(COLUMNS.map((c) => [normalizeHeader(c.header), c] as const));

/**
 * The column a header cell names, or undefined. Besides the exact (normalized)
 * header, a header followed by one bracketed hint is accepted, e.g.
 * `承诺时限（工作日）`.
 */
export function matchHeader(text: string): ColumnDef | undefined {
  const n = normalizeHeader(text);
  if (!n) return undefined;
  const exact = BY_NORMAL.get(n);
  if (exact) return exact;
  const stripped = n.replace(TRAILING_GROUP, '');
  if (stripped !== n) return BY_NORMAL.get(stripped);
  return undefined;
}

/** Excel column letters for a 1-based column index: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let n = index;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
