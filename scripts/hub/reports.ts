/**
 * Report queries: 满意率 (by filter, by month, reasons ranked, township ranking), 差评整改
 * figures, 公示留痕 from the play log. One definition of every number, used by the JSON API and
 * the .xlsx export alike. Township accounts are limited to their township here too.
 */
import { type ExpressionBuilder, sql } from 'kysely';
import type { CaseFigures, CaseState, PublicityRow, ReportFilter, SatisfactionReport, SessionUser } from '../../kiosk/src/uplink/api.ts';
import { CASE_STATES, RATING_TARGETS } from '../../kiosk/src/uplink/api.ts';
import { addDays } from '../../kiosk/src/time/zoned.ts';
import { scopeOf } from './admin.ts';
import { localDay } from './calendar.ts';
import { type CatalogSnapshot, townships, visibleSites } from './catalog.ts';
import type { HubDb, HubSchema } from './db.ts';
import { BadRequest } from './validate.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads ?from=&to=&township=&site=&target=&targetId= (default: the last 30 days). */
export function parseFilter(q: (name: string) => string | undefined, snap: CatalogSnapshot, now: number): ReportFilter {
  const today = localDay(now, snap.county.timeZone);
  const fromDate = q('from') || addDays(today, -29);
  const toDate = q('to') || today;
  if (!DATE.test(fromDate) || !DATE.test(toDate)) throw new BadRequest('日期应为 YYYY-MM-DD', 'from');
  if (fromDate > toDate) throw new BadRequest('开始日期不能晚于结束日期', 'from');
  const f: ReportFilter = { fromDate, toDate };
  const township = q('township');
  const site = q('site');
  const target = q('target');
  const targetId = q('targetId');
  if (township) f.township = township;
  if (site) f.site = site;
  if (target) {
    if (!(RATING_TARGETS as readonly string[]).includes(target)) throw new BadRequest('评价对象不正确', 'target');
    f.targetKind = target as ReportFilter['targetKind'];
  }
  if (targetId) f.targetId = targetId;
  return f;
}

function ratingWhere(user: SessionUser, f: ReportFilter) {
  const scope = scopeOf(user);
  return (eb: ExpressionBuilder<HubSchema, 'ratings'>) => {
    const conds = [eb('ratings.day', '>=', f.fromDate), eb('ratings.day', '<=', f.toDate)];
    if (scope !== null) conds.push(eb('ratings.township', '=', scope));
    if (f.township) conds.push(eb('ratings.township', '=', f.township));
    if (f.site) conds.push(eb('ratings.site_code', '=', f.site));
    if (f.targetKind) conds.push(eb('ratings.target_kind', '=', f.targetKind));
    if (f.targetId) conds.push(eb('ratings.target_id', '=', f.targetId));
    return eb.and(conds);
  };
}

/** The same filter on rating_reasons (which carries the rating's filter columns). */
function reasonWhere(user: SessionUser, f: ReportFilter) {
  const scope = scopeOf(user);
  return (eb: ExpressionBuilder<HubSchema, 'rating_reasons'>) => {
    const conds = [eb('rating_reasons.day', '>=', f.fromDate), eb('rating_reasons.day', '<=', f.toDate)];
    if (scope !== null) conds.push(eb('rating_reasons.township', '=', scope));
    if (f.township) conds.push(eb('rating_reasons.township', '=', f.township));
    if (f.site) conds.push(eb('rating_reasons.site_code', '=', f.site));
    if (f.targetKind) conds.push(eb('rating_reasons.target_kind', '=', f.targetKind));
    if (f.targetId) conds.push(eb('rating_reasons.target_id', '=', f.targetId));
    return eb.and(conds);
  };
}

const rate = (good: number, total: number): number | null => (total > 0 ? good / total : null);

