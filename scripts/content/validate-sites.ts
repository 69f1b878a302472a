/** Rules for county.yaml, departments.yaml, sites/*.yaml and staff/*.yaml. */
import { TOWNSHIP_CLASSES, type TownshipClass } from '../../kiosk/src/bundle/schema.ts';
import { PIN_HASH_PATTERN } from '../../kiosk/src/bundle/pin-hash.ts';
import { isValidClockTime, isValidDate, isValidTimeZone } from './dates.ts';
import { baseName } from './load-content.ts';
import type { SiteSource, StaffSource } from './source-types.ts';
import { arr, CODE_PATTERN, isStr, rec, text, type ValidationContext } from './validation-context.ts';
import type { SourceFile } from './yaml-source.ts';

/** The county notice's classes: 一类 > 30,000 people, 二类 15,000–30,000, 三类 < 15,000. */
export function classForPopulation(population: number): TownshipClass {
  if (population > 30000) return '一类';
  if (population >= 15000) return '二类';
  return '三类';
}

export function checkCounty(ctx: ValidationContext): void {
  const src = ctx.content.county;
  if (!src) return;
  const c = rec(src.data);
  if (isStr(c.timeZone) && !isValidTimeZone(c.timeZone)) {
    ctx.report(src, ['timeZone'], `时区「${c.timeZone}」无效，应为 Asia/Shanghai 这样的时区名`);
  }
  if (isStr(c.publicItemUrl) && !/^https?:\/\//.test(c.publicItemUrl)) {
    ctx.report(src, ['publicItemUrl'], '事项网址前缀应以 http:// 或 https:// 开头');
  }
  if (isStr(c.hub) && !/^(https?:\/\/[^\s/]+(\/\S*)?|\/(?!\/)\S*)$/.test(c.hub)) {
    ctx.report(src, ['hub'], '县级管理平台地址应以 https:// 或 http:// 开头（或以 / 开头，表示与查询机同一网站）');
  }
  if (isStr(c.code) && !CODE_PATTERN.test(c.code)) {
    ctx.report(src, ['code'], '县编码只能使用字母、数字、- 和 _');
  }
}

export function checkDepartments(ctx: ValidationContext): void {
  const src = ctx.content.departments;
  if (!src) return;
  arr(rec(src.data).departments).forEach((d, i) => {
    const id = rec(d).id;
    if (!isStr(id)) return;
    if (!CODE_PATTERN.test(id)) {
      ctx.report(src, ['departments', i, 'id'], `部门编码「${id}」只能使用字母、数字、- 和 _`);
    }
    if (ctx.departments.has(id)) {
      ctx.report(src, ['departments', i, 'id'], `部门编码「${id}」重复`);
    } else {
      ctx.departments.set(id, d as never);
    }
  });
}

/** First pass over sites: index them by code (duplicates and file names checked). */
export function indexSites(ctx: ValidationContext): void {
  for (const src of ctx.content.sites) {
    const s = rec(src.data);
    if (!isStr(s.code)) continue;
    if (s.code !== baseName(src.file)) {
      ctx.report(src, ['code'], `站点编码「${s.code}」必须与文件名「${baseName(src.file)}」一致`);
    }
    if (!CODE_PATTERN.test(s.code)) {
      ctx.report(src, ['code'], `站点编码「${s.code}」只能使用字母、数字、- 和 _`);
    }
    if (s.maintenancePin !== undefined && !(isStr(s.maintenancePin) && PIN_HASH_PATTERN.test(s.maintenancePin))) {
      ctx.report(src, ['maintenancePin'], '维护密码必须是 npm run hash-pin 生成的一行（pbkdf2-sha256$…），不能直接写密码');
    }
    const prior = ctx.sites.get(s.code);
    if (prior) {
      ctx.report(src, ['code'], `站点编码「${s.code}」重复（与另一个站点文件相同）`);
    } else {
      ctx.sites.set(s.code, src.data);
    }
  }
  if (ctx.content.county && ![...ctx.sites.values()].some((s) => s.kind === 'township')) {
    ctx.problems.push({
      file: 'sites/',
      line: 0,
      field: '',
      message: '至少需要一个乡镇便民服务中心（sites/<编码>.yaml，kind: township）',
    });
  }
}

