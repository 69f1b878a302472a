/** Rules for items/<department>/<code>.yaml and topics.yaml. */
import { ITEM_LEVELS, type ItemLevel } from '../../kiosk/src/bundle/schema.ts';
import { baseName } from './load-content.ts';
import { siteOffersItem, type SiteRef } from './site-offer.ts';
import type { ItemSource, SiteSource } from './source-types.ts';
import { arr, CODE_PATTERN, isStr, rec, text, type ValidationContext } from './validation-context.ts';
import type { SourceFile } from './yaml-source.ts';

export function siteRef(s: SiteSource): SiteRef {
  return { code: s.code, kind: s.kind, parent: s.parent };
}

/** First pass: index items by code (duplicates and file names checked). */
export function indexItems(ctx: ValidationContext): void {
  const files = new Map<string, string>();
  for (const src of ctx.content.items) {
    const code = rec(src.data).code;
    if (!isStr(code)) continue;
    if (code !== baseName(src.file)) {
      ctx.report(src, ['code'], `事项编码「${code}」必须与文件名「${baseName(src.file)}」一致`);
    }
    if (!CODE_PATTERN.test(code)) {
      ctx.report(src, ['code'], `事项编码「${code}」只能使用字母、数字、- 和 _`);
    }
    const prior = files.get(code);
    if (prior) {
      ctx.report(src, ['code'], `事项编码「${code}」重复（${prior} 已使用）`);
    } else {
      files.set(code, src.file);
      ctx.items.set(code, src.data);
    }
  }
}

export function checkItems(ctx: ValidationContext): void {
  /** "township\ndepartment" → codes of items offered there that no window handles. */
  const unhandled = new Map<string, string[]>();
  const offeredAt = offerIndex(ctx);
  for (const src of ctx.content.items) checkItem(ctx, src, unhandled, offeredAt);
  // Reported once per township and department, on the township's windows.
  for (const [key, codes] of [...unhandled].sort()) {
    const [code, dept] = key.split('\n');
    const site = ctx.content.sites.find((s) => rec(s.data).code === code);
    if (!site) continue;
    const list = codes.slice(0, 5).join('、') + (codes.length > 5 ? ` 等 ${codes.length} 项` : '');
    ctx.report(
      site,
      ['windows'],
      `没有受理部门「${dept}」的窗口，但事项 ${list} 在本站办理：请在某个窗口的 departments 中加入 ${dept}，或在这些事项的 sites 中不列本站`,
    );
  }
}

type OfferedAt = (item: { level: ItemLevel; sites: ItemSource['sites'] }) => SiteSource[];

/**
 * The township and village sites that offer an item (siteOffersItem), testing only the sites its
 * list can cover — the named sites and the villages of named townships — instead of every site
 * for every item; items offered everywhere share one answer per level. Order: not kept.
 */
function offerIndex(ctx: ValidationContext): OfferedAt {
  const local = [...ctx.sites.values()].filter((s) => s.kind === 'township' || s.kind === 'village');
  const villagesOf = new Map<string, SiteSource[]>();
  for (const s of local) {
    if (s.kind !== 'village' || !isStr(s.parent)) continue;
    const list = villagesOf.get(s.parent);
    if (list) list.push(s);
    else villagesOf.set(s.parent, [s]);
  }
  const everywhere = new Map<ItemLevel, SiteSource[]>();
  return (item) => {
    const offers = (s: SiteSource) => siteOffersItem(item, siteRef(s));
    if (!Array.isArray(item.sites)) {
      let at = everywhere.get(item.level);
      if (!at) everywhere.set(item.level, (at = local.filter(offers)));
      return at;
    }
    const candidates = new Set<SiteSource>();
    for (const code of item.sites) {
      if (!isStr(code)) continue;
      const site = ctx.sites.get(code);
      if (site && (site.kind === 'township' || site.kind === 'village')) candidates.add(site);
      for (const v of villagesOf.get(code) ?? []) candidates.add(v);
    }
    return [...candidates].filter(offers);
  };
}

