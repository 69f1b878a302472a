/**
 * What the wall loop shows, built from the site's bundle at the moment a slide
 * starts (and discarded when it ends): slide keys for one cycle of the loop, and
 * the content (title + blocks) of one slide.
 */
import { DISCLOSURE_FIELDS, type Announcement, type ServiceItem, type SiteBundle } from '../bundle/schema.ts';
import { isLive } from '../bundle/validity.ts';
import { isOnDuty, onDutyToday } from '../bundle/roster.ts';
import { liveAnnouncements } from '../present/announcements.ts';
import { validityTexts } from '../present/dates.ts';
import { materialText, NO_MATERIALS } from '../present/materials.ts';
import { phoneText } from '../present/phones.ts';
import { hoursText } from '../time/opening-hours.ts';
import { zonedParts } from '../time/zoned.ts';
import type { Block, FieldBlock, Line } from './blocks.ts';

export type SlideKind = 'announcement' | 'item' | 'staff' | 'centre';

export interface SlideSpec {
  /** "ann:<id>", "item:<code>", "staff", "centre" */
  key: string;
  kind: SlideKind;
  /** Kind label shown above the title, e.g. 公示公告 / 办事指南 */
  tag: string;
  title: string;
  subtitle?: string;
  urgent: boolean;
  /** Author's per-page seconds hint. */
  hintSeconds?: number;
  blocks: Block[];
}

/** How many service items one cycle of the loop shows; the next cycle continues with the next ones. */
export const ITEMS_PER_CYCLE = 3;

export const CENTRE_KEY = 'centre';
export const STAFF_KEY = 'staff';

/** Converts announcement HTML to blocks (browser: DOM; see html-blocks.ts). */
export type HtmlToBlocks = (html: string, text: string, group: string) => Block[];

function live(bundle: SiteBundle, now: number): Announcement[] {
  return liveAnnouncements(bundle.announcements, now, bundle.county.timeZone);
}

export function urgentKeys(bundle: SiteBundle, now: number): string[] {
  return live(bundle, now)
    .filter((a) => a.priority === 'urgent')
    .map((a) => 'ann:' + a.id);
}

/**
 * One cycle of the regular loop: current normal announcements (newest first), the
 * next ITEMS_PER_CYCLE service items from `itemStart` (wrapping), staff on duty,
 * centre information. Urgent announcements are not in the cycle: the scheduler
 * interleaves them.
 */
export function cycleKeys(bundle: SiteBundle, now: number, itemStart: number, itemsPerCycle = ITEMS_PER_CYCLE): string[] {
  const keys: string[] = [];
  for (const a of live(bundle, now)) if (a.priority !== 'urgent') keys.push('ann:' + a.id);
  const n = bundle.items.length;
  for (let i = 0; i < Math.min(itemsPerCycle, n); i++) keys.push('item:' + bundle.items[(itemStart + i) % n].code);
  const p = zonedParts(now, bundle.county.timeZone);
  if (bundle.staff.some((s) => isOnDuty(s, p.isoDate, p.weekday))) keys.push(STAFF_KEY);
  keys.push(CENTRE_KEY);
  return keys;
}

/** Whether a slide key can still be shown (its announcement is live, its item exists …). */
export function keyIsValid(bundle: SiteBundle, key: string, now: number): boolean {
  if (key.startsWith('ann:')) {
    const a = bundle.announcements.find((x) => 'ann:' + x.id === key);
    return !!a && isLive(a, now, bundle.county.timeZone);
  }
  if (key.startsWith('item:')) return bundle.items.some((x) => 'item:' + x.code === key);
  if (key === STAFF_KEY) {
    const p = zonedParts(now, bundle.county.timeZone);
    return bundle.staff.some((s) => isOnDuty(s, p.isoDate, p.weekday));
  }
  return key === CENTRE_KEY;
}

let lineSeq = 0;
const line = (text: string, marker?: string, html?: string): Line => ({ text, marker, html, lineId: 'l' + ++lineSeq });

function field(group: string, label: string | undefined, texts: string[], numbered = false, style: FieldBlock['style'] = 'f'): FieldBlock {
  const lines = texts.filter((t) => t && t.trim()).map((t, i) => line(t.trim(), numbered && texts.length > 1 ? `${i + 1}.` : undefined));
  return { kind: 'field', group, style, label, lines: lines.length ? lines : [line('无')], first: true };
}

