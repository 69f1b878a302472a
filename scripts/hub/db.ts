/**
 * The hub's one query layer: a Kysely instance on SQLite (better-sqlite3, default) or
 * PostgreSQL (pg, when the URL starts with postgres:// or postgresql://). Both run the same
 * migrations (migrations.ts) and the same queries. Conventions that keep them identical:
 * times are epoch milliseconds in `bigint` columns (pg's int8 is parsed to a JS number below),
 * booleans are integers 0/1, lists are JSON text, county-local dates are 'YYYY-MM-DD' text.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { type Generated, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';

export type DialectName = 'sqlite' | 'postgres';

export interface UsersTable {
  username: string;
  display_name: string;
  role: string;
  township: string | null;
  password_hash: string;
  failed_logins: number;
  locked_until: number | null;
  created_at: number;
  disabled: number;
}

export interface SessionsTable {
  token_hash: string;
  username: string;
  created_at: number;
  expires_at: number;
}

export interface EnrolmentsTable {
  code_hash: string;
  site_code: string;
  township: string;
  name: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  device_id: string | null;
}

export interface DevicesTable {
  id: string;
  token_hash: string;
  name: string;
  site_code: string;
  township: string;
  mode: string;
  enrolled_at: number;
  revoked_at: number | null;
  last_seen_at: number | null;
  /** Device clock of the newest heartbeat applied to this row (migration 0002). */
  last_heartbeat_at: number | null;
  heartbeat_seconds: number;
  app_build: string | null;
  content_version: number | null;
  last_check_ok: number | null;
  last_error: string | null;
  on_screen: string | null;
  flags: string;
  status_json: string | null;
  demo: number;
}

export interface HeartbeatsTable {
  id: string;
  device_id: string;
  at: number;
  received_at: number;
  content_version: number | null;
  ok: number;
  payload: string;
}

export interface CommandsTable {
  id: string;
  device_id: string;
  kind: string;
  issued_at: number;
  issued_by: string;
  delivered_at: number | null;
  done_at: number | null;
}

export interface RatingsTable {
  id: string;
  device_id: string;
  site_code: string;
  township: string;
  at: number;
  day: string;
  month: string;
  received_at: number;
  level: number;
  target_kind: string;
  target_id: string | null;
  target_name: string | null;
  reasons: string;
  comment: string | null;
  content_version: number | null;
  demo: number;
}

/** One row per reason of a 差评, with the rating's filter columns copied (migration 0004) so the
 * reasons ranking never has to join the ratings table. */
export interface RatingReasonsTable {
  rating_id: string;
  reason: string;
  day: string;
  township: string;
  site_code: string;
  target_kind: string;
  target_id: string | null;
}

/**
 * Ratings counted per day, site, target kind, level and demo flag (migration 0005): the 满意率
 * report reads this instead of every rating unless it filters by one window/staff member/item.
 * Kept in step with `ratings` in the same transaction (ingest) or rebuilt (rebuildRatingDays).
 */
export interface RatingDaysTable {
  day: string;
  month: string;
  township: string;
  site_code: string;
  target_kind: string;
  level: number;
  demo: number;
  n: number;
}

export interface CallbackPhonesTable {
  rating_id: string;
  township: string;
  phone: string;
}

export interface CasesTable {
  id: Generated<number>;
  rating_id: string;
  site_code: string;
  township: string;
  level: number;
  opened_at: number;
  due_date: string;
  state: string;
  closed_at: number | null;
  closed_day: string | null;
  called_back: number;
  has_phone: number;
  demo: number;
}

export interface CaseNotesTable {
  id: Generated<number>;
  case_id: number;
  at: number;
  username: string;
  text: string;
  state: string | null;
}

export interface PlayLogTable {
  id: string;
  device_id: string;
  site_code: string;
  township: string;
  slide: string;
  announcement_id: string | null;
  title: string;
  from_at: number;
  to_at: number;
  day: string;
  content_version: number;
  demo: number;
}

export interface AuditTable {
  id: Generated<number>;
  at: number;
  username: string;
  township: string | null;
  action: string;
  detail: string;
}

export interface HubSchema {
  users: UsersTable;
  sessions: SessionsTable;
  enrolments: EnrolmentsTable;
  devices: DevicesTable;
  heartbeats: HeartbeatsTable;
  commands: CommandsTable;
  ratings: RatingsTable;
  rating_reasons: RatingReasonsTable;
  rating_days: RatingDaysTable;
  callback_phones: CallbackPhonesTable;
  cases: CasesTable;
  case_notes: CaseNotesTable;
  play_log: PlayLogTable;
  audit: AuditTable;
}

export type HubDb = Kysely<HubSchema>;

export interface OpenDb {
  db: HubDb;
  dialect: DialectName;
  /** Where it lives, with any password removed (for log lines). */
  label: string;
}

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//i.test(url);
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** pg parses int8/numeric to strings by default; every such value here fits a JS number. */
function pgTypes(): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: string) => {
      if (oid === INT8_OID || oid === NUMERIC_OID) return (v: string) => (v === null ? null : Number(v));
      return pg.types.getTypeParser(oid, format as 'text');
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
}

/** Opens the database: PostgreSQL for a postgres:// URL, else a SQLite file (created with its folder). */
export function openDb(target: string, opts: { poolSize?: number } = {}): OpenDb {
  if (isPostgresUrl(target)) {
    const pool = new pg.Pool({ connectionString: target, max: opts.poolSize ?? 10, types: pgTypes() });
    // A client losing its connection (database restarted, connection killed) must not crash the hub:
    // idle clients report on the pool, checked-out ones on themselves. The query in flight fails
    // (answered 500, the kiosk retries) and pg-pool drops the broken client when it is released.
    pool.on('error', () => {});
    pool.on('connect', (client) => {
      client.on('error', () => {});
    });
    const label = target.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
    return { db: new Kysely<HubSchema>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres', label };
  }
  if (target !== ':memory:') mkdirSync(dirname(target), { recursive: true });
  const sqlite = new SQLite(target);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  return { db: new Kysely<HubSchema>({ dialect: new SqliteDialect({ database: sqlite }) }), dialect: 'sqlite', label: target };
}
