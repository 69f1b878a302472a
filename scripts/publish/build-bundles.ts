/**
 * Validated content → the parts of every site (format 2, see schema.ts): each item,
 * announcement and document serialised and hashed ONCE for the whole county, and per site
 * its SitePart (site information with every reference resolved: hours, phones, windows,
 * parents and stations, staff, topics), DepartmentsPart and SearchPart, plus the list of
 * images its parts refer to. Markdown rendered, dates in ISO 8601 with the county's offset,
 * search index precomputed. What differs per site for an item (where to go, window, phones)
 * is resolved by the kiosk (bundle/assemble.ts). Pure apart from reading image files; no
 * timestamps, stable order everywhere.
 */
import type {
  Announcement,
  AssetRef,
  CountyInfo,
  Department,
  DepartmentsPart,
  EntryParts,
  GovDocument,
  ItemPart,
  OpeningHours,
  PartRef,
  Phone,
  SearchEntry,
  ServiceItem,
  SiteBundle,
  SiteInfo,
  SitePart,
  SiteSummary,
  StaffMember,
  Step,
} from '../../kiosk/src/bundle/schema.ts';
import { assembleBundle, siteParts } from '../../kiosk/src/bundle/assemble.ts';
import { canonicalJson } from './canonical-json.ts';
import { sha256Hex } from './hashing.ts';
import { formatIsoInZone, parseDateTime } from '../content/dates.ts';
import type { LoadedContent } from '../content/load-content.ts';
import { resolveContentRef } from '../content/markdown-refs.ts';
import { levelFitsSite, type SiteRef } from '../content/site-offer.ts';
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
import { BuildCache } from './build-cache.ts';
import { renderMarkdown } from './markdown.ts';
import { buildSearchIndex, buildSearchLookup } from './search-index.ts';
import { naturalCompare } from './natural-order.ts';

export interface BuiltSite {
  source: SiteSource;
  summary: SiteSummary;
  parts: EntryParts;
  /** Images this site's parts refer to, by path. */
  assets: AssetRef[];
}

/** A serialised part: its canonical JSON bytes and (when built in this run) the value they encode. */
export interface PartFile {
  ref: PartRef;
  data: Buffer;
  value?: unknown;
}

/** Every distinct part of a publish, by SHA-256: equal parts of different sites are one file. */
export class PartSet {
  readonly byHash = new Map<string, PartFile>();

  /**
   * Adds a value (with its canonical JSON text, when the caller already made it; or only the
   * text, value undefined, for a part taken from the build cache: parsed when asked for).
   */
  add(value: unknown, json = canonicalJson(value)): PartRef {
    const data = Buffer.from(json, 'utf8');
    const sha256 = sha256Hex(data);
    const known = this.byHash.get(sha256);
    if (known) return known.ref;
    const ref = { sha256, bytes: data.length };
    this.byHash.set(sha256, { ref, data, value });
    this.numbers.set(ref, { n: this.byHash.size, cut: Number.parseInt(sha256.slice(0, 4), 16) % LIST_CUT === 0 });
    return ref;
  }

  value(sha256: string): unknown {
    const p = this.byHash.get(sha256);
    if (p && p.value === undefined) p.value = JSON.parse(p.data.toString('utf8'));
    return p?.value;
  }

  private readonly lists = new Map<string, PartRef>();
  /** Per ref this set handed out: its number (short list keys) and whether a list is cut after it. */
  private readonly numbers = new WeakMap<PartRef, { n: number; cut: boolean }>();

  /** True when a list is cut after this ref (its hash starts with a multiple of LIST_CUT). */
  cutAfter(ref: PartRef): boolean {
    return this.numbers.get(ref)?.cut ?? Number.parseInt(ref.sha256.slice(0, 4), 16) % LIST_CUT === 0;
  }

  /**
   * A ListPart of these refs. Sites share most of their lists, so each distinct run is
   * serialised once; the text is canonicalJson's, written directly (keys bytes < sha256).
   */
  addList(refs: readonly PartRef[]): PartRef {
    // Keyed by the parts' numbers in this set (short keys; every ref of a list is a part of it).
    const key = refs.map((r) => this.numbers.get(r)?.n ?? r.sha256).join();
    let ref = this.lists.get(key);
    if (!ref) {
      const json = `{"refs":[${refs.map((r) => `{"bytes":${r.bytes},"sha256":"${r.sha256}"}`).join(',')}]}`;
      ref = this.add({ refs: refs.map((r) => ({ bytes: r.bytes, sha256: r.sha256 })) }, json);
      this.lists.set(key, ref);
    }
    return ref;
  }
}

