/**
 * The sheet template county staff fill in: `npm run import-catalogue --
 * --template OUT.xlsx`. Sheet 1 (目录清单) has only the header in row 1 and
 * drop-down lists for the enumerated columns; sheet 2 (说明) explains every
 * column and shows two example rows.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { ITEM_LEVELS, ITEM_MODES, ITEM_TYPES } from '../../kiosk/src/bundle/schema.ts';
import { COLUMNS, columnLetter, type ColumnKey } from './columns.ts';
import { parseCsv } from './read-csv.ts';

export const TEMPLATE_SHEET = '目录清单';
export const HELP_SHEET = '说明';

/** The example rows of template.csv (header + 2 rows, UTF-8 with BOM). */
export const TEMPLATE_CSV_URL = new URL('./template.csv', import.meta.url);

export function templateExampleRows(): string[][] {
  const text = readFileSync(TEMPLATE_CSV_URL, 'utf8').replace(/^\uFEFF/, '');
  return parseCsv(text)
    .slice(1)
    .filter((r) => r.some((c) => c.trim() !== ''));
}

const WIDTHS: Partial<Record<ColumnKey, number>> = {
  code: 12,
  name: 24,
  type: 12,
  department: 12,
  subject: 24,
  basis: 36,
  conditions: 36,
  materials: 40,
  steps: 40,
  result: 24,
  feeBasis: 24,
  feeStandard: 20,
  supervision: 24,
  level: 16,
  sites: 20,
  keywords: 24,
};

const LISTS: Partial<Record<ColumnKey, readonly string[]>> = {
  type: ITEM_TYPES,
  mode: ITEM_MODES,
  charged: ['是', '否'],
  level: ITEM_LEVELS,
};

export function buildTemplateWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'bianmin-kiosk';
  const ws = wb.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: WIDTHS[c.key] ?? 12 }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  COLUMNS.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFCE4D6' : 'FFE2EFDA' } };
    cell.note = c.help;
    const list = LISTS[c.key];
    const letter = columnLetter(i + 1);
    for (let r = 2; r <= 500; r++) {
      const dataCell = ws.getCell(`${letter}${r}`);
      dataCell.alignment = { wrapText: true, vertical: 'top' };
      if (list) {
        dataCell.dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [`"${list.join(',')}"`],
          showErrorMessage: true,
          errorTitle: c.header,
          error: `请从下拉列表中选择：${list.join('、')}`,
        };
      }
    }
  });

  const help = wb.addWorksheet(HELP_SHEET);
  help.columns = [{ width: 16 }, { width: 10 }, { width: 90 }];
  const lines: (string | undefined)[][] = [
    ['乡镇便民服务中心、村(社区)便民服务代办站入驻项目目录清单 —— 填写说明'],
    [],
    ['1. 在「目录清单」工作表中填写，一行一个事项；第 1 行是表头，不要在表头上方插入标题行。'],
    ['2. 列的顺序可以调整，多余的列会被忽略；表头文字要与下表一致（可带“（必填）”）。'],
    ['3. 一个单元格里有多条内容（材料、步骤、依据、条件）时，用 Alt+回车 换行，每条一行。'],
    ['4. 主管部门相同的连续几行可以合并单元格。'],
    ['5. 保存为 .xlsx，或另存为 CSV（UTF-8 或 GBK 均可），然后运行：npm run import-catalogue -- 文件名.xlsx'],
    ['6. 有错误时会列出所有问题（工作表、行号、列名），内容文件夹不会有任何改动；改正后重新导入即可。'],
    ['7. 已有事项按事项编码更新；文本文件中手工补充的内容（材料说明、常见问题等）在重新导入后保留。'],
    [],
    ['列名', '是否必填', '说明'],
    ...COLUMNS.map((c) => [
      c.header,
      c.required ? '必填' : c.key === 'promiseDays' || c.key === 'feeBasis' || c.key === 'feeStandard' ? '视情况' : '选填',
      c.help,
    ]),
    [],
    ['示例（复制到「目录清单」工作表第 2 行起使用）：'],
    COLUMNS.map((c) => c.header),
    ...templateExampleRows(),
  ];
  for (const l of lines) help.addRow(l);
  help.getRow(1).font = { bold: true, size: 14 };
  help.getRow(11).font = { bold: true };
  help.eachRow((row) => {
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  return wb;
}

export async function writeTemplate(file: string): Promise<void> {
  await buildTemplateWorkbook().xlsx.writeFile(file);
}
