/**
 * The bundle format: the one definition of what the publisher writes, the kiosk
 * reads and the tests check. Everything a kiosk shows comes from these types.
 *
 * Layout of a published content folder (format 2, split and content-addressed):
 *
 *   sites/<siteCode>.json     SignedEnvelope of an EntryPayload: the ONE file a kiosk polls
 *                             (small; answered 304 by ETag when nothing changed)
 *   parts/<hash16>.json       immutable parts, shared by every site that has the same bytes:
 *                             one per item, announcement and document (each with its own
 *                             search entries), and per site its SitePart and DepartmentsPart
 *   assets/<hash16>.<ext>     images (staff photos, images in Markdown), content-addressed
 *   manifest.json             SignedEnvelope of an IndexPayload: the county's site list, read
 *                             only to pick a default site and for the unknown-site screen
 *   *.gz, *.br                compressed copies of every JSON file, for any static server
 *                             (entry points: .gz only)
 *
 * File names carry the first 16 hex digits of the SHA-256 of their bytes; the signed entry
 * point carries the full SHA-256 and size of every part and asset of its site, so a kiosk
 * verifies each downloaded file before it stores it (once, by hash, shared by versions).
 * The kiosk rebuilds the SiteBundle below from the parts (bundle/assemble.ts).
 */

export const FORMAT_VERSION = 2 as const;

/* ------------------------------------------------------------------ enums */

