/**
 * The hub API: the one definition of what kiosks send to the county hub (县级管理平台), what the
 * hub answers, and what the dashboard reads. Imported by the hub server (scripts/hub/), the
 * kiosk's uplink (kiosk/src/uplink/), the dashboard (kiosk/src/admin/) and the tests.
 *
 * Types and constants only: no code that would add bytes to the kiosk bundle.
 *
 * All paths are relative to the hub's base URL (same origin as the kiosk under `npm start`:
 * `/api/…`). Bodies are JSON (UTF-8). Times are epoch milliseconds unless named `…Date`
 * (a county-local calendar date "YYYY-MM-DD"). Errors are answered as ApiError with a 4xx/5xx
 * status; `message` is Chinese and safe to show to staff.
 */

/* ------------------------------------------------------------------ common */

export const API_VERSION = 1 as const;

// GET /api/health → { ok, database, contentVersion } (200, or 503 when the database or the published
// content is unavailable) — for load balancers; no session needed.

export interface ApiError {
  error: string; // machine code, e.g. "unauthorized", "bad_request", "too_large", "rate_limited"
  message: string; // Chinese, for staff
  /** For a bad request: which field (JSON path such as "ratings[3].level"). */
  field?: string;
}

export const SCREEN_MODES = ['kiosk', 'display', 'ticker'] as const;
export type ScreenMode = (typeof SCREEN_MODES)[number];

/** Limits the hub enforces (and the kiosk respects when batching). */
export const LIMITS = {
  /** Largest request body the hub reads, bytes. */
  maxBodyBytes: 256 * 1024,
  /** Ratings per POST /api/device/ratings. */
  maxRatingsPerBatch: 200,
  /** Play-log entries per POST /api/device/playlog. */
  maxPlayLogPerBatch: 500,
  /** Device requests per minute before 429 (per device). */
  maxDeviceRequestsPerMinute: 120,
  /** Ratings the kiosk keeps unsent before the queue counts as full (shown to staff). */
  kioskRatingQueue: 5000,
  /** Play-log entries the kiosk keeps unsent (oldest dropped only after upload; see uplink). */
  kioskPlayLogQueue: 20000,
  commentChars: 500,
  /** A rating's time may be at most this far in the future of the hub's clock (ms). */
  maxClockAheadMs: 10 * 60_000,
  /** …and at most this old (ms): 400 days. */
  maxAgeMs: 400 * 86_400_000,
} as const;

export const DEFAULT_HEARTBEAT_SECONDS = 300;

/* ------------------------------------------------------ device: enrolment */

/** POST /api/device/enrol — no token; the one-time code is the credential. */
export interface EnrolRequest {
  /** One-time enrolment code from the dashboard (8 characters, A–Z 2–9, case-insensitive). */
  code: string;
  mode: ScreenMode;
  appBuild: string;
  screen: { width: number; height: number };
}

export interface EnrolResponse {
  deviceId: string;
  /** Bearer token for every later device call; kept in the kiosk's IndexedDB. */
  token: string;
  siteCode: string;
  /** Name given in the dashboard, e.g. "白鹤镇大厅查询机 1". */
  name: string;
  heartbeatSeconds: number;
}

/* ------------------------------------------------------ device: heartbeat */

/** POST /api/device/heartbeat (Authorization: Bearer <token>) */
export interface HeartbeatRequest {
  /** Random UUID per heartbeat: a heartbeat replayed from the offline queue is stored once. */
  id: string;
  /** Device clock when the heartbeat was taken (may be queued and sent later). */
  at: number;
  siteCode: string;
  mode: ScreenMode;
  appBuild: string;
  contentVersion: number | null;
  /** ISO time the content was published, and until when the manifest says it is valid. */
  contentPublishedAt: string | null;
  contentExpiresAt: string | null;
  lastCheckAt: number | null;
  lastCheckOk: boolean | null;
  lastError: string | null;
  uptimeSeconds: number;
  storage: { usedBytes: number | null; quotaBytes: number | null; persisted: boolean | null };
  screen: { width: number; height: number };
  /** What is on screen now, e.g. "事项详情：最低生活保障申请" or "轮播：公告 3/12". */
  onScreen: string;
  queued: { ratings: number; playLog: number; heartbeats: number };
  /** Flags a person should look at, e.g. "clock-behind", "content-expired", "rating-queue-full". */
  flags: string[];
  /** Reloads since the last heartbeat, with their reason (watchdog, nightly, update, command). */
  reloads: { at: number; reason: string }[];
  /** Commands the device has carried out since the last heartbeat. */
  doneCommands: string[];
}

