/**
 * One sheet row → an ItemPatch (the fields the sheet has columns for), or the
 * problems of that row. Rules that need more than the row (unique codes across
 * the sheet and the content folder) are checked in plan-import.ts.
 */
import { COLUMN_BY_KEY, type ColumnKey } from './columns.ts';
import type { ItemPatch } from './item-yaml.ts';
import {
  compact,
  isNone,
  parseItemType,
  parseLevel,
  parseMaterials,
  parseMode,
  parseSteps,
  parseWorkingDays,
  parseYesNo,
} from './parse-fields.ts';
import type { SheetRow } from './sheet.ts';
import { splitEntries, splitNames } from './split-list.ts';

/** Item codes become file names and web addresses. Same rule as the content validator. */
export const ITEM_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export interface DepartmentRef {
  id: string;
  name: string;
  fullName?: string;
}

export interface SiteRefLite {
  code: string;
  name: string;
  /** Township code of a village station. */
  parent?: string;
}

export interface RowContext {
  /** Column index (0 = A) of every column the sheet has. */
  columns: ReadonlyMap<ColumnKey, number>;
  departments: readonly DepartmentRef[];
  sites: readonly SiteRefLite[];
  /** Departments created by this import (by name), when --create-departments is given. */
  createDepartment?: (name: string) => string;
}

export interface RowProblem {
  column: ColumnKey;
  message: string;
}

export interface RowResult {
  /** The row's 事项编码 when it has a usable one (also when the row has other problems). */
  code?: string;
  patch?: ItemPatch;
  problems: RowProblem[];
}

/** A department name without a trailing bracketed part: 新农合（城乡居民医保） → 新农合. */
function stripBracketed(s: string): string {
  return s.replace(/\([^()]*\)$/, '');
}

export function findDepartment(departments: readonly DepartmentRef[], text: string): DepartmentRef | undefined {
  const t = compact(text);
  if (!t) return undefined;
  const keys = (d: DepartmentRef) => {
    const names = [d.id, d.name, d.fullName ?? ''].map(compact).filter(Boolean);
    return [...names, ...names.map(stripBracketed)];
  };
  return (
    departments.find((d) => [d.id, d.name, d.fullName ?? ''].map(compact).includes(t)) ??
    departments.find((d) => keys(d).includes(t) || keys(d).includes(stripBracketed(t)))
  );
}

/** 白鹤镇便民服务中心 → 白鹤镇; 清水村便民服务代办站 → 清水村. */
export function shortSiteName(name: string): string {
  return compact(name).replace(/(?:便民服务中心|便民服务代办站|便民服务站|代办站|服务中心)$/, '');
}

/**
 * A site by code, full name, short name (白鹤镇, 清水村) or township + village
 * (白鹤镇清水村). Several stations with the same short name are ambiguous.
 */
export function findSite(sites: readonly SiteRefLite[], text: string): { site?: SiteRefLite; ambiguous?: SiteRefLite[] } {
  const t = compact(text);
  const exact = sites.find((s) => compact(s.code) === t || compact(s.name) === t);
  if (exact) return { site: exact };
  const short = sites.filter((s) => shortSiteName(s.name) === t);
  if (short.length === 1) return { site: short[0] };
  if (short.length > 1) return { ambiguous: short };
  const byCode = new Map(sites.map((s) => [s.code, s] as const));
  const joined = sites.filter((s) => {
    const parent = s.parent ? byCode.get(s.parent) : undefined;
    return parent !== undefined && shortSiteName(parent.name) + shortSiteName(s.name) === t;
  });
  return joined.length === 1 ? { site: joined[0] } : {};
}

