/**
 * Validated content → one SiteBundle per site, every reference resolved
 * (departments, windows, supervision and enquiry phones, time-limit sentence,
 * where to go, hours, parents and stations), Markdown rendered, dates in ISO
 * 8601 with the county's offset, search index precomputed. Pure apart from
 * reading image files; no timestamps, stable order everywhere.
 */
import type {
  Announcement,
  CountyInfo,
  Department,
  GovDocument,
  OpeningHours,
  Phone,
  ServiceItem,
  SiteBundle,
  SiteInfo,
  StaffMember,
  Step,
  Topic,
} from '../../kiosk/src/bundle/schema.ts';
import { FORMAT_VERSION } from '../../kiosk/src/bundle/schema.ts';
import { formatIsoInZone, parseDateTime } from '../content/dates.ts';
import type { LoadedContent } from '../content/load-content.ts';
import { resolveContentRef } from '../content/markdown-refs.ts';
import { siteOffersItem, sitesCover, type SiteRef } from '../content/site-offer.ts';
import type {
  AnnouncementSource,
  CountySource,
  DepartmentSource,
  DocumentSource,
  ItemSource,
  PhoneSource,
  SiteSource,
  StaffSource,
} from '../content/source-types.ts';
import { DEFAULT_TIME_ZONE } from '../content/validate-content.ts';
import { expireMs } from '../content/validate-texts.ts';
import type { MarkdownSource } from '../content/yaml-source.ts';
import { AssetRegistry } from './assets.ts';
import { renderMarkdown } from './markdown.ts';
import { buildSearchIndex } from './search-index.ts';
import { naturalCompare } from './natural-order.ts';

export interface BuiltSite {
  source: SiteSource;
  bundle: SiteBundle;
}

export interface BuildResult {
  county: CountyInfo;
  /** Townships by code, each followed by its villages by code. */
  sites: BuiltSite[];
  assets: AssetRegistry;
}

const WEEKDAYS = [1, 2, 3, 4, 5];

const byCode = naturalCompare;

function phone(p: PhoneSource): Phone {
  return { label: p.label, number: String(p.number) };
}

function phoneText(p: Phone): string {
  return `${p.label} ${p.number}`;
}

/** Build every site's bundle. `content` must have passed validateContent(). */
export function buildBundles(content: LoadedContent): BuildResult {
  const assets = new AssetRegistry(content.dir);
  const countySrc = content.county!.data as CountySource;
  const timeZone = countySrc.timeZone ?? DEFAULT_TIME_ZONE;
  const county: CountyInfo = {
    code: countySrc.code,
    name: countySrc.name,
    serviceCentre: countySrc.serviceCentre,
    publicItemUrl: countySrc.publicItemUrl,
    hotline: phone(countySrc.hotline),
    supervision: phone(countySrc.supervision),
    demo: countySrc.demo,
    timeZone,
  };

  const departmentList = content.departments!.data.departments;
  const departments = new Map(departmentList.map((d) => [d.id, d]));
  const departmentOrder = new Map(departmentList.map((d, i) => [d.id, i]));

  const siteSources = content.sites.map((s) => s.data);
  const townships = siteSources.filter((s) => s.kind === 'township').sort((a, b) => byCode(a.code, b.code));
  const villagesOf = (code: string) =>
    siteSources.filter((s) => s.kind === 'village' && s.parent === code).sort((a, b) => byCode(a.code, b.code));
  const ordered = townships.flatMap((t) => [t, ...villagesOf(t.code)]);
  const siteByCode = new Map(siteSources.map((s) => [s.code, s]));

  const items = content.items
    .map((s) => s.data)
    .sort((a, b) => (departmentOrder.get(a.department) ?? 0) - (departmentOrder.get(b.department) ?? 0) || byCode(a.code, b.code));
  const staffByTownship = new Map(content.staff.map((s) => [s.file.replace(/^staff\/|\.ya?ml$/g, ''), s.data.staff]));

  // Markdown is rendered once per file; images become assets.
  const render = (src: MarkdownSource) =>
    renderMarkdown(src.body, (ref) => {
      const rel = resolveContentRef(src.file, ref);
      return rel !== undefined && content.files.has(rel) ? assets.add(rel) : undefined;
    });
  const announcements = content.announcements
    .map((src) => ({ src: src.data as AnnouncementSource, out: announcement(src, render(src), timeZone) }))
    .sort((a, b) => cmpDesc(a.out.publishAt, b.out.publishAt) || byCode(a.out.id, b.out.id));
  const documents = content.documents
    .map((src) => ({ src: src.data as DocumentSource, out: govDocument(src, render(src)) }))
    .sort((a, b) => cmpDesc(a.out.date, b.out.date) || byCode(a.out.id, b.out.id));
  const topics = content.topics?.data.topics ?? [];

  const sites: BuiltSite[] = ordered.map((site) => {
    const ref: SiteRef = { code: site.code, kind: site.kind, parent: site.parent };
    const township = site.kind === 'township' ? site : siteByCode.get(site.parent!)!;
    const info = siteInfo(site, township, county, villagesOf(site.code), assets);
    const offered = items
      .filter((it) => siteOffersItem(it, ref))
      .map((it) => serviceItem(it, departments.get(it.department)!, info, township));
    const offeredCodes = new Set(offered.map((i) => i.code));
    const usedDepartments = new Set([...offered.map((i) => i.departmentId), ...info.windows.flatMap((w) => w.departments)]);
    const siteTopics: Topic[] = topics
      .map((t) => ({
        id: t.id,
        name: t.name,
        icon: t.icon,
        description: t.description,
        items: t.items.filter((c) => offeredCodes.has(c)),
      }))
      .filter((t) => t.items.length > 0);
    const siteAnnouncements = announcements.filter((a) => sitesCover(a.src.sites, ref)).map((a) => a.out);
    const siteDocuments = documents.filter((d) => sitesCover(d.src.sites, ref)).map((d) => d.out);
    const bundle: SiteBundle = {
      format: FORMAT_VERSION,
      county,
      site: info,
      departments: departmentList.filter((d) => usedDepartments.has(d.id)).map(department),
      items: offered,
      topics: siteTopics,
      announcements: siteAnnouncements,
      documents: siteDocuments,
      staff: site.kind === 'township' ? staffMembers(staffByTownship.get(site.code) ?? [], assets) : [],
      search: buildSearchIndex(offered, siteDocuments, siteAnnouncements),
    };
    return { source: site, bundle };
  });
  return { county, sites, assets };
}

function cmpDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

function hours(h: NonNullable<SiteSource['hours']>): OpeningHours {
  return {
    days: [...h.days].sort((a, b) => a - b),
    periods: h.periods.map((p) => ({ open: p.open, close: p.close })),
    note: h.note,
  };
}

function siteInfo(site: SiteSource, township: SiteSource, county: CountyInfo, villages: SiteSource[], assets: AssetRegistry): SiteInfo {
  const consultation = phone(site.phones.consultation);
  // Supervision: the site's own; a village station falls back to its township's, then the county's.
  const supervision = site.phones.supervision
    ? phone(site.phones.supervision)
    : township.phones.supervision
      ? phone(township.phones.supervision)
      : county.supervision;
  const base = {
    code: site.code,
    kind: site.kind,
    name: site.name,
    address: site.address,
    // Villages without their own hours keep their township's.
    hours: hours((site.hours ?? township.hours)!),
    phones: { consultation, supervision },
    opinionBox: site.opinionBox,
    maintenancePin: site.maintenancePin ?? township.maintenancePin,
  };
  if (site.kind === 'township') {
    return {
      ...base,
      class: site.class,
      population: site.population,
      windows: (site.windows ?? []).map((w) => ({
        number: String(w.number),
        name: w.name,
        departments: [...w.departments],
        position: w.position ? { x: w.position.x, y: w.position.y } : undefined,
      })),
      stations: villages.map((v) => ({
        code: v.code,
        name: v.name,
        agent: v.agent!.name,
        phone: String(v.agent!.phone),
      })),
    };
  }
  const agent = site.agent!;
  return {
    ...base,
    windows: [],
    agent: {
      name: agent.name,
      phone: String(agent.phone),
      photo: agent.photo ? assets.add(`staff/photos/${agent.photo}`) : undefined,
    },
    parent: {
      code: township.code,
      name: township.name,
      address: township.address,
      phone: phone(township.phones.consultation),
    },
  };
}

function department(d: DepartmentSource): Department {
  return {
    id: d.id,
    name: d.name,
    fullName: d.fullName,
    icon: d.icon,
    phone: d.phone === undefined ? undefined : String(d.phone),
  };
}