export async function satisfactionReport(
  db: HubDb,
  user: SessionUser,
  snap: CatalogSnapshot,
  f: ReportFilter,
): Promise<SatisfactionReport> {
  const where = ratingWhere(user, f);
  const n = sql<number>`count(*)`;
  // Levels, months and townships in one pass: over the daily counts, or over the ratings
  // themselves when the filter names one window / staff member / item (rating_days has no ids).
  const scope = scopeOf(user);
  const cellsQuery = f.targetId
    ? db
        .selectFrom('ratings')
        .select(['month', 'township', 'level', n.as('n'), sql<number>`sum(demo)`.as('demo')])
        .where(where)
        .groupBy(['month', 'township', 'level'])
    : db
        .selectFrom('rating_days')
        .select(['month', 'township', 'level', sql<number>`sum(n)`.as('n'), sql<number>`sum(demo * n)`.as('demo')])
        .where((eb) => {
          const conds = [eb('day', '>=', f.fromDate), eb('day', '<=', f.toDate)];
          if (scope !== null) conds.push(eb('township', '=', scope));
          if (f.township) conds.push(eb('township', '=', f.township));
          if (f.site) conds.push(eb('site_code', '=', f.site));
          if (f.targetKind) conds.push(eb('target_kind', '=', f.targetKind));
          return eb.and(conds);
        })
        .groupBy(['month', 'township', 'level']);
  const [cells, reasonRows] = await Promise.all([
    cellsQuery.execute(),
    db
      .selectFrom('rating_reasons')
      .select(['rating_reasons.reason', n.as('n')])
      .where(reasonWhere(user, f))
      .groupBy('rating_reasons.reason')
      .orderBy('n', 'desc')
      .orderBy('rating_reasons.reason')
      .execute(),
  ]);
  const months = new Map<string, { n: number; good: number }>();
  const townStats = new Map<string, { n: number; good: number }>();
  let demoRatings = 0;
  const levels: SatisfactionReport['levels'] = [0, 0, 0, 0, 0];
  for (const c of cells) {
    const count = Number(c.n);
    const good = c.level >= 3 ? count : 0;
    if (c.level >= 1 && c.level <= 5) levels[c.level - 1] += count;
    demoRatings += Number(c.demo);
    for (const [map, key] of [
      [months, c.month],
      [townStats, c.township],
    ] as const) {
      const s = map.get(key) ?? { n: 0, good: 0 };
      s.n += count;
      s.good += good;
      map.set(key, s);
    }
  }
  const total = levels.reduce((a, b) => a + b, 0);
  const towns = townships(snap).filter((t) => scope === null || t.code === scope);
  return {
    filter: f,
    total,
    levels,
    satisfaction: rate(levels[2] + levels[3] + levels[4], total),
    byMonth: [...months.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, m]) => ({ month, total: m.n, satisfaction: rate(m.good, m.n) })),
    reasons: reasonRows.map((r) => ({ reason: r.reason, count: Number(r.n) })),
    townships: towns
      .map((t) => {
        const s = townStats.get(t.code) ?? { n: 0, good: 0 };
        return { code: t.code, name: t.name, total: s.n, satisfaction: rate(s.good, s.n) };
      })
      .sort((a, b) => (b.satisfaction ?? -1) - (a.satisfaction ?? -1) || b.total - a.total || a.code.localeCompare(b.code)),
    demoRatings,
  };
}

/**
 * 差评整改 figures over the cases of ratings given in the filter's dates:
 * 回访率 = called back / cases with a callback phone; 整改率 = 已办结 / (total − 申诉 − 无效);
 * 按时办结率 = 已办结 on or before the due date / 已办结.
 */
