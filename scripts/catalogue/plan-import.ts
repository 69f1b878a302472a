/**
 * Planning an import: read the sheet, map every row, check every rule, and
 * build the text of every file to write — all in memory. Nothing is written
 * here (see write-plan.ts); a plan with any error is never applied.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseYamlSource } from '../content/yaml-source.ts';
import { loadContent, type LoadedContent } from '../content/load-content.ts';
import type { Problem } from '../content/problems.ts';
import type { DepartmentSource, ItemSource } from '../content/source-types.ts';
import { validateContent } from '../content/validate-content.ts';
import { COLUMN_BY_KEY, columnLetter, type ColumnKey } from './columns.ts';
import { appendDepartments, departmentId, newDepartment } from './departments-yaml.ts';
import { chooseSheet, mapHeader } from './header-map.ts';
import { newItemText, updateItemText, type ItemPatch } from './item-yaml.ts';
import { mapRow, type DepartmentRef, type SiteRefLite } from './map-row.ts';
import { compact } from './parse-fields.ts';
import { readCsv } from './read-csv.ts';
import { readXlsx, type WorkbookSheet } from './read-xlsx.ts';
import type { Sheet } from './sheet.ts';

export interface ImportOptions {
  /** The .xlsx or .csv file. */
  file: string;
  /** The content folder (default content/). */
  contentDir: string;
  /** Create departments that do not exist yet (appended to departments.yaml). */
  createDepartments?: boolean;
  /** Sheet name (xlsx); default: the sheet whose first row is the header. */
  sheet?: string;
}

/** One problem: where in the sheet (sheet, Excel row, column header) or which content file, and what. */
export interface ImportError {
  sheet?: string;
  /** Row as Excel/WPS shows it; the header is row 1. */
  row?: number;
  /** Column header as the issue names it, e.g. 事项类型. */
  column?: string;
  /** Column letter in the sheet, e.g. C, when the column exists. */
  letter?: string;
  /** Content file (relative to the content folder) the problem is about, if any. */
  file?: string;
  message: string;
}

export type ChangeStatus = 'added' | 'updated' | 'unchanged';

export interface ItemChange {
  code: string;
  name: string;
  row: number;
  status: ChangeStatus;
  /** Path relative to the content folder, forward slashes. */
  file: string;
  /** When the department changed: the file's previous path. */
  movedFrom?: string;
  /** For an update: the item fields that changed (keys of ItemSource). */
  fields?: string[];
}

export interface FileWrite {
  /** Relative to the content folder, forward slashes. */
  file: string;
  text: string;
}

export interface ImportPlan {
  ok: boolean;
  source: { file: string; format: 'xlsx' | 'csv'; sheet?: string; encoding?: string; rows: number };
  errors: ImportError[];
  notices: string[];
  changes: ItemChange[];
  createdDepartments: DepartmentSource[];
  writes: FileWrite[];
  /** Files to delete after the writes (items moved to another department folder). */
  removals: string[];
}

async function readSheets(
  file: string,
): Promise<{ sheets: (Sheet | WorkbookSheet)[]; format: 'xlsx' | 'csv'; encoding?: string } | ImportError> {
  const ext = path.extname(file).toLowerCase();
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    return { message: `找不到文件：${file}` };
  }
  if (ext === '.xlsx' || ext === '.xlsm') {
    try {
      return { sheets: await readXlsx(data), format: 'xlsx' };
    } catch (e) {
      return { message: `无法读取 Excel 文件 ${path.basename(file)}：文件可能已损坏或不是 .xlsx 格式（${(e as Error).message}）` };
    }
  }
  if (ext === '.csv' || ext === '.txt') {
    const sheet = readCsv(data, path.basename(file, ext));
    return { sheets: [sheet], format: 'csv', encoding: sheet.encoding };
  }
  if (ext === '.xls' || ext === '.et') {
    return { message: `不支持旧版 ${ext} 格式：请在 Excel 或 WPS 中“另存为” .xlsx（Excel 工作簿）或 .csv 后再导入` };
  }
  return { message: `不支持的文件类型「${ext || '无扩展名'}」：请使用 .xlsx 或 .csv 文件` };
}

