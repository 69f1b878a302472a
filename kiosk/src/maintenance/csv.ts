/** CSV files for the maintenance panel's USB download (UTF-8 with BOM, so Excel reads Chinese). */
import type { StoredEvaluation } from '../store/db.ts';
import { LEVELS } from '../evaluation/levels.ts';

export function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  // Quote always; a leading = + - @ is defused so a spreadsheet never runs it as a formula.
  return `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

const TARGETS: Record<StoredEvaluation['target']['kind'], string> = {
  centre: '服务中心',
  item: '事项',
  window: '窗口',
  staff: '工作人员',
  terminal: '自助终端',
};

export function evaluationsCsv(list: readonly StoredEvaluation[]): string {
  return toCsv(
    ['时间', '站点', '评价对象', '对象名称', '评价', '原因', '意见', '已导出'],
    list.map((e) => [
      new Date(e.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }),
      e.siteCode,
      TARGETS[e.target.kind] ?? e.target.kind,
      e.target.name ?? e.target.id ?? '',
      LEVELS.find((l) => l.value === e.level)?.label ?? e.level,
      e.reasons.join('；'),
      e.comment ?? '',
      e.exportedAt ? '是' : '否',
    ]),
  );
}