export const COMMAND_KINDS = ['check-content', 'reload', 'identify'] as const;
export type CommandKind = (typeof COMMAND_KINDS)[number];

export interface DeviceCommand {
  id: string;
  kind: CommandKind; // check-content: check now; reload: at the next idle moment; identify: name in large type 30 s
  issuedAt: number;
}

export interface HeartbeatResponse {
  serverTime: number;
  heartbeatSeconds: number;
  name: string;
  commands: DeviceCommand[];
}

/* -------------------------------------------------------- device: ratings */

export const RATING_TARGETS = ['centre', 'item', 'window', 'staff', 'terminal'] as const;
export type RatingTarget = (typeof RATING_TARGETS)[number];

/** One 好差评 rating as uploaded. No personal data, except `callbackPhone` for a 差评. */
export interface RatingUpload {
  /** Random UUID given when the rating was made; the hub stores each id once. */
  id: string;
  /** Device clock when the rating was given. */
  at: number;
  siteCode: string;
  /** 5 非常满意 … 1 非常不满意 */
  level: 1 | 2 | 3 | 4 | 5;
  target: { kind: RatingTarget; id?: string; name?: string };
  /** Reason tags (POOR_REASONS in kiosk/src/evaluation/levels.ts) for a 差评. */
  reasons: string[];
  comment?: string;
  /** 差评 only: the resident asked to be called back (11-digit mobile or landline digits). */
  callbackPhone?: string;
  contentVersion: number | null;
}

/** POST /api/device/ratings */
export interface RatingBatch {
  ratings: RatingUpload[];
}

/** Answer to a batch upload: ids acknowledged (stored now or already before) and refused. */
export interface BatchAck {
  accepted: string[];
  /** Refused for good (bad level, unknown site …): the device drops them from its queue and keeps a note. */
  rejected: { id: string; reason: string }[];
}

/* ------------------------------------------------------- device: play log */

export interface PlayLogUpload {
  /** Random UUID per entry. */
  id: string;
  siteCode: string;
  /** Slide kind and id, e.g. "announcement:a-2026-11-01", "item:MZ-001#2/3". */
  slide: string;
  title: string;
  from: number;
  to: number;
  contentVersion: number;
}

/** POST /api/device/playlog → BatchAck */
export interface PlayLogBatch {
  entries: PlayLogUpload[];
}

/* ---------------------------------------------------------------- dashboard */

export const ROLES = ['county', 'township'] as const; // 县级管理员, 乡镇管理员
export type Role = (typeof ROLES)[number];

/** POST /api/admin/login {username, password} → SessionUser (+ HttpOnly SameSite=Strict cookie); POST /api/admin/logout */
export interface LoginRequest {
  username: string;
  password: string;
}

/** GET /api/admin/me */
export interface SessionUser {
  username: string;
  displayName: string;
  role: Role;
  /** For a township account: its township code (sees that township and its villages only). */
  township: string | null;
}

/** GET /api/admin/sites — the sites this user may see (from the latest published manifest). */
export interface AdminSite {
  code: string;
  name: string;
  kind: 'township' | 'village';
  parent: string | null;
}

/** GET /api/admin/sites/:code/targets — what a rating at this site can be about (report filters). */
export interface SiteTargetsResponse {
  targets: Partial<Record<RatingTarget, { id: string; label: string }[]>>;
  timeZone: string;
  demo: boolean;
}

export type DeviceHealth = 'online' | 'offline' | 'stale' | 'failing' | 'never';

/** GET /api/admin/devices */
export interface DeviceRow {
  id: string;
  name: string;
  siteCode: string;
  siteName: string;
  township: string;
  mode: ScreenMode;
  enrolledAt: number;
  revokedAt: number | null;
  lastSeenAt: number | null;
  health: DeviceHealth;
  appBuild: string | null;
  contentVersion: number | null;
  latestContentVersion: number | null;
  lastError: string | null;
  onScreen: string | null;
  flags: string[];
  pendingCommands: CommandKind[];
  /** Seeded demonstration device (示例数据). */
  demo: boolean;
}

/** POST /api/admin/enrolments {siteCode, name?} → EnrolmentCode */
export interface EnrolmentCode {
  code: string;
  siteCode: string;
  expiresAt: number;
}