/** Problem field path → sheet column: `fee.basis` → 收费依据. */
const FIELD_COLUMN: Record<string, ColumnKey> = {
  code: 'code',
  name: 'name',
  type: 'type',
  department: 'department',
  subject: 'subject',
  basis: 'basis',
  conditions: 'conditions',
  materials: 'materials',
  steps: 'steps',
  mode: 'mode',
  promiseDays: 'promiseDays',
  legalDays: 'legalDays',
  result: 'result',
  'fee.charged': 'charged',
  'fee.basis': 'feeBasis',
  'fee.standard': 'feeStandard',
  fee: 'charged',
  supervision: 'supervision',
  phone: 'phone',
  level: 'level',
  sites: 'sites',
  keywords: 'keywords',
};

function fieldColumn(field: string): ColumnKey | undefined {
  const f = field.replace(/\[\d+\].*$/, '');
  return FIELD_COLUMN[f] ?? FIELD_COLUMN[f.split('.')[0]];
}

/** Where a sheet column is: its header as the issue names it and its letter, when the sheet has it. */
type ColumnAt = (key: ColumnKey) => { column: string; letter?: string };

/** What the import reads of the content folder as it is now. */
interface ContentRefs {
  departments: DepartmentRef[];
  sites: SiteRefLite[];
  countyName?: string;
  /** Existing items by code (more than one file = a problem to report). */
  existing: Map<string, { file: string; data: ItemSource }[]>;
  /** Existing codes by their lower-case form. */
  existingByLower: Map<string, string>;
}

/** Phase 2: the header of the chosen sheet — column positions, header errors, ignored columns. */
export function checkHeader(sheet: Sheet | WorkbookSheet): {
  columns: Map<ColumnKey, number>;
  at: ColumnAt;
  errors: ImportError[];
  notices: string[];
} {
  const header = mapHeader(sheet.header);
  const columns = header.columns;
  const at: ColumnAt = (key) => {
    const i = columns.get(key);
    return { column: COLUMN_BY_KEY[key].header, letter: i === undefined ? undefined : columnLetter(i + 1) };
  };
  const errors: ImportError[] = header.problems.map((p) => ({
    sheet: sheet.name,
    row: 1,
    column: p.header,
    letter: p.column ? columnLetter(p.column) : undefined,
    message: p.message,
  }));
  const notices = header.ignored.map((ig) => `已忽略不认识的列「${ig.header}」（${columnLetter(ig.column)} 列）`);
  const headerless = new Set<number>();
  for (const r of sheet.rows) {
    r.cells.forEach((c, i) => {
      if (c !== '' && (sheet.header[i] ?? '').trim() === '') headerless.add(i);
    });
  }
  for (const i of [...headerless].sort((a, b) => a - b)) notices.push(`${columnLetter(i + 1)} 列没有表头，其中的内容已忽略`);
  if (sheet.rows.length === 0) errors.push({ sheet: sheet.name, row: 2, message: '表格中没有事项：表头下面至少要有一行' });
  return { columns, at, errors, notices };
}

/**
 * Phase 3: problems of the content folder that stop an import. Files the import reads (county,
 * departments, sites, items) must parse; problems elsewhere (announcements, staff, a stray file)
 * are the publisher's business, counted by the cross-check.
 */
export function blockingContentProblems(content: LoadedContent): ImportError[] {
  return content.problems
    .filter(
      (p) => !p.message.startsWith('无法识别的文件') && !/^(?:announcements|documents|staff)\//.test(p.file) && p.file !== 'topics.yaml',
    )
    .map((p) => {
      const where = p.line > 0 ? `${p.file} 第 ${p.line} 行` : p.file;
      return { file: p.file, message: `内容文件夹有问题，请先修正：${where}：${p.message}` };
    });
}

/** Phase 4: departments, sites, the county's name and the existing items, from the content folder. */
export function contentRefs(content: LoadedContent): ContentRefs {
  const departmentsData = (content.departments?.data?.departments ?? []) as DepartmentSource[];
  const existing = new Map<string, { file: string; data: ItemSource }[]>();
  for (const src of content.items) {
    const raw: unknown = src.data?.code;
    const code = typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : undefined;
    if (!code) continue;
    existing.set(code, [...(existing.get(code) ?? []), { file: src.file, data: src.data }]);
  }
  return {
    departments: departmentsData.filter((d) => d && typeof d.id === 'string'),
    sites: content.sites
      .map((s) => s.data)
      .filter((s) => s && typeof s.code === 'string')
      .map((s) => ({ code: s.code, name: String(s.name ?? s.code), parent: typeof s.parent === 'string' ? s.parent : undefined })),
    countyName: typeof content.county?.data?.name === 'string' ? content.county.data.name : undefined,
    existing,
    existingByLower: new Map([...existing.keys()].map((code) => [code.toLowerCase(), code])),
  };
}