/** An item's part and what decides where it is offered. */
interface ItemEntry {
  code: string;
  departmentId: string;
  level: ItemSource['level'];
  sites: ItemSource['sites'];
  ref: PartRef;
}

/** What one item, announcement or document published as (for the change report). */
export interface CatalogueEntry {
  name: string;
  sha256: string;
}

export interface BuildResult {
  county: CountyInfo;
  /** Townships by code, each followed by its villages by code. */
  sites: BuiltSite[];
  parts: PartSet;
  assets: AssetRegistry;
  /** By id: each item's, announcement's, document's and site's part hash. */
  catalogue: {
    items: Record<string, CatalogueEntry>;
    announcements: Record<string, CatalogueEntry>;
    documents: Record<string, CatalogueEntry>;
    sites: Record<string, CatalogueEntry>;
  };
}

/** The SiteBundle a kiosk assembles from a built site's parts (tests, reports). */
export function siteBundleOf(built: Pick<BuildResult, 'parts'>, site: BuiltSite): SiteBundle {
  const entry = { site: site.summary, parts: site.parts } as Parameters<typeof assembleBundle>[0];
  const bundle = assembleBundle(
    entry,
    siteParts(entry, (h) => built.parts.value(h)),
  );
  return { ...bundle, searchIndex: buildSearchLookup(bundle.search) };
}

const WEEKDAYS = [1, 2, 3, 4, 5];

const byCode = naturalCompare;

function phone(p: PhoneSource): Phone {
  return { label: p.label, number: String(p.number) };
}

/**
 * Build every site's bundle. `content` must have passed validateContent(). `cache`: parts of
 * unchanged items, announcements and documents as earlier publishes built them (build-cache.ts).
 */
