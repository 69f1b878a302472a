/** Text of an exceljs cell value: numbers, dates, rich text, formulas, hyperlinks. */
import type { CellValue } from 'exceljs';
import { cleanCellText } from './sheet.ts';

/** A number as a person typed it: integers plainly, no binary float noise. */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return Number.isSafeInteger(n) ? String(n) : n.toFixed(0);
  return String(Number(n.toPrecision(15)));
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Dates read from xlsx are UTC instants standing for a local calendar date/time. */
export function dateText(d: Date): string {
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  if (h === 0 && m === 0 && s === 0) return day;
  return `${day} ${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
}

function rawText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return (v.richText as { text?: unknown }[]).map((r) => rawText(r.text)).join('');
    }
    if ('formula' in v || 'sharedFormula' in v) return rawText(v.result);
    if ('hyperlink' in v || 'text' in v) return rawText(v.text);
    if ('error' in v) return String(v.error);
  }
  return String(value);
}

export function cellText(value: CellValue | unknown): string {
  return cleanCellText(rawText(value));
}