export function itemBlocks(item: ServiceItem): Block[] {
  const blocks: Block[] = [];
  const materials = item.materials.map(materialText);
  for (const f of DISCLOSURE_FIELDS) {
    const g = 'f:' + f.key;
    switch (f.key) {
      case 'basis':
        blocks.push(field(g, f.label, item.basis, true));
        break;
      case 'conditions':
        blocks.push(field(g, f.label, item.conditions, true));
        blocks.push(field('f:materials', '申请材料', materials.length ? materials : [NO_MATERIALS], true));
        break;
      case 'steps':
        blocks.push(
          field(
            g,
            f.label,
            item.steps.map((s) => {
              const meta = [s.actor, s.days ? `${s.days}个工作日` : ''].filter(Boolean).join('，');
              return `${s.title}${s.detail ? '：' + s.detail : ''}${meta ? `（${meta}）` : ''}`;
            }),
            true,
          ),
        );
        break;
      default:
        blocks.push(field(g, f.label, [String(item[f.key] ?? '')]));
    }
  }
  blocks.push(field('f:where', '办理地点', [item.where]));
  blocks.push(field('f:phone', '咨询电话', [item.phone]));
  return blocks;
}

export function buildSlide(bundle: SiteBundle, key: string, now: number, htmlToBlocks: HtmlToBlocks): SlideSpec | null {
  const tz = bundle.county.timeZone;
  if (key.startsWith('ann:')) {
    const a = bundle.announcements.find((x) => 'ann:' + x.id === key);
    if (!a) return null;
    const urgent = a.priority === 'urgent';
    return {
      key,
      kind: 'announcement',
      tag: urgent ? '紧急通知' : '公示公告',
      title: a.title,
      subtitle: validityTexts(a, tz).join('　'),
      urgent,
      hintSeconds: a.displaySeconds,
      blocks: htmlToBlocks(a.html, a.text, 'ann'),
    };
  }
  if (key.startsWith('item:')) {
    const item = bundle.items.find((x) => 'item:' + x.code === key);
    if (!item) return null;
    const dept = bundle.departments.find((d) => d.id === item.departmentId);
    return {
      key,
      kind: 'item',
      tag: '办事指南',
      title: item.name,
      subtitle: [dept?.fullName ?? dept?.name, item.type, item.mode, `事项编码 ${item.code}`].filter(Boolean).join('　'),
      urgent: false,
      blocks: itemBlocks(item),
    };
  }
  if (key === STAFF_KEY) {
    const p = zonedParts(now, tz);
    const windowName = (n: string) => bundle.site.windows.find((w) => w.number === n)?.name;
    const byId = new Map(bundle.staff.map((s) => [s.id, s]));
    const blocks: Block[] = onDutyToday(bundle.staff, p.isoDate, p.weekday).map((s) => {
      const partner = byId.get(s.partner);
      const covering = s.post === 'B' && partner && !isOnDuty(partner, p.isoDate, p.weekday);
      return {
        kind: 'card',
        group: 'staff:' + s.id,
        first: true,
        card: {
          id: s.id,
          name: s.name,
          position: s.position,
          window: s.window,
          windowName: windowName(s.window),
          post: s.post,
          photo: s.photo,
          note: covering ? `代A岗 ${partner.name}` : undefined,
        },
      };
    });
    return {
      key,
      kind: 'staff',
      tag: '挂牌上岗',
      title: '今日在岗工作人员',
      subtitle: 'AB岗工作制：A岗不在岗时由B岗顶岗办理',
      urgent: false,
      blocks,
    };
  }
  if (key === CENTRE_KEY) return centreSlide(bundle);
  return null;
}

export function centreSlide(bundle: SiteBundle): SlideSpec {
  const { site, county } = bundle;
  const blocks: Block[] = [
    field('c:hours', '办公时间', [hoursText(site.hours), site.hours.note ?? '']),
    field('c:address', '地址', [site.address]),
    field('c:consult', '咨询电话', [phoneText(site.phones.consultation)]),
    field('c:supervise', '监督举报', [phoneText(site.phones.supervision), phoneText(county.supervision)]),
    field('c:hotline', '便民热线', [phoneText(county.hotline)]),
    field('c:box', '意见箱', [site.opinionBox]),
  ];
  if (site.windows.length) {
    blocks.push(
      field(
        'c:windows',
        '服务窗口',
        site.windows.map((w) => `${w.number}号窗口　${w.name}`),
      ),
    );
  }
  if (site.agent) blocks.push(field('c:agent', '代办员', [`${site.agent.name}　${site.agent.phone}`]));
  if (site.parent) {
    blocks.push(field('c:parent', '所属乡镇', [`${site.parent.name}　${site.parent.address}　${site.parent.phone.number}`]));
  }
  return {
    key: CENTRE_KEY,
    kind: 'centre',
    tag: '服务指南',
    title: site.name,
    subtitle: '欢迎来到便民服务中心，群众办事“最多跑一次”',
    urgent: false,
    blocks,
  };
}

/** Plain fallback when announcement HTML cannot be parsed (and for tests): one paragraph per line. */
export const textToBlocks: HtmlToBlocks = (_html, text, group) =>
  text
    .split(/\n+/)
    .filter((t) => t.trim())
    .map((t, i) => ({ kind: 'field', group: `${group}:${i}`, style: 'p', lines: [line(t.trim())], first: true }) as FieldBlock);