// PATCH /api/admin/devices/:id {name}; POST /api/admin/devices/:id/revoke; POST /api/admin/devices/:id/commands {kind}

/**
 * Filters of every report: GET /api/admin/reports/…?from=YYYY-MM-DD&to=YYYY-MM-DD&township=&site=&target=&targetId=
 * (default: the last 30 county-local days up to today). Township accounts are always limited to their
 * township, whatever `township` says.
 */
export interface ReportFilter {
  fromDate: string;
  toDate: string;
  township?: string;
  site?: string;
  targetKind?: RatingTarget;
  targetId?: string;
}

/** GET /api/admin/reports/satisfaction */
export interface SatisfactionReport {
  filter: ReportFilter;
  total: number;
  /** Count per level, index 0 = level 1 … index 4 = level 5. */
  levels: [number, number, number, number, number];
  /** 满意率 = (非常满意 + 满意 + 基本满意) / total, 0..1; null when total = 0. */
  satisfaction: number | null;
  byMonth: { month: string; total: number; satisfaction: number | null }[];
  reasons: { reason: string; count: number }[];
  /** Sorted by 满意率 (highest first; townships without ratings last). */
  townships: { code: string; name: string; total: number; satisfaction: number | null }[];
  /** How many of `total` are seeded demonstration ratings (show 示例数据 when > 0). */
  demoRatings: number;
}

export const CASE_STATES = ['待核实', '整改中', '已办结', '申诉', '无效'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/**
 * GET /api/admin/cases?state=&overdue=1&township=&site=&from=YYYY-MM-DD&to=YYYY-MM-DD — newest first,
 * at most 2,000. `from`/`to` filter by the day the rating was given.
 */
export interface CaseRow {
  id: number;
  ratingId: string;
  siteCode: string;
  siteName: string;
  township: string;
  level: 1 | 2;
  reasons: string[];
  comment: string | null;
  target: { kind: RatingTarget; id?: string; name?: string };
  givenAt: number;
  /**
   * County-local date by which it must be 已办结: the Nth working day (county setting, default 5;
   * weekends and holidays skipped, adjusted workdays counted) after the day the hub received the rating.
   */
  dueDate: string;
  state: CaseState;
  overdue: boolean;
  /** Only for users allowed to see it (the responsible township, county). */
  callbackPhone: string | null;
  notes: { at: number; by: string; text: string; state?: CaseState }[];
  /** Seeded demonstration case (示例数据). */
  demo: boolean;
}

/**
 * POST /api/admin/cases/:id — `note` is required (for 申诉/无效 it is the reason). Allowed moves:
 * 待核实 → 整改中|已办结|申诉|无效; 整改中 → 已办结|申诉|无效; 申诉 → 整改中|无效|已办结;
 * 已办结/无效 → 整改中 (reopen). Other moves answer 409.
 */
export interface CaseUpdate {
  state?: CaseState;
  /** Who did what; shown in the case's notes with the user and time. Max 1000 characters. */
  note: string;
  /** Case was called back (回访). */
  calledBack?: boolean;
}

/**
 * GET /api/admin/reports/cases — over the cases of ratings given in the filter's dates.
 * 回访率 = called back / cases with a callback phone; 整改率 = 已办结 / (total − 申诉 − 无效);
 * 按时办结率 = 已办结 on or before dueDate / 已办结. overdue = open past dueDate + closed late.
 */
export interface CaseFigures {
  total: number;
  byState: Record<CaseState, number>;
  overdue: number;
  /** 回访率, 整改率, 按时办结率: 0..1 or null when there is nothing to divide. */
  callbackRate: number | null;
  fixRate: number | null;
  onTimeRate: number | null;
  /** How many of `total` are seeded demonstration cases. */
  demoCases: number;
}

/** GET /api/admin/reports/publicity — 公示留痕 */
export interface PublicityRow {
  announcementId: string;
  title: string;
  siteCode: string;
  siteName: string;
  /** 公示 period from the content (validFrom … validTo), ISO. */
  validFrom: string | null;
  validTo: string | null;
  firstShownAt: number | null;
  lastShownAt: number | null;
  totalShownMs: number;
  /** Share of the 公示 period's days (so far) on which it was displayed, 0..1. */
  coverage: number | null;
}

// GET /api/admin/reports/<satisfaction|cases|publicity|devices>.xlsx?… — the same numbers as on screen.
// GET /api/admin/audit — AuditRow[]
export interface AuditRow {
  at: number;
  username: string;
  action: string;
  detail: string;
}
