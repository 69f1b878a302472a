/**
 * npm run import-catalogue -- FILE [--content DIR] [--create-departments] [--sheet NAME] [--dry-run]
 * npm run import-catalogue -- --template OUT.xlsx
 *
 * Imports the county's item catalogue (目录清单, .xlsx or .csv) into the
 * content folder: creates or updates items/<department>/<code>.yaml. All or
 * nothing: with any problem, every problem is listed and nothing is written.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importCatalogue } from './catalogue/import-catalogue.ts';
import { CliError, runCli } from './cli.ts';
import { formatReport } from './catalogue/report.ts';
import { writeTemplate } from './catalogue/template.ts';
import { USER_CWD, userPath } from './user-path.ts';

const USAGE = `用法：
  npm run import-catalogue -- 目录清单.xlsx [--content 内容文件夹] [--create-departments] [--sheet 工作表名] [--dry-run]
  npm run import-catalogue -- --template 目录清单模板.xlsx

  FILE                  .xlsx（Excel/WPS）或 .csv（UTF-8 或 GBK）文件，第 1 行是表头
  --content DIR         内容文件夹，默认 content/
  --create-departments  表中出现 departments.yaml 里没有的主管部门时自动新建
  --sheet NAME          指定工作表（默认：第 1 行是表头的那个工作表）
  --dry-run             只检查，不写入
  --template OUT.xlsx   生成空白模板（含“说明”工作表）`;

/** The repository root: the default content folder is its content/. */
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const CLI = {
  usage: USAGE,
  failure: '导入失败',
  positionals: true,
  options: {
    content: { type: 'string' },
    'create-departments': { type: 'boolean', default: false },
    sheet: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    template: { type: 'string' },
  },
} as const;

void runCli(CLI, async ({ values, positionals }) => {
  if (values.template !== undefined) {
    const out = userPath(values.template);
    if (!/\.xlsx$/i.test(out)) throw new CliError('模板文件名应以 .xlsx 结尾', 2);
    await writeTemplate(out);
    console.log(`已生成模板：${out}（工作表「目录清单」填写事项，「说明」为填写说明）`);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new CliError(`${positionals.length === 0 ? '请指定要导入的 .xlsx 或 .csv 文件' : '一次只能导入一个文件'}\n\n${USAGE}`, 2);
  }
  const contentDir = values.content !== undefined ? userPath(values.content) : path.join(REPO, 'content');
  const plan = await importCatalogue({
    file: userPath(positionals[0]),
    contentDir,
    createDepartments: values['create-departments'],
    sheet: values.sheet,
    dryRun: values['dry-run'],
  });
  const rel = path.relative(USER_CWD, contentDir);
  const shown = rel === '' ? '.' : rel.startsWith('..') ? contentDir : rel;
  const report = formatReport(plan, { contentDir: shown, dryRun: values['dry-run'] });
  if (plan.ok) console.log(report);
  else console.error(report);
  return plan.ok ? 0 : 1;
});
