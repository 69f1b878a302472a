/** Reads every worksheet of an .xlsx workbook (Excel or WPS) into Sheets. */
import ExcelJS from 'exceljs';
import { cellText } from './cell-text.ts';
import { isBlankRow, type Sheet, type SheetRow } from './sheet.ts';

export interface WorkbookSheet extends Sheet {
  hidden: boolean;
}

/** exceljs ValueType.Merge: a cell covered by a merged range (not its top-left master). */
const MERGE_SLAVE = 1;

export async function readXlsx(data: Buffer | Uint8Array): Promise<WorkbookSheet[]> {
  const wb = new ExcelJS.Workbook();
  // exceljs types its Buffer as an ArrayBuffer subtype; a Node Buffer is what it reads.
  await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  const sheets: WorkbookSheet[] = [];
  wb.eachSheet((ws) => {
    let header: string[] = [];
    const rows: SheetRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, number) => {
      const cells: string[] = [];
      const own: string[] = [];
      const count = row.cellCount;
      for (let c = 1; c <= count; c++) {
        const cell = row.getCell(c);
        const text = cellText(cell.value);
        cells.push(text);
        // A merged range's value belongs to the rows it spans, but a row whose only
        // content comes from a merge reaching into it is still a blank row.
        own.push(cell.type === MERGE_SLAVE ? '' : text);
      }
      while (cells.length && cells[cells.length - 1] === '') cells.pop();
      if (number === 1) {
        header = cells;
        return;
      }
      if (isBlankRow(own)) return;
      rows.push({ number, cells });
    });
    sheets.push({ name: ws.name, header, rows, hidden: ws.state !== undefined && ws.state !== 'visible' });
  });
  return sheets;
}
