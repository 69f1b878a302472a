/**
 * A small structural checker for content files: required fields, unknown keys
 * (likely typos), value types and enumerations, each reported as a Problem
 * with the line of the offending key. Cross-file rules live in validate-*.ts.
 */
import type { FieldPath, Problem } from './problems.ts';
import { formatFieldPath } from './problems.ts';
import type { SourceFile } from './yaml-source.ts';

export type Shape =
  /** Text; `numeric` also accepts a number (phone numbers, window numbers written without quotes). */
  | { t: 'string'; allowEmpty?: boolean; numeric?: boolean }
  | { t: 'int'; min?: number; max?: number }
  | { t: 'bool' }
  | { t: 'enum'; values: readonly (string | number)[] }
  | { t: 'array'; of: Shape; nonEmpty?: boolean }
  | { t: 'object'; fields: Record<string, Field> }
  /** A plain string, or an object of the given shape (steps). */
  | { t: 'stringOrObject'; object: { t: 'object'; fields: Record<string, Field> } }
  /** "all" or a list of site codes. */
  | { t: 'sites' };

export interface Field {
  shape: Shape;
  /** Chinese name of the field for messages. */
  label: string;
  required?: boolean;
}

export const str = (opts: { allowEmpty?: boolean; numeric?: boolean } = {}): Shape => ({ t: 'string', ...opts });
export const int = (min?: number, max?: number): Shape => ({ t: 'int', min, max });
export const bool = (): Shape => ({ t: 'bool' });
export const oneOf = (values: readonly (string | number)[]): Shape => ({ t: 'enum', values });
export const list = (of: Shape, nonEmpty = false): Shape => ({ t: 'array', of, nonEmpty });
export const obj = (fields: Record<string, Field>): { t: 'object'; fields: Record<string, Field> } => ({
  t: 'object',
  fields,
});
export const req = (label: string, shape: Shape): Field => ({ label, shape, required: true });
export const opt = (label: string, shape: Shape): Field => ({ label, shape });

export function describe(value: unknown): string {
  if (value === null || value === undefined) return '空';
  if (Array.isArray(value)) return '列表';
  if (typeof value === 'object') return '对象';
  return `「${String(value)}」`;
}

/** Check `value` at `path` of `src` against `shape`, appending problems. */
export function checkShape(src: SourceFile, value: unknown, shape: Shape, path: FieldPath, label: string, problems: Problem[]): void {
  check(src, value, shape, { base: path }, label, problems);
}

/**
 * Where a value is: a chain to the top, made into a FieldPath only for a problem (thousands of
 * files pass with no problem; building a path array per field was most of the check's time).
 */
type At = { base: FieldPath } | { up: At; key: string | number };

function pathOf(at: At): FieldPath {
  const keys: (string | number)[] = [];
  let node = at;
  while ('up' in node) {
    keys.push(node.key);
    node = node.up;
  }
  return [...node.base, ...keys.reverse()];
}

function report(src: SourceFile, problems: Problem[], at: At, message: string): void {
  const path = pathOf(at);
  problems.push({ file: src.file, line: src.line(path), field: formatFieldPath(path), message });
}

const TEXT: Shape = { t: 'string' };

function check(src: SourceFile, value: unknown, shape: Shape, at: At, label: string, problems: Problem[]): void {
  switch (shape.t) {
    case 'string': {
      if (typeof value === 'number' && shape.numeric) return;
      if (typeof value !== 'string') {
        report(src, problems, at, `「${label}」应为文字，现在是${describe(value)}`);
      } else if (!shape.allowEmpty && value.trim() === '') {
        report(src, problems, at, `「${label}」不能为空`);
      }
      return;
    }
    case 'int': {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        report(src, problems, at, `「${label}」应为整数，现在是${describe(value)}`);
      } else if (shape.min !== undefined && value < shape.min) {
        report(src, problems, at, `「${label}」不能小于 ${shape.min}，现在是 ${value}`);
      } else if (shape.max !== undefined && value > shape.max) {
        report(src, problems, at, `「${label}」不能大于 ${shape.max}，现在是 ${value}`);
      }
      return;
    }
    case 'bool': {
      if (typeof value !== 'boolean') report(src, problems, at, `「${label}」应为 true（是）或 false（否），现在是${describe(value)}`);
      return;
    }
    case 'enum': {
      if (!shape.values.includes(value as string)) {
        report(src, problems, at, `「${label}」必须是以下之一：${shape.values.join('、')}（现在是${describe(value)}）`);
      }
      return;
    }
    case 'array': {
      if (!Array.isArray(value)) {
        report(src, problems, at, `「${label}」应为列表（每项一行，以“- ”开头），现在是${describe(value)}`);
        return;
      }
      if (shape.nonEmpty && value.length === 0) report(src, problems, at, `「${label}」至少要填写一项`);
      for (let i = 0; i < value.length; i++) check(src, value[i], shape.of, { up: at, key: i }, label, problems);
      return;
    }
    case 'stringOrObject': {
      check(src, value, typeof value === 'string' ? TEXT : shape.object, at, label, problems);
      return;
    }
    case 'sites': {
      if (value === 'all') return;
      if (!Array.isArray(value)) {
        report(src, problems, at, `「${label}」应为 all（全部站点）或站点编码列表，现在是${describe(value)}`);
        return;
      }
      if (value.length === 0) report(src, problems, at, `「${label}」为空列表：不会在任何站点显示；如适用全部站点请写 all`);
      for (let i = 0; i < value.length; i++) check(src, value[i], TEXT, { up: at, key: i }, label, problems);
      return;
    }
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        report(src, problems, at, `「${label}」应为对象（键: 值），现在是${describe(value)}`);
        return;
      }
      const record = value as Record<string, unknown>;
      for (const key in record) {
        if (!Object.hasOwn(record, key)) continue;
        const field = shape.fields[key];
        if (!field) {
          report(src, problems, { up: at, key }, unknownKeyMessage(key, Object.keys(shape.fields), shape.fields));
          continue;
        }
        const v = record[key];
        if (v === null || v === undefined) {
          if (field.required) report(src, problems, { up: at, key }, `必填项「${field.label}」没有填写内容`);
          continue;
        }
        check(src, v, field.shape, { up: at, key }, field.label, problems);
      }
      for (const key in shape.fields) {
        const field = shape.fields[key];
        if (field.required && !(key in record)) {
          const path = pathOf(at);
          problems.push({
            file: src.file,
            line: src.line(path),
            field: formatFieldPath([...path, key]),
            message: `缺少必填项「${field.label}」（${key}）`,
          });
        }
      }
      return;
    }
  }
}

function unknownKeyMessage(key: string, known: string[], fields: Record<string, Field>): string {
  const best = known.map((k) => ({ k, d: editDistance(key.toLowerCase(), k.toLowerCase()) })).sort((a, b) => a.d - b.d)[0];
  if (best && best.d <= Math.max(2, Math.floor(best.k.length / 3))) {
    return `未知字段「${key}」，是否想写「${best.k}」（${fields[best.k].label}）？`;
  }
  return `未知字段「${key}」（可能是拼写错误；这里可用的字段：${known.join('、')}）`;
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return dp[a.length][b.length];
}