export function buildBundles(content: LoadedContent, { cache = BuildCache.none() }: { cache?: BuildCache } = {}): BuildResult {
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
    ...(countySrc.hub ? { hub: countySrc.hub } : {}),
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

  const itemSources = [...content.items].sort(
    ({ data: a }, { data: b }) =>
      (departmentOrder.get(a.department) ?? 0) - (departmentOrder.get(b.department) ?? 0) || byCode(a.code, b.code),
  );
  const staffByTownship = new Map(content.staff.map((s) => [s.file.replace(/^staff\/|\.ya?ml$/g, ''), s.data.staff]));

  // Markdown is rendered once per file; images become assets (remembered per file).
  const parts = new PartSet();
  let images: Map<string, string>;
  const render = (src: MarkdownSource) => {
    images = new Map();
    return renderMarkdown(src.body, (ref) => {
      const rel = resolveContentRef(src.file, ref);
      if (rel === undefined || !content.files.has(rel)) return undefined;
      const p = assets.add(rel);
      images.set(rel, p);
      return p;
    });
  };
  // Each announcement and document once for the county, with its search entries — or as an
  // earlier publish built it, when its file, the zone and its images are the same.
  const published = <T extends { id: string }>(src: MarkdownSource, build: () => T & { search: SearchEntry[] }) => {
    const key = cache.enabled && src.key ? `${src.key}:${timeZone}` : undefined;
    const hit = key ? cache.get(key) : undefined;
    if (hit && Object.entries(hit.images).every(([rel, p]) => content.files.has(rel) && assets.add(rel) === p)) {
      const value = JSON.parse(hit.json) as T;
      return { src, out: value, images: new Set(Object.values(hit.images)), ref: parts.add(value, hit.json) };
    }
    const value = build();
    const json = canonicalJson(value);
    if (key) cache.set(key, { json, images: Object.fromEntries(images) });
    return { src, out: value as T, images: new Set(images.values()), ref: parts.add(value, json) };
  };
  const announcements = content.announcements
    .map((src) =>
      published(src, () => {
        const out = announcement(src, render(src), timeZone);
        return { ...out, search: buildSearchIndex([], [], [out]) };
      }),
    )
    .sort((a, b) => cmpDesc(a.out.publishAt, b.out.publishAt) || byCode(a.out.id, b.out.id));
  const documents = content.documents
    .map((src) =>
      published(src, () => {
        const out = govDocument(src, render(src));
        return { ...out, search: buildSearchIndex([], [out], []) };
      }),
    )
    .sort((a, b) => cmpDesc(a.out.date, b.out.date) || byCode(a.out.id, b.out.id));
  const topics = content.topics?.data.topics ?? [];
  // Each item once for the county — or as an earlier publish built it from the same file and
  // department phone.
  const itemEntries: ItemEntry[] = itemSources.map((src) => {
    const it = src.data;
    const dept = departments.get(it.department)!;
    const key = cache.enabled && src.key ? `${src.key}:${String(dept.phone ?? '')}` : undefined;
    const hit = key ? cache.get(key) : undefined;
    let ref: PartRef;
    if (hit) ref = parts.add(undefined, hit.json);
    else {
      const part = itemPart(it, dept);
      const json = canonicalJson(part);
      if (key) cache.set(key, { json, images: {} });
      ref = parts.add(part, json);
    }
    return { code: it.code, departmentId: it.department, level: it.level, sites: it.sites, ref };
  });
  const catalogue: BuildResult['catalogue'] = { items: {}, announcements: {}, documents: {}, sites: {} };
  itemSources.forEach(({ data: it }, i) => (catalogue.items[it.code] = { name: it.name, sha256: itemEntries[i].ref.sha256 }));
  for (const a of announcements) catalogue.announcements[a.out.id] = { name: a.out.title, sha256: a.ref.sha256 };
  for (const d of documents) catalogue.documents[d.out.id] = { name: d.out.title, sha256: d.ref.sha256 };

  const itemsCovering = coverIndex(itemEntries, (it) => it.sites);
  const announcementsCovering = coverIndex(announcements, (a) => (a.src.data as AnnouncementSource).sites);
  const documentsCovering = coverIndex(documents, (d) => (d.src.data as DocumentSource).sites);

  // What sites covered by the same items (announcements, documents) share: built once per
  // covering array (coverIndex hands the same array to all of them) and, for items, site kind.
  const offerOf = (kind: SiteRef['kind']) =>
    perArray((covered: readonly ItemEntry[]) => {
      const offered = covered.filter((it) => levelFitsSite(it.level, { kind }));
      const offeredCodes = new Set(offered.map((i) => i.code));
      return {
        departments: new Set(offered.map((i) => i.departmentId)),
        topics: topics
          .map((t) => ({
            id: t.id,
            name: t.name,
            icon: t.icon,
            description: t.description,
            items: t.items.filter((c) => offeredCodes.has(c)),
          }))
          .filter((t) => t.items.length > 0),
        lists: listParts(
          parts,
          offered.map((i) => i.ref),
        ),
      };
    });
  const offers = { township: offerOf('township'), village: offerOf('village') };
  const publishedGroups = perArray((covered: readonly { ref: PartRef; images: ReadonlySet<string> }[]) => ({
    lists: listParts(
      parts,
      covered.map((x) => x.ref),
    ),
    images: covered.flatMap((x) => [...x.images]),
  }));
  const departmentParts = new Map<string, PartRef>();

  const sites: BuiltSite[] = ordered.map((site) => {
    const ref: SiteRef = { code: site.code, kind: site.kind, parent: site.parent };
    const township = site.kind === 'township' ? site : siteByCode.get(site.parent!)!;
    const siteImages = new Set<string>();
    const info = siteInfo(site, township, county, villagesOf(site.code), assets);
    if (info.agent?.photo) siteImages.add(info.agent.photo);
    const offer = offers[site.kind](itemsCovering(ref));
    const siteAnnouncements = publishedGroups(announcementsCovering(ref));
    const siteDocuments = publishedGroups(documentsCovering(ref));
    for (const p of [...siteAnnouncements.images, ...siteDocuments.images]) siteImages.add(p);
    const staff = site.kind === 'township' ? staffMembers(staffByTownship.get(site.code) ?? [], assets) : [];
    for (const m of staff) if (m.photo) siteImages.add(m.photo);
    const sitePart: SitePart = { county, site: info, staff, topics: offer.topics };
    const usedDepartments = new Set([...offer.departments, ...info.windows.flatMap((w) => w.departments)]);
    const departmentIds = departmentList.filter((d) => usedDepartments.has(d.id));
    const departmentsKey = departmentIds.map((d) => d.id).join('\n');
    let departmentsRef = departmentParts.get(departmentsKey);
    if (!departmentsRef) {
      const departmentsPart: DepartmentsPart = { departments: departmentIds.map(department) };
      departmentParts.set(departmentsKey, (departmentsRef = parts.add(departmentsPart)));
    }
    const siteRef = parts.add(sitePart);
    catalogue.sites[site.code] = { name: site.name, sha256: siteRef.sha256 };
    return {
      source: site,
      summary: { code: site.code, name: site.name, kind: site.kind, parent: site.kind === 'village' ? site.parent : undefined },
      parts: {
        site: siteRef,
        departments: departmentsRef,
        items: offer.lists,
        announcements: siteAnnouncements.lists,
        documents: siteDocuments.lists,
      },
      assets: assets.refs([...siteImages]),
    };
  });
  return { county, sites, parts, assets, catalogue };
}