/** --create-departments: one new department per distinct unknown name, in order of first use. */
export function departmentCreator(
  refs: ContentRefs,
  enabled: boolean,
): { create?: (name: string) => string; created: Map<string, DepartmentSource> } {
  const created = new Map<string, DepartmentSource>();
  if (!enabled) return { created };
  const create = (name: string): string => {
    const key = compact(name);
    const prior = created.get(key);
    if (prior) return prior.id;
    const taken = new Set([...refs.departments.map((d) => d.id), ...[...created.values()].map((d) => d.id)]);
    const dept = newDepartment(name, departmentId(name, taken), refs.countyName);
    created.set(key, dept);
    return dept.id;
  };
  return { create, created };
}

/** Phase 5: every row mapped to an item patch; duplicate and clashing codes are errors. */
export function mapRows(
  sheet: Sheet | WorkbookSheet,
  columns: Map<ColumnKey, number>,
  at: ColumnAt,
  refs: ContentRefs,
  createDepartment?: (name: string) => string,
): { errors: ImportError[]; patches: { row: number; patch: ItemPatch }[]; codesInSheet: Set<string> } {
  const errors: ImportError[] = [];
  const firstRow = new Map<string, number>();
  const firstRowLower = new Map<string, { row: number; code: string }>();
  const patches: { row: number; patch: ItemPatch }[] = [];
  const codeError = (row: number, message: string) => errors.push({ sheet: sheet.name, row, ...at('code'), message });
  for (const row of sheet.rows) {
    const result = mapRow(row, { columns, departments: refs.departments, sites: refs.sites, createDepartment });
    for (const p of result.problems) errors.push({ sheet: sheet.name, row: row.number, ...at(p.column), message: p.message });
    const code = result.code;
    if (code !== undefined) {
      const prior = firstRow.get(code);
      const priorLower = firstRowLower.get(code.toLowerCase());
      if (prior !== undefined) {
        codeError(row.number, `事项编码「${code}」与第 ${prior} 行重复：每个事项编码只能出现一次`);
        continue;
      }
      if (priorLower) {
        codeError(row.number, `事项编码「${code}」与第 ${priorLower.row} 行的「${priorLower.code}」只差大小写：请统一写法`);
        continue;
      }
      firstRow.set(code, row.number);
      firstRowLower.set(code.toLowerCase(), { row: row.number, code });
      const files = refs.existing.get(code);
      if (files && files.length > 1) {
        codeError(row.number, `内容文件夹中已有多个事项使用编码「${code}」（${files.map((f) => f.file).join('、')}）：请先删除多余的文件`);
      }
      const other = refs.existingByLower.get(code.toLowerCase());
      if (!files && other) codeError(row.number, `事项编码「${code}」与已有事项「${other}」只差大小写：更新已有事项请写「${other}」`);
    }
    if (result.patch) patches.push({ row: row.number, patch: result.patch });
  }
  return { errors, patches, codesInSheet: new Set(firstRow.keys()) };
}