export function mapRow(row: SheetRow, ctx: RowContext): RowResult {
  const problems: RowProblem[] = [];
  const has = (k: ColumnKey) => ctx.columns.has(k);
  const cell = (k: ColumnKey): string => {
    const i = ctx.columns.get(k);
    return i === undefined ? '' : (row.cells[i] ?? '').trim();
  };
  const problem = (column: ColumnKey, message: string) => problems.push({ column, message });
  /** Value of a required cell, or a problem when it is empty (only if the column exists). */
  const required = (k: ColumnKey): string | undefined => {
    if (!has(k)) return undefined;
    const v = cell(k);
    if (v === '') {
      problem(k, `「${COLUMN_BY_KEY[k].header}」不能为空`);
      return undefined;
    }
    return v;
  };

  // Codes typed with a Chinese input method come in full width: ＭＺ－００１ → MZ-001.
  const codeCell = required('code');
  const code = codeCell === undefined ? undefined : compact(codeCell);
  if (code !== undefined && !ITEM_CODE_PATTERN.test(code)) {
    problem('code', `事项编码「${code}」只能使用字母、数字、短横线（-）和下划线（_），且以字母或数字开头`);
  }
  const patch: ItemPatch = { code: code ?? '' };

  const name = required('name');
  if (name !== undefined) patch.name = name.replace(/\s*\n\s*/g, '');

  const typeText = required('type');
  if (typeText !== undefined) {
    const r = parseItemType(typeText);
    if (r.ok) patch.type = r.value;
    else problem('type', r.message);
  }

  const deptText = required('department');
  if (deptText !== undefined) {
    const d = findDepartment(ctx.departments, deptText);
    if (d) patch.department = d.id;
    else if (ctx.createDepartment) patch.department = ctx.createDepartment(deptText);
    else {
      problem(
        'department',
        `主管部门「${deptText}」在 departments.yaml 中不存在：请填写已有部门的名称（${ctx.departments
          .map((x) => x.name)
          .join('、')}），或先在 departments.yaml 中添加，或导入时加 --create-departments 自动新建`,
      );
    }
  }

  const subject = required('subject');
  if (subject !== undefined) patch.subject = subject;

  for (const k of ['basis', 'conditions'] as const) {
    const v = required(k);
    if (v !== undefined) {
      const list = splitEntries(v, { semicolons: true });
      if (list.length) patch[k] = list;
      else problem(k, `「${COLUMN_BY_KEY[k].header}」不能为空`);
    }
  }

  if (has('materials')) {
    const v = cell('materials');
    if (v === '') problem('materials', '「申请材料」不能为空；不需要材料时填“无”');
    else {
      const r = parseMaterials(v);
      if (r.ok) patch.materials = r.value;
      else problem('materials', r.message);
    }
  }

  const stepsText = required('steps');
  if (stepsText !== undefined) {
    const steps = parseSteps(stepsText);
    if (steps.length) patch.steps = steps;
    else problem('steps', '「办理程序」不能为空');
  }

  const modeText = required('mode');
  if (modeText !== undefined) {
    const r = parseMode(modeText);
    if (r.ok) patch.mode = r.value;
    else problem('mode', r.message);
  }

  // 承诺时限: required for 承诺件; a 即办件 has none.
  let promise: number | undefined;
  if (patch.mode === '承诺件') {
    if (!has('promiseDays')) problem('promiseDays', '承诺件必须填写承诺时限，但表格中没有「承诺时限」列');
    else {
      const text = cell('promiseDays');
      const r = parseWorkingDays(text, '承诺时限');
      if (!r.ok) problem('promiseDays', r.message);
      else if (r.value === undefined) problem('promiseDays', '承诺件必须填写承诺时限（工作日数，例如 5 或“5个工作日”）');
      else promise = patch.promiseDays = r.value;
    }
  } else if (patch.mode === '即办件') {
    const text = cell('promiseDays');
    if (text !== '' && !/^(?:即办|即时办结|当场办结|立即办结|当场|即时|0|无|—|-|\/)$/.test(compact(text))) {
      problem('promiseDays', `即办件当场办结，不填承诺时限（现为「${text}」）；需要若干工作日办结的请把办件类型改为承诺件`);
    }
    patch.promiseDays = null;
  }

  if (has('legalDays')) {
    const text = cell('legalDays');
    if (isNone(text)) patch.legalDays = null;
    else {
      const r = parseWorkingDays(text, '法定时限');
      if (!r.ok) problem('legalDays', r.message);
      else if (r.value === undefined) patch.legalDays = null;
      else {
        patch.legalDays = r.value;
        if (promise !== undefined && r.value < promise) {
          problem('legalDays', `法定时限 ${r.value} 个工作日短于承诺时限 ${promise} 个工作日：承诺时限不能超过法定时限`);
        }
      }
    }
  }

  const result = required('result');
  if (result !== undefined) patch.result = result;

  const chargedText = required('charged');
  if (chargedText !== undefined) {
    const r = parseYesNo(chargedText);
    if (!r.ok) problem('charged', r.message);
    else if (r.value) {
      const basis = cell('feeBasis');
      const standard = cell('feeStandard');
      const fee = { charged: true, basis: '', standard: '' };
      for (const [k, v] of [
        ['feeBasis', basis],
        ['feeStandard', standard],
      ] as const) {
        const header = COLUMN_BY_KEY[k].header;
        if (!has(k)) problem(k, `收费事项必须填写${header}，但表格中没有「${header}」列`);
        else if (v === '' || isNone(v) || compact(v) === '不收费') problem(k, `是否收费为“是”时必须填写${header}`);
      }
      fee.basis = basis;
      fee.standard = standard;
      patch.fee = fee;
    } else {
      const standard = cell('feeStandard');
      if (standard !== '' && !isNone(standard) && !/^(?:不收费|免费|免收|0|0元)$/.test(compact(standard))) {
        problem('feeStandard', `是否收费为“否”时收费标准应为“不收费”（现为「${standard}」）`);
      }
      const basis = cell('feeBasis');
      const keepBasis = basis !== '' && !isNone(basis) && !/^(?:不收费|免费)$/.test(compact(basis));
      patch.fee = { charged: false, basis: keepBasis ? basis : null, standard: null };
    }
  }

  if (has('supervision')) {
    const v = cell('supervision');
    patch.supervision = v === '' ? null : v;
  }
  if (has('phone')) {
    const v = cell('phone');
    patch.phone = v === '' || isNone(v) ? null : v;
  }

  const levelText = required('level');
  if (levelText !== undefined) {
    const r = parseLevel(levelText);
    if (r.ok) patch.level = r.value;
    else problem('level', r.message);
  }

  if (has('sites')) {
    const v = cell('sites');
    if (v === '' || compact(v) === '全部' || compact(v).toLowerCase() === 'all') patch.sites = 'all';
    else {
      const codes: string[] = [];
      const unknown: string[] = [];
      let bad = false;
      for (const n of splitNames(v)) {
        const found = findSite(ctx.sites, n);
        if (found.site) {
          if (!codes.includes(found.site.code)) codes.push(found.site.code);
        } else if (found.ambiguous) {
          bad = true;
          problem('sites', `适用站点「${n}」有多个同名站点（${found.ambiguous.map((x) => x.code).join('、')}）：请改填站点编码`);
        } else unknown.push(n);
      }
      if (unknown.length) {
        bad = true;
        problem(
          'sites',
          `适用站点「${unknown.join('、')}」不存在：请填写“全部”，或站点的编码或名称（如 ${ctx.sites
            .slice(0, 3)
            .map((x) => shortSiteName(x.name))
            .join('、')}）`,
        );
      }
      if (!bad) patch.sites = codes;
    }
  }

  if (has('keywords')) {
    const words = splitNames(cell('keywords'));
    patch.keywords = words.length ? words : null;
  }

  const usableCode = code !== undefined && ITEM_CODE_PATTERN.test(code) ? code : undefined;
  return problems.length ? { code: usableCode, problems } : { code: usableCode, patch, problems };
}
