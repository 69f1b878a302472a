/** Finding the columns in a header row, and choosing the sheet that has the header. */
import { COLUMNS, columnLetter, matchHeader, type ColumnKey } from './columns.ts';
import type { Sheet } from './sheet.ts';

export interface HeaderProblem {
  /** 1-based column number. */
  column: number;
  header: string;
  message: string;
}

export interface HeaderMap {
  columns: Map<ColumnKey, number>;
  /** Header cells that name no known column (ignored with a notice). */
  ignored: { column: number; header: string }[];
  problems: HeaderProblem[];
}

export function mapHeader(header: readonly string[]): HeaderMap {
  const columns = new Map<ColumnKey, number>();
  const ignored: HeaderMap['ignored'] = [];
  const problems: HeaderProblem[] = [];
  header.forEach((text, i) => {
    if (text.trim() === '') return;
    const def = matchHeader(text);
    if (!def) {
      ignored.push({ column: i + 1, header: text.trim() });
      return;
    }
    const prior = columns.get(def.key);
    if (prior !== undefined) {
      problems.push({
        column: i + 1,
        header: def.header,
        message: `「${def.header}」列重复（${columnLetter(prior + 1)} 列和 ${columnLetter(i + 1)} 列）：请删除其中一列`,
      });
      return;
    }
    columns.set(def.key, i);
  });
  for (const def of COLUMNS) {
    if (def.required && !columns.has(def.key)) {
      problems.push({ column: 0, header: def.header, message: `缺少必填列「${def.header}」` });
    }
  }
  return { columns, ignored, problems };
}

/** How many known columns a row of texts names. */
export function headerScore(cells: readonly string[]): number {
  const keys = new Set<ColumnKey>();
  for (const c of cells) {
    const d = matchHeader(c);
    if (d) keys.add(d.key);
  }
  return keys.size;
}

/** A sheet counts as the catalogue when its row 1 names at least this many columns. */
export const MIN_HEADER_COLUMNS = 3;

export interface SheetChoice {
  sheet?: Sheet;
  notices: string[];
  /** Problems that stop the import (no sheet with a header, unknown --sheet). */
  errors: { sheet?: string; row?: number; message: string }[];
}

/**
 * The sheet whose first row is the header: the one naming the most known
 * columns (the first such; visible sheets before hidden ones). `wanted`
 * (--sheet) picks a sheet by name.
 */
export function chooseSheet(sheets: readonly (Sheet & { hidden?: boolean })[], wanted?: string): SheetChoice {
  const notices: string[] = [];
  if (wanted !== undefined) {
    const sheet = sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.trim() === wanted.trim());
    if (!sheet) {
      return {
        notices,
        errors: [{ message: `没有名为「${wanted}」的工作表；本文件的工作表有：${sheets.map((s) => `「${s.name}」`).join('、')}` }],
      };
    }
    if (headerScore(sheet.header) < MIN_HEADER_COLUMNS) {
      return { notices, errors: [{ sheet: sheet.name, row: 1, message: headerHint(sheet) }] };
    }
    return { sheet, notices, errors: [] };
  }
  const scored = sheets
    .map((s, order) => ({ s, order, score: headerScore(s.header) }))
    .filter((x) => x.score >= MIN_HEADER_COLUMNS)
    .sort((a, b) => Number(Boolean(a.s.hidden)) - Number(Boolean(b.s.hidden)) || b.score - a.score || a.order - b.order);
  if (scored.length === 0) {
    if (sheets.length === 1) return { notices, errors: [{ sheet: sheets[0].name, row: 1, message: headerHint(sheets[0]) }] };
    const shifted = sheets.find((s) => shiftedHeaderRow(s) !== undefined);
    return {
      notices,
      errors: [
        {
          sheet: shifted?.name,
          row: shifted ? 1 : undefined,
          message: shifted
            ? headerHint(shifted)
            : `没有找到表头：各工作表（${sheets.map((s) => `「${s.name}」`).join('、')}）的第 1 行都不是目录清单的表头（事项编码、事项名称、事项类型……）`,
        },
      ],
    };
  }
  const chosen = scored[0].s;
  if (sheets.length > 1) {
    notices.push(`使用工作表「${chosen.name}」（第 1 行是表头）`);
    for (const other of scored.slice(1)) {
      notices.push(`工作表「${other.s.name}」也有表头，未导入；如需导入它，请用 --sheet ${other.s.name}`);
    }
  }
  return { sheet: chosen, notices, errors: [] };
}

function shiftedHeaderRow(sheet: Sheet): number | undefined {
  return sheet.rows.find((r) => r.number <= 10 && headerScore(r.cells) >= MIN_HEADER_COLUMNS)?.number;
}

function headerHint(sheet: Sheet): string {
  const at = shiftedHeaderRow(sheet);
  if (at !== undefined) {
    return `表头必须在第 1 行，工作表「${sheet.name}」的表头在第 ${at} 行：请删除表头上方的标题或说明行`;
  }
  return `工作表「${sheet.name}」的第 1 行不是目录清单的表头（应包含 事项编码、事项名称、事项类型 等列）`;
}