export function checkSites(ctx: ValidationContext): void {
  for (const src of ctx.content.sites) checkSite(ctx, src);
}

function checkSite(ctx: ValidationContext, src: SourceFile<SiteSource>): void {
  const s = rec(src.data);
  const report = (path: (string | number)[], msg: string) => ctx.report(src, path, msg);
  if (s.kind === 'township') {
    if (s.class === undefined) report(['class'], '乡镇便民服务中心必须填写乡镇类别（一类、二类或三类）');
    if (
      typeof s.population === 'number' &&
      TOWNSHIP_CLASSES.includes(s.class as TownshipClass) &&
      classForPopulation(s.population) !== s.class
    ) {
      report(
        ['population'],
        `人口 ${s.population} 与乡镇类别「${String(s.class)}」不符：一类 3万人以上，二类 1.5万—3万人，三类 1.5万人以下（按人口应为${classForPopulation(s.population)}）`,
      );
    }
    if (s.hours === undefined) report(['hours'], '乡镇便民服务中心必须填写办公时间 hours');
    if (arr(s.windows).length === 0) report(['windows'], '乡镇便民服务中心必须至少设置一个窗口 windows');
    if (s.parent !== undefined) report(['parent'], '乡镇便民服务中心不填写所属乡镇 parent（仅村(社区)代办站填写）');
    if (s.agent !== undefined) report(['agent'], '代办员 agent 只在村(社区)代办站填写');
  } else if (s.kind === 'village') {
    if (s.parent === undefined) {
      report(['parent'], '村(社区)代办站必须填写所属乡镇 parent（乡镇站点编码）');
    } else if (isStr(s.parent)) {
      const parent = ctx.sites.get(s.parent);
      if (!parent) report(['parent'], `所属乡镇「${s.parent}」不存在（应为 sites/ 中某个乡镇的编码）`);
      else if (parent.kind !== 'township') report(['parent'], `所属乡镇「${s.parent}」不是乡镇便民服务中心`);
    }
    if (s.agent === undefined) report(['agent'], '村(社区)代办站必须填写代办员 agent（姓名、电话）');
    if (s.class !== undefined) report(['class'], '乡镇类别只在乡镇便民服务中心填写');
    if (s.population !== undefined) report(['population'], '人口只在乡镇便民服务中心填写');
    if (s.windows !== undefined) report(['windows'], '窗口只在乡镇便民服务中心填写');
  }

  // Opening hours
  const hours = rec(s.hours);
  const days = arr(hours.days);
  if (new Set(days).size !== days.length) report(['hours', 'days'], '办公日有重复');
  arr(hours.periods).forEach((p, i) => {
    const period = rec(p);
    for (const k of ['open', 'close'] as const) {
      const v = period[k];
      if (typeof v === 'string' && !isValidClockTime(v)) {
        report(['hours', 'periods', i, k], `时间「${v}」格式不对，应为 08:30 这样的 24 小时制`);
      }
    }
    if (
      typeof period.open === 'string' &&
      typeof period.close === 'string' &&
      isValidClockTime(period.open) &&
      isValidClockTime(period.close) &&
      period.open >= period.close
    ) {
      report(['hours', 'periods', i, 'close'], `结束时间 ${period.close} 应晚于开始时间 ${period.open}`);
    }
  });

  // Windows
  const numbers = new Set<string>();
  arr(s.windows).forEach((w, i) => {
    const win = rec(w);
    const num = text(win.number);
    if (num !== undefined) {
      if (numbers.has(num)) report(['windows', i, 'number'], `窗口号「${num}」重复`);
      numbers.add(num);
    }
    arr(win.departments).forEach((d, j) => {
      if (isStr(d) && !ctx.departments.has(d)) {
        report(['windows', i, 'departments', j], `部门「${d}」不存在（应为 departments.yaml 中的部门编码）`);
      }
    });
  });

  // Agent photo
  const agent = rec(s.agent);
  if (isStr(agent.photo)) checkPhoto(ctx, src, ['agent', 'photo'], agent.photo);
}

