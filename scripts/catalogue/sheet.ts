/**
 * A sheet as the importer sees it, whatever file it came from: the header row
 * (row 1) and the non-blank data rows, every cell already turned into text.
 */
export interface SheetRow {
  /** Row number as Excel/WPS shows it (the header is row 1). */
  number: number;
  /** Cell texts, index 0 = column A. Line breaks inside a cell are "\n". */
  cells: string[];
}

export interface Sheet {
  name: string;
  /** Texts of row 1, index 0 = column A. */
  header: string[];
  rows: SheetRow[];
}

/** Normalise line breaks and Excel's escaped carriage returns; trim each line's end. */
export function cleanCellText(text: string): string {
  return text
    .replace(/_x000D_/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\u2028|\u2029/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[\s\u3000]+$/u, ''))
    .join('\n')
    .replace(/^[\s\u3000]+|[\s\u3000]+$/gu, '');
}

export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}
