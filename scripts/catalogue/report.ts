/** Chinese text of an import's outcome, for the command line. */
import path from 'node:path';
import type { ImportError, ImportPlan } from './plan-import.ts';

/** Item fields as the sheet's columns call them. */
const FIELD_LABELS: Record<string, string> = {
  code: '事项编码',
  name: '事项名称',
  type: '事项类型',
  department: '主管部门',
  subject: '办理主体',
  basis: '办理依据',
  conditions: '办理条件',
  materials: '申请材料',
  steps: '办理程序',
  mode: '办件类型',
  promiseDays: '承诺时限',
  legalDays: '法定时限',
  result: '办理结果',
  fee: '收费',
  supervision: '监督渠道',
  phone: '咨询电话',
  level: '办理层级',
  sites: '适用站点',
  keywords: '关键词',
};

const ENCODING_NAMES: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8（带 BOM）',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
  gb18030: 'GBK/GB18030',
};

export function formatError(e: ImportError): string {
  const where: string[] = [];
  if (e.sheet !== undefined) where.push(`工作表「${e.sheet}」`);
  if (e.row !== undefined) where.push(`第 ${e.row} 行`);
  if (e.column !== undefined) where.push(`「${e.column}」${e.letter ? `（${e.letter} 列）` : ''}`);
  return where.length ? `${where.join(' ')}：${e.message}` : e.message;
}

export function formatSource(plan: ImportPlan): string {
  const parts = [`读取 ${path.basename(plan.source.file)}`];
  if (plan.source.sheet !== undefined) {
    const enc = plan.source.encoding ? `，编码 ${ENCODING_NAMES[plan.source.encoding] ?? plan.source.encoding}` : '';
    parts.push(
      plan.source.format === 'xlsx' ? `：工作表「${plan.source.sheet}」，${plan.source.rows} 行事项` : `：${plan.source.rows} 行事项${enc}`,
    );
  }
  return parts.join('');
}

export function formatReport(plan: ImportPlan, opts: { contentDir: string; dryRun?: boolean }): string {
  const lines: string[] = [formatSource(plan)];
  for (const n of plan.notices) lines.push(`提示：${n}`);
  if (!plan.ok) {
    lines.push('');
    lines.push(`发现 ${plan.errors.length} 个问题，内容文件夹没有任何改动：`);
    for (const e of plan.errors) lines.push(`  ✗ ${formatError(e)}`);
    lines.push('');
    lines.push('请改正表格后重新导入。');
    return lines.join('\n');
  }
  const count = (s: string) => plan.changes.filter((c) => c.status === s).length;
  for (const d of plan.createdDepartments) {
    lines.push(`新建部门：${d.name}（编码 ${d.id}），已加入 departments.yaml；请补全全称 fullName、图标 icon 和电话 phone`);
  }
  for (const c of plan.changes) {
    if (c.status === 'unchanged') continue;
    const verb = c.status === 'added' ? '新增' : '更新';
    const moved = c.movedFrom ? `（从 ${c.movedFrom} 移来）` : '';
    const fields = c.fields?.length ? `：${c.fields.map((f) => FIELD_LABELS[f] ?? f).join('、')}` : '';
    lines.push(`  ${verb} ${c.code} ${c.name} → ${c.file}${moved}${fields}`);
  }
  const head = opts.dryRun ? '检查通过（未写入，--dry-run）' : '导入完成';
  lines.push(
    `${head}：新增 ${count('added')} 项，更新 ${count('updated')} 项，未变 ${count('unchanged')} 项。内容文件夹：${opts.contentDir}`,
  );
  if (!opts.dryRun && (count('added') || count('updated'))) {
    lines.push('下一步：运行 npm run publish-content 发布，查询机即可显示。');
  }
  return lines.join('\n');
}
