/**
 * Shared state of one validation run: the content, the problems found so far,
 * indexes of what exists (departments, sites, items) and small helpers that
 * read possibly-malformed data safely.
 */
import type { LoadedContent } from './load-content.ts';
import { formatFieldPath, type FieldPath, type Problem } from './problems.ts';
import type { DepartmentSource, ItemSource, SiteSource } from './source-types.ts';
import type { SourceFile } from './yaml-source.ts';

export interface ValidationContext {
  content: LoadedContent;
  problems: Problem[];
  report(src: SourceFile, path: FieldPath, message: string): void;
  timeZone: string;
  departments: Map<string, DepartmentSource>;
  sites: Map<string, SiteSource>;
  items: Map<string, ItemSource>;
}

export function createContext(content: LoadedContent, problems: Problem[], timeZone: string): ValidationContext {
  return {
    content,
    problems,
    timeZone,
    departments: new Map(),
    sites: new Map(),
    items: new Map(),
    report(src, path, message) {
      problems.push({ file: src.file, line: src.line(path), field: formatFieldPath(path), message });
    },
  };
}

export const isStr = (x: unknown): x is string => typeof x === 'string' && x.trim() !== '';
/** Text that may have been written as a number (window numbers, phone numbers). */
export const text = (x: unknown): string | undefined => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : undefined);
export const arr = <T = unknown>(x: unknown): T[] => (Array.isArray(x) ? (x as T[]) : []);
export const rec = (x: unknown): Record<string, unknown> =>
  x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : {};

/** Codes and ids: latin letters, digits, "-" and "_" (they become file names and URLs). */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