export function timeLimitText(it: Pick<ItemSource, 'mode' | 'promiseDays' | 'legalDays'>): string {
  const legal = it.legalDays !== undefined ? `（法定时限${it.legalDays}个工作日）` : '';
  if (it.mode === '即办件') return `即办件，材料齐全当场办结${legal}`;
  return `承诺件，${it.promiseDays}个工作日办结${legal}`;
}

function serviceItem(it: ItemSource, dept: DepartmentSource, site: SiteInfo, township: SiteSource): ServiceItem {
  const steps: Step[] = it.steps.map((s) =>
    typeof s === 'string' ? { title: s } : { title: s.title, detail: s.detail, actor: s.actor, days: s.days },
  );
  let where: string;
  let window: string | undefined;
  if (site.kind === 'township') {
    const w = site.windows.find((w) => w.departments.includes(it.department))!;
    where = `${w.number}号窗口（${w.name}）`;
    window = w.number;
  } else {
    const agent = site.agent!;
    where =
      it.level === '村(社区)'
        ? `在本站办理：代办员 ${agent.name}（${agent.phone}）`
        : `本站代办员 ${agent.name}（${agent.phone}），由代办员代为提交至${township.name}`;
  }
  const seen = new Set([it.name]);
  const keywords = (it.keywords ?? []).filter((k) => !seen.has(k) && (seen.add(k), true));
  return {
    code: it.code,
    name: it.name,
    type: it.type,
    departmentId: it.department,
    subject: it.subject,
    basis: [...it.basis],
    conditions: [...it.conditions],
    materials: it.materials.map((m) => ({
      name: m.name,
      form: m.form,
      copies: m.copies ?? 1,
      note: m.note,
      optional: m.optional ? true : undefined,
    })),
    steps,
    mode: it.mode,
    promiseDays: it.promiseDays,
    legalDays: it.legalDays,
    timeLimit: timeLimitText(it),
    result: it.result,
    charged: it.fee.charged,
    feeBasis: it.fee.charged ? it.fee.basis! : (it.fee.basis ?? '不收费'),
    feeStandard: it.fee.charged ? it.fee.standard! : (it.fee.standard ?? '不收费'),
    supervision: it.supervision ?? phoneText(site.phones.supervision),
    phone: it.phone !== undefined ? String(it.phone) : dept.phone !== undefined ? String(dept.phone) : site.phones.consultation.number,
    level: it.level,
    where,
    window,
    keywords,
    faq: it.faq?.map((f) => ({ q: f.q, a: f.a })),
    visits: it.visits ?? 1,
    popularity: it.popularity,
  };
}

function announcement(src: MarkdownSource, body: { html: string; text: string }, timeZone: string): Announcement {
  const a = src.data as AnnouncementSource;
  const publish = parseDateTime(a.publishAt, timeZone)!;
  const expire = a.expireAt !== undefined ? parseDateTime(a.expireAt, timeZone)! : undefined;
  return {
    id: a.id,
    title: a.title,
    html: body.html,
    text: body.text,
    publishAt: formatIsoInZone(publish.epochMs, timeZone),
    expireAt: expire ? formatIsoInZone(expireMs(expire), timeZone) : undefined,
    priority: a.priority ?? 'normal',
    displaySeconds: a.displaySeconds,
  };
}

function govDocument(src: MarkdownSource, body: { html: string; text: string }): GovDocument {
  const d = src.data as DocumentSource;
  return { id: d.id, title: d.title, issuer: d.issuer, number: d.number, date: d.date, html: body.html, text: body.text };
}

function staffMembers(list: StaffSource[], assets: AssetRegistry): StaffMember[] {
  return [...list]
    .sort((a, b) => byCode(String(a.window), String(b.window)) || (a.post < b.post ? -1 : a.post > b.post ? 1 : 0))
    .map((m) => ({
      id: m.id,
      name: m.name,
      photo: m.photo ? assets.add(`staff/photos/${m.photo}`) : undefined,
      position: m.position,
      window: String(m.window),
      post: m.post,
      partner: m.partner,
      roster: [
        { weekdays: [...(m.dutyDays ?? WEEKDAYS)].sort((a, b) => a - b), onDuty: true },
        ...[...(m.roster ?? [])]
          .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
          .map((r) => ({ date: r.date, onDuty: r.onDuty, note: r.note })),
      ],
      phone: m.phone === undefined ? undefined : String(m.phone),
    }));
}