/** 事项类型 */
export const ITEM_TYPES = ['行政许可', '行政给付', '行政确认', '行政裁决', '行政奖励', '行政征收', '其他行政权力', '公共服务'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** 办件类型: 即办件 = done on the spot; 承诺件 = done within promised working days */
export const ITEM_MODES = ['即办件', '承诺件'] as const;
export type ItemMode = (typeof ITEM_MODES)[number];

/** 办理层级: where a citizen can hand the matter in */
export const ITEM_LEVELS = ['乡镇', '村(社区)', '乡镇和村(社区)'] as const;
export type ItemLevel = (typeof ITEM_LEVELS)[number];

/** 材料形式 */
export const MATERIAL_FORMS = ['原件', '复印件', '原件和复印件', '电子版', '填写'] as const;
export type MaterialForm = (typeof MATERIAL_FORMS)[number];

/** 乡镇类别 (county notice): 一类 > 30,000 people, 二类 15,000–30,000, 三类 < 15,000 */
export const TOWNSHIP_CLASSES = ['一类', '二类', '三类'] as const;
export type TownshipClass = (typeof TOWNSHIP_CLASSES)[number];

export const ANNOUNCEMENT_PRIORITIES = ['normal', 'urgent'] as const;
export type AnnouncementPriority = (typeof ANNOUNCEMENT_PRIORITIES)[number];

/**
 * The nine elements the county notice requires to be disclosed for every item,
 * in the order the notice lists them. `key` is the field of ServiceItem that
 * holds it; views and tests iterate this list so none can be forgotten.
 */
export const DISCLOSURE_FIELDS = [
  { key: 'subject', label: '办理主体' },
  { key: 'basis', label: '办理依据' },
  { key: 'conditions', label: '办理条件' },
  { key: 'steps', label: '办理程序' },
  { key: 'timeLimit', label: '办理时限' },
  { key: 'result', label: '办理结果' },
  { key: 'feeBasis', label: '收费依据' },
  { key: 'feeStandard', label: '收费标准' },
  { key: 'supervision', label: '监督渠道' },
] as const;
export type DisclosureKey = (typeof DISCLOSURE_FIELDS)[number]['key'];

/* ------------------------------------------------- signed entry point and index */

/** sites/<code>.json and manifest.json as served: the payload is kept as the exact signed text. */
export interface SignedEnvelope {
  format: 'bianmin-entry' | 'bianmin-index';
  /** JSON text of an EntryPayload / IndexPayload; the signature covers its UTF-8 bytes. */
  payload: string;
  /** Ed25519 signature of `payload`, base64. */
  signature: string;
  /** First 16 hex digits of SHA-256 of the raw 32-byte public key. */
  keyId: string;
}

/** A content-addressed file: its path is derived from the hash (parts) or given (assets). */
export interface PartRef {
  /** Full SHA-256 of the file's bytes, lowercase hex. */
  sha256: string;
  bytes: number;
}

export interface AssetRef extends PartRef {
  /** Path relative to the content folder, e.g. "assets/0123456789abcdef.jpg". */
  path: string;
}

/** Where a part is served: parts/<first 16 hex digits>.json */
export function partPath(sha256: string): string {
  return `parts/${sha256.slice(0, 16)}.json`;
}

/** Where a site's signed entry point is served. */
export function entryPath(siteCode: string): string {
  return `sites/${siteCode}.json`;
}

export const INDEX_PATH = 'manifest.json';

export interface SiteSummary {
  code: string;
  name: string;
  kind: SiteKind;
  /** For a village station, its township's code. */
  parent?: string;
}

/** What a version of one site is made of; every part is a PartRef into parts/. */
export interface EntryParts {
  /** SitePart: county, site information, staff, topics */
  site: PartRef;
  /** DepartmentsPart: the departments this site shows */
  departments: PartRef;
  /**
   * ListParts whose refs, one after the other, are the site's ItemParts in the order it lists
   * them. Lists are cut where a ref's hash says so (content-defined), so one edited item changes
   * one small list and the entry point stays small; lists equal between sites are one file.
   */
  items: PartRef[];
  /** ListParts of the AnnouncementParts, newest first */
  announcements: PartRef[];
  /** ListParts of the DocumentParts, newest first */
  documents: PartRef[];
}

/** The signed payload of sites/<code>.json. */
export interface EntryPayload {
  format: typeof FORMAT_VERSION;
  /** Increases with every publish (also a re-sign with only a new expiry). */
  version: number;
  /** ISO 8601 with offset, e.g. "2026-11-25T09:00:00+08:00". */
  publishedAt: string;
  /** ISO 8601: after this instant the content is shown marked 数据截至 (freeze protection). */
  expiresAt: string;
  county: { code: string; name: string };
  site: SiteSummary;
  parts: EntryParts;
  /** Every image the parts refer to (precomputed at publish: nothing is scanned on the kiosk). */
  assets: AssetRef[];
}

/** The signed payload of manifest.json: the county's sites. */
export interface IndexPayload {
  format: typeof FORMAT_VERSION;
  version: number;
  publishedAt: string;
  expiresAt: string;
  county: { code: string; name: string };
  /** Townships by code, each followed by its villages. */
  sites: SiteSummary[];
}

/* ------------------------------------------------------------------ parts */

/** A service item as published once for every site: ServiceItem without the site's resolution. */
export interface ItemPart extends Omit<ServiceItem, 'where' | 'window' | 'supervision' | 'phone'> {
  /** The item's own 监督渠道 text; absent = the site's supervision phone. */
  supervision?: string;
  /** The item's or its department's 咨询电话; absent = the site's consultation phone. */
  phone?: string;
  /** Its search entries (name and aliases, readings precomputed); a site's index lists its items' in order. */
  search: SearchEntry[];
}

/** An announcement with its search entries. */
export interface AnnouncementPart extends Announcement {
  search: SearchEntry[];
}

/** A document with its search entries. */
export interface DocumentPart extends GovDocument {
  search: SearchEntry[];
}

export interface SitePart {
  county: CountyInfo;
  site: SiteInfo;
  staff: StaffMember[];
  topics: Topic[];
}

/** A run of part refs (see EntryParts). */
export interface ListPart {
  refs: PartRef[];
}

export interface DepartmentsPart {
  departments: Department[];
}

/* ------------------------------------------------------------ site bundle */

export type SiteKind = 'township' | 'village';

export interface Phone {
  label: string;
  number: string;
}

export interface OpeningHours {
  /** 1 = Monday … 7 = Sunday */
  days: number[];
  /** "08:30"–"12:00" style local times, one or more periods a day. */
  periods: { open: string; close: string }[];
  /** Free text such as "法定节假日按县政府安排轮值" */
  note?: string;
}

export interface ServiceWindow {
  /** e.g. "1" */
  number: string;
  name: string;
  /** Department ids handled at this window. */
  departments: string[];
  /** Floor-plan position in a grid, for the centre map (column, row from top-left). */
  position?: { x: number; y: number };
}

export interface CountyInfo {
  code: string;
  name: string;
  /** e.g. "苍溪县政务服务中心" */
  serviceCentre: string;
  /** Public web address where an item can be read on a phone: `${publicBaseUrl}${itemCode}` */
  publicItemUrl: string;
  hotline: Phone;
  supervision: Phone;
  /** True while the content is demonstration data: the kiosk shows 示例数据. */
  demo: boolean;
  /** Time zone of the county, always "Asia/Shanghai" in practice. */
  timeZone: string;
  /** Base URL of the county hub (县级管理平台) kiosks report to; absolute, or a path on the kiosk's origin. Absent = no hub. */
  hub?: string;
}

export interface SiteInfo {
  code: string;
  kind: SiteKind;
  name: string;
  /** Township class, for township centres. */
  class?: TownshipClass;
  population?: number;
  address: string;
  hours: OpeningHours;
  phones: {
    consultation: Phone;
    /** 监督举报电话 */
    supervision: Phone;
  };
  /** 意见箱 location, e.g. "大厅入口左侧" */
  opinionBox: string;
  windows: ServiceWindow[];
  /** Village station: its 代办员 and the township it belongs to. */
  agent?: { name: string; phone: string; photo?: string };
  parent?: { code: string; name: string; address: string; phone: Phone };
  /** Villages of a township (code + name), for information screens. */
  stations?: { code: string; name: string; agent: string; phone: string }[];
  /**
   * Salted hash of the maintenance panel's PIN (`pbkdf2-sha256$iterations$salt$hash`, made by
   * `npm run hash-pin`); a village without its own uses its township's. Absent = no panel.
   */
  maintenancePin?: string;
}

export interface Department {
  id: string;
  name: string;
  /** Long name, e.g. "县民政局". */
  fullName: string;
  /** A single character or short word for the tile icon. */
  icon: string;
  phone?: string;
}

export interface Material {
  name: string;
  form: MaterialForm;
  copies: number;
  note?: string;
  /** Needed only in some cases, explained in `note`. */
  optional?: boolean;
}

export interface Step {
  title: string;
  detail?: string;
  /** Who does this step, e.g. "村(社区)代办员" or "县民政局". */
  actor?: string;
  /** Working days this step takes, when known. */
  days?: number;
}

/** A service item as the kiosk shows it: every reference already resolved. */
export interface ServiceItem {
  code: string;
  name: string;
  type: ItemType;
  departmentId: string;
  /** 办理主体 */
  subject: string;
  /** 办理依据, one legal source per entry */
  basis: string[];
  /** 办理条件, one condition per entry */
  conditions: string[];
  /** 一次告知: materials to bring */
  materials: Material[];
  /** 办理程序, in order */
  steps: Step[];
  mode: ItemMode;
  /** 承诺时限 in working days, for 承诺件 */
  promiseDays?: number;
  /** 法定时限 in working days, where the law sets one */
  legalDays?: number;
  /** 办理时限 as a sentence, derived by the publisher: "即办件，材料齐全当场办结" / "承诺件，5个工作日（法定20个工作日）" */
  timeLimit: string;
  /** 办理结果 */
  result: string;
  charged: boolean;
  /** 收费依据 ("不收费" when not charged) */
  feeBasis: string;
  /** 收费标准 ("不收费" when not charged) */
  feeStandard: string;
  /** 监督渠道, resolved: the item's own or the site's supervision phone */
  supervision: string;
  /** 咨询电话 */
  phone: string;
  level: ItemLevel;
  /** Where to go at this site, e.g. "2号窗口（民政）" or "本站代办员 王芳 138…" */
  where: string;
  /** Window number at the township that handles it, when known. */
  window?: string;
  keywords: string[];
  /** Frequently asked questions, optional. */
  faq?: { q: string; a: string }[];
  /** Times visited on site (跑动次数), 0 = none, default 1. */
  visits?: number;
  /** Higher = offered first on the search screen before typing. */
  popularity?: number;
}

export interface Topic {
  id: string;
  name: string;
  icon: string;
  description: string;
  /** Item codes in the order a resident meets them. */
  items: string[];
}

export interface Announcement {
  id: string;
  title: string;
  /** Sanitised HTML rendered from Markdown at publish time. */
  html: string;
  /** Plain text of the body, for read-aloud, tickers and text-length timing. */
  text: string;
  publishAt: string;
  /** ISO 8601; absent = no expiry. */
  expireAt?: string;
  priority: AnnouncementPriority;
  /** Display-loop seconds hint. */
  displaySeconds?: number;
}

export interface GovDocument {
  id: string;
  title: string;
  issuer: string;
  /** 文号, e.g. "苍府办发〔2018〕25号" */
  number: string;
  /** ISO date "2018-05-14" */
  date: string;
  html: string;
  text: string;
}

export interface RosterEntry {
  /** ISO date or weekday rule: either `date` or `weekdays` is set. */
  date?: string;
  /** 1 = Monday … 7 = Sunday */
  weekdays?: number[];
  /** On duty (true) or absent (false: leave, training …) */
  onDuty: boolean;
  note?: string;
}

export interface StaffMember {
  id: string;
  name: string;
  /** Asset path (assets/<hash>.<ext>) or absent. */
  photo?: string;
  position: string;
  /** Window number at the site. */
  window: string;
  /** A岗 or B岗 at that window */
  post: 'A' | 'B';
  /** Staff id of the AB-post partner. */
  partner: string;
  /** Roster: default weekdays on duty, and exceptions by date. */
  roster: RosterEntry[];
  phone?: string;
}

/** Precomputed search entry: the kiosk matches letters against `readings`. */
export interface SearchEntry {
  /** Item code, or "doc:<id>" / "ann:<id>" for other kinds. */
  ref: string;
  /** The text that is matched and highlighted (item name or an alias). */
  text: string;
  /**
   * For each character of `text`, its possible lowercase toneless readings:
   * Chinese characters give all their pinyin readings (polyphones included,
   * context reading first); latin letters and digits give themselves; other
   * characters give [] and are skipped by the matcher.
   */
  readings: string[][];
  /** True when `text` is an alias rather than the item's own name. */
  alias?: boolean;
}

/**
 * Lookup table over `SiteBundle.search`, precomputed by the publisher so the kiosk looks up
 * candidates instead of scanning every entry (kiosk/src/search/lookup.ts).
 *
 * `starts` maps a start key to the entries a query beginning with that key can match: the
 * key is the query's first symbol (a letter, digit or CJK character) and, when the first
 * symbol is a letter or digit and another follows, the first two symbols ("d", "db", "di",
 * "d保", "低"). Each value lists ascending indexes into `search`, as base-36 gaps joined by
 * "," (first gap from -1). A superset: the matcher still decides. Keys with no entry are absent;
 * keys in `dense` are absent too (the kiosk scans every entry for those). Keys with a CJK
 * character are not listed (such queries, typed through an IME, scan; the text check is cheap).
 */
export interface SearchIndex {
  v: 1;
  /** Number of entries in `search` the index was built over. */
  entries: number;
  starts: Record<string, string>;
  /** Keys matching more than an eighth of the entries: not listed, the kiosk scans for them. */
  dense: string[];
}

export interface SiteBundle {
  format: typeof FORMAT_VERSION;
  county: CountyInfo;
  site: SiteInfo;
  departments: Department[];
  items: ServiceItem[];
  topics: Topic[];
  announcements: Announcement[];
  documents: GovDocument[];
  staff: StaffMember[];
  search: SearchEntry[];
  /** Optional: without it (older publisher) the kiosk scans `search`. */
  searchIndex?: SearchIndex;
}