/**
 * `list.filter((x) => sitesCover(sitesOf(x), site))` for every site, without testing every
 * element for every site: elements are indexed once by the codes they name (sitesCover's rule:
 * absent or 'all' covers every site, a code covers that site and, for a township, its villages;
 * build-bundles.test.ts checks the two agree). Sites covered by the same elements get the same
 * array (a village nothing names shares its township's), so callers can keep what they derive
 * from it per array (buildBundles does: most of a county's sites are such villages).
 */
export function coverIndex<T>(
  list: readonly T[],
  sitesOf: (x: T) => 'all' | readonly string[] | undefined,
): (site: SiteRef) => readonly T[] {
  const everywhere: number[] = [];
  const byCode = new Map<string, number[]>();
  list.forEach((x, i) => {
    const sites = sitesOf(x);
    if (sites === undefined || sites === 'all') everywhere.push(i);
    else if (Array.isArray(sites)) {
      for (const code of new Set(sites)) {
        const at = byCode.get(code);
        if (at) at.push(i);
        else byCode.set(code, [i]);
      }
    }
  });
  const everywhereList = everywhere.map((i) => list[i]);
  /** By the one index list that named a site (its own code's or its township's). */
  const byNamed = new Map<number[], T[]>();
  const pick = (named: number[]) => [...new Set([...everywhere, ...named])].sort((a, b) => a - b).map((i) => list[i]);
  return (site) => {
    const own = byCode.get(site.code);
    const parent = site.kind === 'village' && site.parent !== undefined ? byCode.get(site.parent) : undefined;
    if (own && parent) return pick([...own, ...parent]);
    const named = own ?? parent;
    if (!named) return everywhereList;
    let out = byNamed.get(named);
    if (!out) byNamed.set(named, (out = pick(named)));
    return out;
  };
}

/** `build(array)` once per array (compared by identity). */
function perArray<A, R>(build: (array: readonly A[]) => R): (array: readonly A[]) => R {
  const memo = new Map<readonly A[], R>();
  return (array) => {
    let out = memo.get(array);
    if (out === undefined) memo.set(array, (out = build(array)));
    return out;
  };
}

/** A list is cut after a ref whose hash starts with a multiple of this (about 1 in 16), or at MAX. */
const LIST_CUT = 16;
const LIST_MAX = 64;

/**
 * A run of refs as ListParts, cut where a ref's own hash says (content-defined, like rsync's
 * rolling cuts): adding, removing or changing one item changes the one list it falls in, not
 * every list after it. Equal lists of different sites are one part.
 */
export function listParts(parts: PartSet, refs: readonly PartRef[]): PartRef[] {
  const out: PartRef[] = [];
  let run: PartRef[] = [];
  for (const r of refs) {
    run.push(r);
    if (parts.cutAfter(r) || run.length >= LIST_MAX) {
      out.push(parts.addList(run));
      run = [];
    }
  }
  if (run.length) out.push(parts.addList(run));
  return out;
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

function itemPart(it: ItemSource, dept: DepartmentSource): ItemPart {
  const steps: Step[] = it.steps.map((s) =>
    typeof s === 'string' ? { title: s } : { title: s.title, detail: s.detail, actor: s.actor, days: s.days },
  );
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
    // Absent: the kiosk takes the site's supervision / consultation phone (assemble.ts).
    supervision: it.supervision,
    phone: it.phone !== undefined ? String(it.phone) : dept.phone !== undefined ? String(dept.phone) : undefined,
    level: it.level,
    keywords,
    faq: it.faq?.map((f) => ({ q: f.q, a: f.a })),
    visits: it.visits ?? 1,
    popularity: it.popularity,
    // The index reads code, name and keywords only.
    search: buildSearchIndex([{ code: it.code, name: it.name, keywords } as ServiceItem], [], []),
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