function checkItem(ctx: ValidationContext, src: SourceFile<ItemSource>, unhandled: Map<string, string[]>, offeredSites: OfferedAt): void {
  const it = rec(src.data);
  const report = (path: (string | number)[], msg: string) => ctx.report(src, path, msg);
  const folder = src.file.split('/')[1];

  if (isStr(it.department)) {
    if (!ctx.departments.has(it.department)) {
      report(['department'], `部门「${it.department}」不存在（应为 departments.yaml 中的部门编码）`);
    } else if (folder !== it.department) {
      report(['department'], `事项文件放在 items/${folder}/ 中，但部门是「${it.department}」：请移到 items/${it.department}/`);
    }
  }

  // 办件类型 and time limits
  const promise = it.promiseDays;
  const legal = it.legalDays;
  if (it.mode === '承诺件' && promise === undefined) {
    report(['promiseDays'], '承诺件必须填写承诺时限 promiseDays（工作日数，正整数）');
  }
  if (it.mode === '即办件' && promise !== undefined) {
    report(['promiseDays'], '即办件当场办结，不填写承诺时限 promiseDays；如需若干工作日办结，请把办件类型改为承诺件');
  }
  if (typeof promise === 'number' && typeof legal === 'number' && legal < promise) {
    report(['legalDays'], `法定时限 ${legal} 个工作日短于承诺时限 ${promise} 个工作日：承诺时限不能超过法定时限`);
  }

  // Fees
  const fee = rec(it.fee);
  if (fee.charged === true) {
    if (!isStr(fee.basis)) report(['fee', 'basis'], '收费事项必须填写收费依据 fee.basis');
    if (!isStr(fee.standard)) report(['fee', 'standard'], '收费事项必须填写收费标准 fee.standard');
  }

  // Sites
  const sites = it.sites;
  if (Array.isArray(sites)) {
    const seen = new Set<string>();
    sites.forEach((code, i) => {
      if (!isStr(code)) return;
      if (!ctx.sites.has(code)) report(['sites', i], `站点「${code}」不存在（应为 sites/ 中的站点编码，或写 all）`);
      if (seen.has(code)) report(['sites', i], `站点「${code}」重复`);
      seen.add(code);
    });
  }

  // Where it is offered, and a window for it at every township that offers it.
  if (ITEM_LEVELS.includes(it.level as ItemLevel) && (sites === undefined || sites === 'all' || Array.isArray(sites))) {
    const item = { level: it.level as ItemLevel, sites: sites as ItemSource['sites'] };
    const offeredAt = offeredSites(item);
    if (offeredAt.length === 0 && ctx.sites.size > 0) {
      report(['level'], `按办理层级「${it.level}」和适用站点，本事项不会出现在任何站点`);
    }
    if (isStr(it.department) && ctx.departments.has(it.department) && isStr(it.code)) {
      const townships = new Set<string>();
      for (const s of offeredAt) {
        if (s.kind === 'township') townships.add(s.code);
        else if (it.level === '乡镇和村(社区)' && isStr(s.parent)) townships.add(s.parent);
      }
      for (const code of townships) {
        const t = ctx.sites.get(code);
        if (!t || t.kind !== 'township' || !Array.isArray(t.windows)) continue;
        if (!t.windows.some((w) => arr(rec(w).departments).includes(it.department))) {
          const key = `${code}\n${it.department as string}`;
          const list = unhandled.get(key) ?? [];
          list.push(it.code);
          unhandled.set(key, list);
        }
      }
    }
  }

  if (it.phone !== undefined && text(it.phone)?.trim() === '') report(['phone'], '咨询电话不能为空');
}

export function checkTopics(ctx: ValidationContext): void {
  const src = ctx.content.topics;
  if (!src) return;
  const ids = new Set<string>();
  arr(rec(src.data).topics).forEach((t, i) => {
    const topic = rec(t);
    if (isStr(topic.id)) {
      if (ids.has(topic.id)) ctx.report(src, ['topics', i, 'id'], `主题编号「${topic.id}」重复`);
      if (!CODE_PATTERN.test(topic.id)) ctx.report(src, ['topics', i, 'id'], '主题编号只能使用字母、数字、- 和 _');
      ids.add(topic.id);
    }
    const seen = new Set<string>();
    arr(topic.items).forEach((code, j) => {
      if (!isStr(code)) return;
      if (!ctx.items.has(code)) ctx.report(src, ['topics', i, 'items', j], `事项编码「${code}」不存在`);
      if (seen.has(code)) ctx.report(src, ['topics', i, 'items', j], `事项「${code}」在本主题中重复`);
      seen.add(code);
    });
  });
}