/** Phase 6: the text of every item file — updated in place (keeping comments), moved, or new. */
export function itemWrites(
  patches: { row: number; patch: ItemPatch }[],
  refs: ContentRefs,
  files: ReadonlySet<string>,
  /** Current text of existing item files, by path. */
  originals: ReadonlyMap<string, string>,
  sheetName: string,
  at: ColumnAt,
): {
  errors: ImportError[];
  changes: ItemChange[];
  writes: FileWrite[];
  removals: string[];
  itemTexts: Map<string, { text: string; row: number; code: string }>;
} {
  const out = { errors: [] as ImportError[], changes: [] as ItemChange[], writes: [] as FileWrite[], removals: [] as string[] };
  const itemTexts = new Map<string, { text: string; row: number; code: string }>();
  for (const { row, patch } of patches) {
    const prior = refs.existing.get(patch.code)?.[0];
    const target = `items/${patch.department!}/${patch.code}.yaml`;
    if (prior) {
      let update: ReturnType<typeof updateItemText>;
      try {
        update = updateItemText(originals.get(prior.file) ?? '', patch);
      } catch (e) {
        out.errors.push({ sheet: sheetName, row, file: prior.file, message: `无法更新 ${prior.file}：${(e as Error).message}` });
        continue;
      }
      const moved = prior.file !== target;
      if (moved && files.has(target)) {
        out.errors.push({ sheet: sheetName, row, ...at('department'), message: `要把事项移到 ${target}，但该文件已存在` });
        continue;
      }
      const status: ChangeStatus = update.changed || moved ? 'updated' : 'unchanged';
      out.changes.push({
        code: patch.code,
        name: patch.name ?? String(prior.data.name ?? ''),
        row,
        status,
        file: target,
        movedFrom: moved ? prior.file : undefined,
        fields: update.fields,
      });
      itemTexts.set(target, { text: update.text, row, code: patch.code });
      if (status === 'updated') out.writes.push({ file: target, text: update.text });
      if (moved) out.removals.push(prior.file);
    } else {
      if (files.has(target)) {
        out.errors.push({
          sheet: sheetName,
          row,
          ...at('code'),
          message: `文件 ${target} 已存在，但其中的事项编码不是「${patch.code}」：请先检查该文件`,
        });
        continue;
      }
      const text = newItemText(patch);
      out.changes.push({ code: patch.code, name: patch.name ?? '', row, status: 'added', file: target });
      itemTexts.set(target, { text, row, code: patch.code });
      out.writes.push({ file: target, text });
    }
  }
  return { ...out, itemTexts };
}

async function readContentText(content: LoadedContent, file: string): Promise<string> {
  return (await readFile(path.join(content.dir, file), 'utf8')).replace(/^\uFEFF/, '');
}

/**
 * Plans an import, phase by phase: read the file (1), check the header (2), check the content
 * folder (3, 4), map the rows (5), build the file texts (6), cross-check the result with the
 * publisher's rules (7). Any phase with errors ends the plan; a plan with errors writes nothing.
 */
