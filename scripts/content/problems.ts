/**
 * A content problem: where it is (file relative to the content folder, line,
 * field path) and what is wrong, in Chinese for the county clerk.
 * Printed as `文件:行 字段 — 说明`.
 */
export interface Problem {
  /** Path relative to the content folder, with forward slashes. */
  file: string;
  /** 1-based line number in that file; 0 for a folder or a file as a whole. */
  line: number;
  /** Field path such as `materials[2].copies`; empty for the file as a whole. */
  field: string;
  message: string;
}

export type FieldPath = readonly (string | number)[];

export function formatFieldPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

export function formatProblem(p: Problem): string {
  return `${p.file}${p.line > 0 ? `:${p.line}` : ''}${p.field ? ` ${p.field}` : ''} — ${p.message}`;
}

/** Problems in a stable order: by file, then line, then field, then message. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => cmp(a.file, b.file) || a.line - b.line || cmp(a.field, b.field) || cmp(a.message, b.message));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
