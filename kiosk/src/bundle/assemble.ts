/**
 * One site's SiteBundle rebuilt from its verified parts (see schema.ts). Items are published
 * once for the whole county; what differs per site — where to go, the window, the supervision
 * and enquiry phones — is resolved here from the site's own information, the same way for
 * every item. Pure; run once per content version.
 */
import type {
  AnnouncementPart,
  DepartmentsPart,
  DocumentPart,
  EntryPayload,
  PartRef,
  ItemPart,
  ListPart,
  ServiceItem,
  SiteBundle,
  SiteInfo,
  SitePart,
} from './schema.ts';
import { FORMAT_VERSION } from './schema.ts';
import { VerificationError } from './verify.ts';

/** Where a citizen goes for an item at this site, and the window number at a township. */
export function placeItem(item: Pick<ItemPart, 'departmentId' | 'level'>, site: SiteInfo): { where: string; window?: string } {
  if (site.kind === 'township') {
    const w = site.windows.find((x) => x.departments.includes(item.departmentId));
    return w ? { where: `${w.number}号窗口（${w.name}）`, window: w.number } : { where: '请到大厅咨询台咨询' };
  }
  const agent = site.agent;
  if (!agent) return { where: '请咨询本站工作人员' };
  return {
    where:
      item.level === '村(社区)'
        ? `在本站办理：代办员 ${agent.name}（${agent.phone}）`
        : `本站代办员 ${agent.name}（${agent.phone}），由代办员代为提交至${site.parent?.name ?? '乡镇便民服务中心'}`,
  };
}

/** A part without its search entries (they go to SiteBundle.search). */
function withoutSearch<T extends { search: unknown }>(p: T): Omit<T, 'search'> {
  const { search, ...rest } = p;
  void search;
  return rest;
}

export function resolveItem(item: ItemPart, site: SiteInfo): ServiceItem {
  const part = withoutSearch(item);
  const { where, window } = placeItem(part, site);
  const sup = site.phones.supervision;
  return {
    ...part,
    supervision: part.supervision ?? `${sup.label} ${sup.number}`,
    phone: part.phone ?? site.phones.consultation.number,
    where,
    window,
  };
}

/** The parsed parts of one version, in the order the entry point lists them. */
export interface SiteParts {
  site: SitePart;
  departments: DepartmentsPart;
  items: ItemPart[];
  announcements: AnnouncementPart[];
  documents: DocumentPart[];
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Shape checks that keep a validly signed but malformed part from breaking the views. */
export function checkPartShape(role: keyof SiteParts, value: unknown): void {
  const ok = (() => {
    if (!isObj(value)) return false;
    switch (role) {
      case 'site':
        return isObj(value.county) && isObj(value.site) && Array.isArray(value.staff) && Array.isArray(value.topics);
      case 'departments':
        return Array.isArray(value.departments);
      case 'items':
        return (
          typeof value.code === 'string' && typeof value.name === 'string' && Array.isArray(value.materials) && Array.isArray(value.search)
        );
      default:
        return (
          typeof value.id === 'string' && typeof value.title === 'string' && typeof value.html === 'string' && Array.isArray(value.search)
        );
    }
  })();
  if (!ok) throw new VerificationError(`内容文件（${role}）格式不正确`);
}

/**
 * The site's SiteBundle. Its search entries are its items', then its documents', then its
 * announcements', in bundle order (the order the publisher's search index always had); the
 * start-key lookup over them (SiteBundle.searchIndex) is added by the caller, once per version.
 */
export function assembleBundle(entry: EntryPayload, parts: SiteParts): SiteBundle {
  const { site } = parts.site;
  if (site.code !== entry.site.code) throw new VerificationError(`站点数据与入口文件不符（${site.code} ≠ ${entry.site.code}）`);
  return {
    format: FORMAT_VERSION,
    county: parts.site.county,
    site,
    departments: parts.departments.departments,
    items: parts.items.map((i) => resolveItem(i, site)),
    topics: parts.site.topics,
    announcements: parts.announcements.map(withoutSearch),
    documents: parts.documents.map(withoutSearch),
    staff: parts.site.staff,
    search: [...parts.items, ...parts.documents, ...parts.announcements].flatMap((p) => p.search),
  };
}

/**
 * The parts an entry point names itself, in a fixed order: site, departments, then the lists of
 * items, announcements and documents (their members are in the lists: listMembers()).
 */
export function entryPartRefs(entry: EntryPayload): PartRef[] {
  const p = entry.parts;
  return [p.site, p.departments, ...p.items, ...p.announcements, ...p.documents];
}

function checkList(value: unknown): ListPart {
  const v = value as ListPart;
  if (
    !isObj(value) ||
    !Array.isArray(v.refs) ||
    !v.refs.every(
      (r) => isObj(r) && typeof r.sha256 === 'string' && /^[0-9a-f]{64}$/.test(r.sha256) && Number.isInteger(r.bytes) && r.bytes >= 0,
    )
  ) {
    throw new VerificationError('内容文件（列表）格式不正确');
  }
  return v;
}

/** The members of an entry point's lists, given the list parts' values by hash (all present). */
export function listMembers(
  entry: EntryPayload,
  valueOf: (sha256: string) => unknown,
): { items: PartRef[]; announcements: PartRef[]; documents: PartRef[] } {
  const expand = (lists: PartRef[]) => lists.flatMap((l) => checkList(valueOf(l.sha256)).refs);
  return { items: expand(entry.parts.items), announcements: expand(entry.parts.announcements), documents: expand(entry.parts.documents) };
}

/** Every part of a version: what the entry point names and the members of its lists. */
export function allPartRefs(entry: EntryPayload, valueOf: (sha256: string) => unknown): PartRef[] {
  const m = listMembers(entry, valueOf);
  return [...entryPartRefs(entry), ...m.items, ...m.announcements, ...m.documents];
}

/** Parses the parts of `entry` (values by SHA-256, all present) into SiteParts, checking shapes. */
export function siteParts(entry: EntryPayload, valueOf: (sha256: string) => unknown): SiteParts {
  const one = <K extends keyof SiteParts>(role: K, ref: PartRef) => {
    const v = valueOf(ref.sha256);
    checkPartShape(role, v);
    return v;
  };
  const p = entry.parts;
  const m = listMembers(entry, valueOf);
  return {
    site: one('site', p.site) as SitePart,
    departments: one('departments', p.departments) as DepartmentsPart,
    items: m.items.map((r) => one('items', r) as ItemPart),
    announcements: m.announcements.map((r) => one('announcements', r) as AnnouncementPart),
    documents: m.documents.map((r) => one('documents', r) as DocumentPart),
  };
}