export async function caseFigures(db: HubDb, user: SessionUser, snap: CatalogSnapshot, f: ReportFilter, now: number): Promise<CaseFigures> {
  const today = localDay(now, snap.county.timeZone);
  const where = ratingWhere(user, f);
  const rows = await db
    .selectFrom('cases')
    .innerJoin('ratings', 'ratings.id', 'cases.rating_id')
    .select([
      'cases.state',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(case when cases.has_phone = 1 then 1 else 0 end)`.as('phones'),
      sql<number>`sum(case when cases.has_phone = 1 and cases.called_back = 1 then 1 else 0 end)`.as('called'),
      sql<number>`sum(case when cases.closed_day is not null and cases.closed_day <= cases.due_date then 1 else 0 end)`.as('on_time'),
      sql<number>`sum(case when cases.due_date < ${today} then 1 else 0 end)`.as('past_due'),
      sql<number>`sum(case when cases.closed_day is not null and cases.closed_day > cases.due_date then 1 else 0 end)`.as('late'),
      sql<number>`sum(cases.demo)`.as('demo'),
    ])
    .where(where)
    .groupBy('cases.state')
    .execute();
  const byState = Object.fromEntries(CASE_STATES.map((s) => [s, 0])) as Record<CaseState, number>;
  let phones = 0;
  let called = 0;
  let onTime = 0;
  let overdue = 0;
  let demo = 0;
  for (const r of rows) {
    const state = r.state as CaseState;
    byState[state] = Number(r.n);
    phones += Number(r.phones);
    called += Number(r.called);
    demo += Number(r.demo);
    if (state === '已办结') {
      onTime += Number(r.on_time);
      overdue += Number(r.late);
    }
    if (state === '待核实' || state === '整改中') overdue += Number(r.past_due);
  }
  const total = Object.values(byState).reduce((a, b) => a + b, 0);
  const valid = total - byState.申诉 - byState.无效;
  return {
    total,
    byState,
    overdue,
    callbackRate: rate(called, phones),
    fixRate: rate(byState.已办结, valid),
    onTimeRate: rate(onTime, byState.已办结),
    demoCases: demo,
  };
}

const DAY_MS = 86_400_000;

/**
 * 公示留痕: per announcement and site (of the user's scope), from the uploaded play log: first and
 * last time shown, total time on screen, and the share of the 公示 period's days so far (from
 * validFrom to validTo or today) on which it was on screen at least once.
 */
export async function publicityReport(
  db: HubDb,
  user: SessionUser,
  snap: CatalogSnapshot,
  f: ReportFilter,
  now: number,
): Promise<PublicityRow[]> {
  const scope = scopeOf(user);
  const tz = snap.county.timeZone;
  const today = localDay(now, tz);
  let q = db
    .selectFrom('play_log')
    .select([
      'announcement_id',
      'site_code',
      sql<number>`min(from_at)`.as('first'),
      sql<number>`max(to_at)`.as('last'),
      sql<number>`sum(to_at - from_at)`.as('total'),
    ])
    .where('announcement_id', 'is not', null)
    .groupBy(['announcement_id', 'site_code']);
  if (scope !== null) q = q.where('township', '=', scope);
  if (f.township) q = q.where('township', '=', f.township);
  if (f.site) q = q.where('site_code', '=', f.site);
  const agg = await q.execute();
  let dq = db.selectFrom('play_log').select(['announcement_id', 'site_code', 'day']).distinct().where('announcement_id', 'is not', null);
  if (scope !== null) dq = dq.where('township', '=', scope);
  if (f.township) dq = dq.where('township', '=', f.township);
  if (f.site) dq = dq.where('site_code', '=', f.site);
  const days = await dq.execute();
  const daysOf = new Map<string, string[]>();
  for (const d of days) {
    const k = `${d.announcement_id}|${d.site_code}`;
    const list = daysOf.get(k) ?? [];
    list.push(d.day);
    daysOf.set(k, list);
  }
  const aggOf = new Map(agg.map((a) => [`${a.announcement_id}|${a.site_code}`, a]));
  const rows: PublicityRow[] = [];
  for (const site of visibleSites(snap, scope)) {
    if (f.township && site.township !== f.township) continue;
    if (f.site && site.code !== f.site) continue;
    for (const a of site.announcements) {
      const k = `${a.id}|${site.code}`;
      const s = aggOf.get(k);
      const fromDay = a.validFrom ? localDay(Date.parse(a.validFrom), tz) : null;
      const toDayFull = a.validTo ? localDay(Date.parse(a.validTo) - 1, tz) : null;
      const endDay = toDayFull && toDayFull < today ? toDayFull : today;
      let coverage: number | null = null;
      if (fromDay && fromDay <= endDay) {
        const periodDays = Math.round((Date.parse(`${endDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / DAY_MS) + 1;
        const shown = (daysOf.get(k) ?? []).filter((d) => d >= fromDay && d <= endDay).length;
        coverage = shown / periodDays;
      }
      rows.push({
        announcementId: a.id,
        title: a.title,
        siteCode: site.code,
        siteName: site.name,
        validFrom: a.validFrom,
        validTo: a.validTo,
        firstShownAt: s ? Number(s.first) : null,
        lastShownAt: s ? Number(s.last) : null,
        totalShownMs: s ? Number(s.total) : 0,
        coverage,
      });
    }
  }
  return rows;
}