export async function planImport(opts: ImportOptions): Promise<ImportPlan> {
  const plan: ImportPlan = {
    ok: false,
    source: { file: opts.file, format: path.extname(opts.file).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv', rows: 0 },
    errors: [],
    notices: [],
    changes: [],
    createdDepartments: [],
    writes: [],
    removals: [],
  };
  const finish = () => {
    plan.ok = plan.errors.length === 0;
    if (!plan.ok) {
      plan.writes = [];
      plan.removals = [];
    }
    return plan;
  };

  // 1. The file and its sheet.
  const read = await readSheets(opts.file);
  if ('message' in read) {
    plan.errors.push(read);
    return finish();
  }
  plan.source.format = read.format;
  plan.source.encoding = read.encoding;
  const choice = chooseSheet(read.sheets, opts.sheet);
  plan.notices.push(...choice.notices);
  if (!choice.sheet) {
    plan.errors.push(...choice.errors);
    return finish();
  }
  const sheet = choice.sheet;
  plan.source.sheet = sheet.name;
  plan.source.rows = sheet.rows.length;

  // 2. Its header.
  const header = checkHeader(sheet);
  plan.errors.push(...header.errors);
  plan.notices.push(...header.notices);

  // 3–4. The content folder as it is now.
  const content = await loadContent(opts.contentDir);
  const blocking = blockingContentProblems(content);
  plan.errors.push(...blocking);
  if (blocking.length) return finish();
  const refs = contentRefs(content);
  const departments = departmentCreator(refs, !!opts.createDepartments);

  // 5. Every row.
  const rows = mapRows(sheet, header.columns, header.at, refs, departments.create);
  plan.errors.push(...rows.errors);
  plan.createdDepartments = [...departments.created.values()];
  if (plan.errors.length) return finish();

  // 6. File texts.
  const originals = new Map<string, string>();
  for (const { patch } of rows.patches) {
    const prior = refs.existing.get(patch.code)?.[0];
    if (prior && !originals.has(prior.file)) originals.set(prior.file, await readContentText(content, prior.file));
  }
  const items = itemWrites(rows.patches, refs, content.files, originals, sheet.name, header.at);
  plan.errors.push(...items.errors);
  plan.changes.push(...items.changes);
  plan.writes.push(...items.writes);
  plan.removals.push(...items.removals);
  const notInSheet = [...refs.existing.keys()].filter((code) => !rows.codesInSheet.has(code)).length;
  if (notInSheet) plan.notices.push(`内容文件夹中另有 ${notInSheet} 个事项不在本表中，保持不变（导入不会删除事项）`);
  if (plan.createdDepartments.length) {
    const original = content.files.has('departments.yaml') ? await readContentText(content, 'departments.yaml') : 'departments: []\n';
    plan.writes.push({ file: 'departments.yaml', text: appendDepartments(original, plan.createdDepartments) });
  }
  if (plan.errors.length) return finish();

  // 7. The content folder as it would be after the import, with the publisher's rules.
  crossCheck(plan, content, items.itemTexts, sheet.name, header.at);
  return finish();
}

function crossCheck(
  plan: ImportPlan,
  content: LoadedContent,
  itemTexts: Map<string, { text: string; row: number; code: string }>,
  sheetName: string,
  at: ColumnAt,
): void {
  const removed = new Set(plan.removals);
  const after: LoadedContent = {
    ...content,
    files: new Set([...content.files].filter((f) => !removed.has(f))),
    items: content.items.filter((s) => !removed.has(s.file) && !itemTexts.has(s.file)),
    problems: [...content.problems],
  };
  for (const [file, { text }] of itemTexts) {
    after.files.add(file);
    const { source, problems } = parseYamlSource(file, text);
    after.problems.push(...problems);
    if (source) after.items.push(source as (typeof after.items)[number]);
  }
  const deptWrite = plan.writes.find((w) => w.file === 'departments.yaml');
  if (deptWrite) {
    const { source, problems } = parseYamlSource('departments.yaml', deptWrite.text);
    after.problems.push(...problems);
    if (source) after.departments = source as LoadedContent['departments'];
  }
  const createdIds = plan.createdDepartments.map((d) => d.id);
  const key = (p: Problem) => `${p.file}\n${p.field}\n${p.message}`;
  const before = new Set(validateContent(content).map(key));
  const rows = [...itemTexts.values()].sort((a, b) => a.row - b.row);
  let unrelated = 0;
  const windowNotices = new Set<string>();
  for (const p of validateContent(after) as Problem[]) {
    const imported = itemTexts.get(p.file);
    if (imported) {
      // A department created by this import has no window yet: that is the next step, not an error.
      const dept = itemDepartment(after, p.file);
      if (p.field === 'department' && dept && createdIds.includes(dept) && p.message.includes('窗口')) {
        windowNotices.add(dept);
        continue;
      }
      const col = fieldColumn(p.field);
      plan.errors.push({
        sheet: sheetName,
        row: imported.row,
        ...(col ? at(col) : {}),
        file: p.file,
        message: col ? p.message : `${p.message}（${p.file} 中的 ${p.field || '内容'}）`,
      });
      continue;
    }
    if (before.has(key(p))) {
      unrelated++;
      continue;
    }
    // A problem the import causes in another file, e.g. a township with no window for the
    // department of an imported item (reported on sites/<township>.yaml).
    const created = createdIds.find((id) => p.message.includes(`「${id}」`));
    if (created && p.file.startsWith('sites/') && p.message.includes('窗口')) {
      windowNotices.add(created);
      continue;
    }
    const named = rows.find((r) => new RegExp(`(^|[^A-Za-z0-9_-])${r.code.replace(/[-]/g, '\\-')}($|[^A-Za-z0-9_-])`).test(p.message));
    const windows = p.file.startsWith('sites/') && p.field.startsWith('windows');
    plan.errors.push({
      sheet: named ? sheetName : undefined,
      row: named?.row,
      ...(named && windows ? at('department') : {}),
      file: p.file,
      message: `${p.file}${p.line ? ` 第 ${p.line} 行` : ''}：${p.message}`,
    });
  }
  for (const id of windowNotices) {
    plan.notices.push(`新部门「${id}」还没有受理窗口：发布前请在相关乡镇 sites/<乡镇>.yaml 某个窗口的 departments 中加入 ${id}`);
  }
  if (unrelated) {
    plan.notices.push(`内容文件夹中另有 ${unrelated} 个与本次导入无关的问题，发布前需修正（运行 npm run publish-content 可查看）`);
  }
}

function itemDepartment(content: LoadedContent, file: string): string | undefined {
  const src = content.items.find((s) => s.file === file);
  const d = src?.data?.department;
  return typeof d === 'string' ? d : undefined;
}
