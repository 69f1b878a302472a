import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { chooseSheet } from './header-map.ts';
import { importCatalogue } from './import-catalogue.ts';
import { readCsv } from './read-csv.ts';
import { readXlsx } from './read-xlsx.ts';
import { HELP_SHEET, TEMPLATE_CSV_URL, TEMPLATE_SHEET, writeTemplate } from './template.ts';
import { HEADERS, makeContent, tempDir } from './test-support.ts';

// Writing and reading workbooks (and starting the CLI) takes seconds on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

describe('template.csv', () => {
  it('is UTF-8 with BOM, the header row and two example rows', async () => {
    const data = await readFile(TEMPLATE_CSV_URL);
    expect([...data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const sheet = readCsv(data, 'template');
    expect(sheet.header).toEqual(HEADERS);
    expect(sheet.rows).toHaveLength(2);
  });

  it('imports cleanly', async () => {
    const dir = await tempDir();
    const content = await makeContent(path.join(dir, 'content'));
    const plan = await importCatalogue({ file: new URL(TEMPLATE_CSV_URL).pathname, contentDir: content });
    expect(plan.errors).toEqual([]);
    expect(plan.changes.map((c) => [c.code, c.status])).toEqual([
      ['MZ-901', 'added'],
      ['JS-901', 'added'],
    ]);
  });
});

describe('xlsx template', () => {
  it('has the header in row 1 of 目录清单 and the instructions in 说明', async () => {
    const file = path.join(await tempDir(), '模板.xlsx');
    await writeTemplate(file);
    const sheets = await readXlsx(await readFile(file));
    expect(sheets.map((s) => s.name)).toEqual([TEMPLATE_SHEET, HELP_SHEET]);
    expect(sheets[0].header).toEqual(HEADERS);
    expect(sheets[0].rows).toEqual([]);
    expect(chooseSheet(sheets).sheet?.name).toBe(TEMPLATE_SHEET);
    const help = sheets[1].rows.map((r) => r.cells.join('|')).join('\n');
    for (const h of HEADERS) expect(help).toContain(h);
    expect(help).toContain('MZ-901');

    // An empty template is a clear error, not a silent no-op.
    const content = await makeContent(path.join(await tempDir(), 'content'));
    const plan = await importCatalogue({ file, contentDir: content });
    expect(plan.errors.map((e) => e.message)).toEqual(['表格中没有事项：表头下面至少要有一行']);
  });
});