function checkPhoto(ctx: ValidationContext, src: SourceFile, path: (string | number)[], photo: string): void {
  if (photo.includes('/') || photo.includes('\\')) {
    ctx.report(src, path, `照片只写文件名（放在 staff/photos/ 文件夹中），不要写路径：「${photo}」`);
    return;
  }
  if (!/\.(jpe?g|png|webp)$/i.test(photo)) {
    ctx.report(src, path, `照片「${photo}」应为 jpg、png 或 webp 图片`);
    return;
  }
  if (!ctx.content.files.has(`staff/photos/${photo}`)) {
    ctx.report(src, path, `照片文件 staff/photos/${photo} 不存在`);
  }
}

export function checkStaff(ctx: ValidationContext): void {
  const seenIds = new Map<string, string>();
  for (const src of ctx.content.staff) {
    const township = baseName(src.file);
    const site = ctx.sites.get(township);
    if (!site) {
      ctx.report(src, [], `文件名「${township}」应为某个乡镇的站点编码（staff/<乡镇编码>.yaml），但没有这个站点`);
    } else if (site.kind !== 'township') {
      ctx.report(src, [], `工作人员文件只为乡镇便民服务中心编写；「${township}」是村(社区)代办站（代办员写在站点文件的 agent 中）`);
    }
    const windowNumbers = new Set(arr(rec(site).windows).map((w) => text(rec(w).number)));
    const list = arr<StaffSource>(rec(src.data).staff);
    const byId = new Map<string, { staff: StaffSource; index: number }>();
    list.forEach((m, i) => {
      const id = rec(m).id;
      if (!isStr(id)) return;
      const prior = seenIds.get(id);
      if (prior) ctx.report(src, ['staff', i, 'id'], `工作人员编号「${id}」重复（${prior} 中已有）`);
      else seenIds.set(id, src.file);
      if (!byId.has(id)) byId.set(id, { staff: m, index: i });
    });
    list.forEach((raw, i) => {
      const m = rec(raw);
      const at = (...p: (string | number)[]) => ['staff', i, ...p];
      const win = text(m.window);
      if (site && win !== undefined && !windowNumbers.has(win)) {
        ctx.report(src, at('window'), `窗口「${win}」在 sites/${township}.yaml 中不存在`);
      }
      if (isStr(m.photo)) checkPhoto(ctx, src, at('photo'), m.photo);
      if (isStr(m.partner)) {
        const partner = byId.get(m.partner);
        if (m.partner === m.id) {
          ctx.report(src, at('partner'), 'AB岗搭档不能是本人');
        } else if (!partner) {
          ctx.report(src, at('partner'), `AB岗搭档「${m.partner}」在本文件中不存在`);
        } else {
          const p = rec(partner.staff);
          if (p.partner !== m.id) {
            ctx.report(
              src,
              at('partner'),
              `AB岗搭档「${m.partner}」的 partner 应写回「${String(m.id)}」，现在是「${String(p.partner ?? '')}」`,
            );
          }
          if (text(p.window) !== undefined && win !== undefined && text(p.window) !== win) {
            ctx.report(src, at('partner'), `AB岗搭档「${m.partner}」在 ${String(p.window)} 号窗口，应与本人同一窗口（${win} 号）`);
          }
          if (p.post !== undefined && p.post === m.post) {
            ctx.report(src, at('post'), `与AB岗搭档「${m.partner}」岗位相同（都是${String(m.post)}岗），应一个A岗一个B岗`);
          }
        }
      }
      const duty = arr(m.dutyDays);
      if (new Set(duty).size !== duty.length) ctx.report(src, at('dutyDays'), '值班日有重复');
      arr(m.roster).forEach((r, j) => {
        const d = rec(r).date;
        if (typeof d === 'string' && !isValidDate(d)) {
          ctx.report(src, at('roster', j, 'date'), `日期「${d}」不对，应为 2026-10-01 这样的日期`);
        }
      });
    });
  }
}
