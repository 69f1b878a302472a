/** .xlsx exports (exceljs) of every report, built from the very same functions as the JSON API. */
import ExcelJS from 'exceljs';
import type { ReportFilter, SessionUser } from '../../kiosk/src/uplink/api.ts';
import { listDevices } from './admin.ts';
import type { CatalogSnapshot } from './catalog.ts';
import type { HubDb } from './db.ts';
import { caseFigures, publicityReport, satisfactionReport } from './reports.ts';
import { zonedParts } from '../../kiosk/src/time/zoned.ts';

export type ReportName = 'satisfaction' | 'cases' | 'publicity' | 'devices';

interface Ctx {
  db: HubDb;
  user: SessionUser;
  snap: CatalogSnapshot;
  filter: ReportFilter;
  now: number;
}

const LEVEL_NAMES = ['非常不满意', '不满意', '基本满意', '满意', '非常满意'];
const HEALTH: Record<string, string> = { online: '在线', offline: '离线', stale: '内容未更新', failing: '故障', never: '从未上线' };

const pct = (x: number | null) => (x === null ? '—' : Math.round(x * 1000) / 10);

function timeText(ms: number | null, tz: string): string {
  if (ms === null) return '';
  const p = zonedParts(ms, tz);
  return `${p.isoDate} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

function sheet(wb: ExcelJS.Workbook, name: string, header: string[], rows: (string | number | null)[][]): void {
  const ws = wb.addWorksheet(name);
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r.map((x) => (x === null ? '' : x)));
  ws.columns.forEach((col, i) => {
    const widest = Math.max(...[header[i], ...rows.map((r) => r[i])].map((x) => String(x ?? '').length));
    col.width = Math.min(60, Math.max(8, widest * 2));
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

function scopeLine(c: Ctx): string[] {
  const f = c.filter;
  const parts = [`${c.snap.county.name}`, `${f.fromDate} 至 ${f.toDate}`];
  if (c.user.township) parts.push(`乡镇 ${c.snap.sites.get(c.user.township)?.name ?? c.user.township}`);
  if (f.township) parts.push(`乡镇 ${c.snap.sites.get(f.township)?.name ?? f.township}`);
  if (f.site) parts.push(`站点 ${c.snap.sites.get(f.site)?.name ?? f.site}`);
  if (f.targetKind) parts.push(`评价对象 ${f.targetKind}${f.targetId ? ` ${f.targetId}` : ''}`);
  return [parts.join('，'), `导出：${timeText(c.now, c.snap.county.timeZone)}（${c.user.displayName}）`];
}

export async function xlsxReport(name: ReportName, c: Ctx): Promise<{ bytes: Uint8Array; filename: string }> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'bianmin-kiosk hub';
  const tz = c.snap.county.timeZone;
  const info = scopeLine(c);
  let title: string;
  if (name === 'satisfaction') {
    title = '满意率测评';
    const r = await satisfactionReport(c.db, c.user, c.snap, c.filter);
    sheet(
      wb,
      '汇总',
      ['项目', '数值'],
      [
        ['范围', info[0]],
        ['评价总数', r.total],
        ...LEVEL_NAMES.map((n, i) => [n, r.levels[i]] as [string, number]),
        ['满意率（%）', pct(r.satisfaction)],
        ...(r.demoRatings ? [['其中示例数据', r.demoRatings] as [string, number]] : []),
        ['导出', info[1]],
      ],
    );
    sheet(
      wb,
      '按月',
      ['月份', '评价数', '满意率（%）'],
      r.byMonth.map((m) => [m.month, m.total, pct(m.satisfaction)]),
    );
    sheet(
      wb,
      '差评原因',
      ['原因', '次数'],
      r.reasons.map((x) => [x.reason, x.count]),
    );
    sheet(
      wb,
      '乡镇排名',
      ['名次', '乡镇', '编码', '评价数', '满意率（%）'],
      r.townships.map((t, i) => [i + 1, t.name, t.code, t.total, pct(t.satisfaction)]),
    );
  } else if (name === 'cases') {
    title = '差评整改';
    const f = await caseFigures(c.db, c.user, c.snap, c.filter, c.now);
    sheet(
      wb,
      '汇总',
      ['项目', '数值'],
      [
        ['范围', info[0]],
        ['差评工单', f.total],
        ...Object.entries(f.byState).map(([s, n]) => [s, n] as [string, number]),
        ['超期', f.overdue],
        ['回访率（%）', pct(f.callbackRate)],
        ['整改率（%）', pct(f.fixRate)],
        ['按时办结率（%）', pct(f.onTimeRate)],
        ['导出', info[1]],
      ],
    );
    const { listCases } = await import('./admin.ts');
    const cases = await listCases(
      c.db,
      c.user,
      c.snap,
      { fromDate: c.filter.fromDate, toDate: c.filter.toDate, township: c.filter.township, site: c.filter.site },
      c.now,
    );
    sheet(
      wb,
      '工单',
      ['编号', '站点', '等级', '原因', '意见', '评价时间', '办结期限', '状态', '超期', '回访电话', '处理记录'],
      cases.map((k) => [
        k.id,
        k.siteName,
        LEVEL_NAMES[k.level - 1],
        k.reasons.join('、'),
        k.comment,
        timeText(k.givenAt, tz),
        k.dueDate,
        k.state,
        k.overdue ? '是' : '',
        k.callbackPhone,
        k.notes.map((n) => `${timeText(n.at, tz)} ${n.by}${n.state ? `（${n.state}）` : ''}：${n.text}`).join('\n'),
      ]),
    );
  } else if (name === 'publicity') {
    title = '公示留痕';
    const rows = await publicityReport(c.db, c.user, c.snap, c.filter, c.now);
    sheet(
      wb,
      '公示留痕',
      ['公告', '站点', '公示开始', '公示结束', '首次显示', '最后显示', '显示时长（分钟）', '公示期内显示天数占比（%）'],
      rows.map((p) => [
        p.title,
        p.siteName,
        p.validFrom ? timeText(Date.parse(p.validFrom), tz) : '',
        p.validTo ? timeText(Date.parse(p.validTo), tz) : '长期',
        timeText(p.firstShownAt, tz),
        timeText(p.lastShownAt, tz),
        Math.round(p.totalShownMs / 60_000),
        pct(p.coverage),
      ]),
    );
  } else {
    title = '设备状态';
    const rows = await listDevices(c.db, c.user, c.snap, c.now);
    sheet(
      wb,
      '设备状态',
      ['名称', '站点', '乡镇', '类型', '状态', '最后联系', '程序版本', '内容版本', '最新内容版本', '最近错误', '已停用'],
      rows.map((d) => [
        d.name,
        d.siteName,
        c.snap.sites.get(d.township)?.name ?? d.township,
        d.mode === 'kiosk' ? '查询机' : d.mode === 'display' ? '显示屏' : '字幕屏',
        HEALTH[d.health],
        timeText(d.lastSeenAt, tz),
        d.appBuild,
        d.contentVersion,
        d.latestContentVersion,
        d.lastError,
        d.revokedAt ? timeText(d.revokedAt, tz) : '',
      ]),
    );
  }
  const buf = await wb.xlsx.writeBuffer();
  return { bytes: new Uint8Array(buf as ArrayBuffer), filename: `${title}-${c.filter.fromDate}-${c.filter.toDate}.xlsx` };
}
