/**
 * Dashboard operations on devices, enrolment codes and 差评 cases. Every function takes the
 * signed-in user and filters by its township ON THE SERVER: a township account reads and
 * changes only its township and its villages. Every change writes an audit row.
 */
import { randomUUID } from 'node:crypto';
import type {
  AuditRow,
  CaseRow,
  CaseState,
  CaseUpdate,
  CommandKind,
  DeviceHealth,
  DeviceRow,
  EnrolmentCode,
  RatingTarget,
  SessionUser,
} from '../../kiosk/src/uplink/api.ts';
import { audit } from './accounts.ts';
import { localDay } from './calendar.ts';
import type { CatalogSnapshot } from './catalog.ts';
import type { HubDb } from './db.ts';
import { newEnrolmentCode, tokenHash } from './secrets.ts';
import { BadRequest } from './validate.ts';

export const ENROLMENT_MS = 24 * 3600_000;
export const CLOSED_STATES: readonly CaseState[] = ['已办结', '申诉', '无效'];

/** The township a user is limited to, or null for the county. Township accounts without one see nothing. */
export function scopeOf(user: SessionUser): string | null {
  return user.role === 'county' ? null : (user.township ?? '\u0000none');
}

function canSeeSite(user: SessionUser, snap: CatalogSnapshot, siteCode: string): boolean {
  const site = snap.sites.get(siteCode);
  const scope = scopeOf(user);
  return !!site && (scope === null || site.township === scope);
}

export function deviceHealth(
  d: {
    last_seen_at: number | null;
    heartbeat_seconds: number;
    last_check_ok: number | null;
    last_error: string | null;
    content_version: number | null;
    flags: string;
  },
  latest: number | null,
  now: number,
): DeviceHealth {
  if (d.last_seen_at === null) return 'never';
  if (now - d.last_seen_at > 2 * d.heartbeat_seconds * 1000) return 'offline';
  if (d.last_check_ok === 0 || d.last_error) return 'failing';
  const flags = JSON.parse(d.flags) as string[];
  if ((latest !== null && d.content_version !== latest) || flags.includes('content-expired')) return 'stale';
  return 'online';
}

export async function listDevices(db: HubDb, user: SessionUser, snap: CatalogSnapshot, now: number): Promise<DeviceRow[]> {
  const scope = scopeOf(user);
  let q = db.selectFrom('devices').selectAll();
  if (scope !== null) q = q.where('township', '=', scope);
  const rows = await q.orderBy('township').orderBy('site_code').orderBy('name').execute();
  // Pending commands of the same devices (a join, not an id list: a province has tens of thousands).
  let pq = db
    .selectFrom('commands')
    .innerJoin('devices', 'devices.id', 'commands.device_id')
    .select(['commands.device_id', 'commands.kind'])
    .where('commands.done_at', 'is', null);
  if (scope !== null) pq = pq.where('devices.township', '=', scope);
  const pending = new Map<string, CommandKind[]>();
  for (const p of await pq.orderBy('commands.issued_at').execute()) {
    const list = pending.get(p.device_id) ?? [];
    list.push(p.kind as CommandKind);
    pending.set(p.device_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    siteCode: r.site_code,
    siteName: snap.sites.get(r.site_code)?.name ?? r.site_code,
    township: r.township,
    mode: r.mode as DeviceRow['mode'],
    enrolledAt: r.enrolled_at,
    revokedAt: r.revoked_at,
    lastSeenAt: r.last_seen_at,
    health: deviceHealth(r, snap.version, now),
    appBuild: r.app_build,
    contentVersion: r.content_version,
    latestContentVersion: snap.version,
    lastError: r.last_error,
    onScreen: r.on_screen,
    flags: JSON.parse(r.flags) as string[],
    pendingCommands: pending.get(r.id) ?? [],
    demo: r.demo === 1,
  }));
}

export async function createEnrolment(
  db: HubDb,
  user: SessionUser,
  snap: CatalogSnapshot,
  siteCode: string,
  name: string | undefined,
  now: number,
): Promise<EnrolmentCode> {
  if (!canSeeSite(user, snap, siteCode)) throw new BadRequest(`没有站点 ${siteCode}，或无权管理该站点`, 'siteCode', 404, 'not_found');
  const site = snap.sites.get(siteCode)!;
  const code = newEnrolmentCode();
  const expiresAt = now + ENROLMENT_MS;
  await db
    .insertInto('enrolments')
    .values({
      code_hash: tokenHash(code),
      site_code: siteCode,
      township: site.township,
      name: name?.trim() ?? '',
      created_by: user.username,
      created_at: now,
      expires_at: expiresAt,
      used_at: null,
      device_id: null,
    })
    .execute();
  await audit(
    db,
    now,
    user.username,
    site.township,
    '生成登记码',
    `${site.name}（${siteCode}）${name ? `「${name}」` : ''}，24 小时内有效`,
  );
  return { code, siteCode, expiresAt };
}

async function ownDevice(db: HubDb, user: SessionUser, id: string) {
  const scope = scopeOf(user);
  let q = db.selectFrom('devices').select(['id', 'name', 'site_code', 'township', 'revoked_at']).where('id', '=', id);
  if (scope !== null) q = q.where('township', '=', scope);
  const d = await q.executeTakeFirst();
  if (!d) throw new BadRequest('没有这台设备，或无权管理', undefined, 404, 'not_found');
  return d;
}

export async function renameDevice(db: HubDb, user: SessionUser, id: string, name: string, now: number): Promise<void> {
  const d = await ownDevice(db, user, id);
  await db.updateTable('devices').set({ name: name.trim() }).where('id', '=', d.id).execute();
  await audit(db, now, user.username, d.township, '设备改名', `${d.name} → ${name.trim()}（${d.site_code}）`);
}

export async function revokeDevice(db: HubDb, user: SessionUser, id: string, now: number): Promise<void> {
  const d = await ownDevice(db, user, id);
  if (d.revoked_at) return;
  await db.updateTable('devices').set({ revoked_at: now }).where('id', '=', d.id).execute();
  await audit(db, now, user.username, d.township, '停用设备', `${d.name}（${d.site_code}）`);
}

export async function queueCommand(db: HubDb, user: SessionUser, id: string, kind: CommandKind, now: number): Promise<string> {
  const d = await ownDevice(db, user, id);
  if (d.revoked_at) throw new BadRequest('设备已停用，不能发送命令', undefined, 409, 'revoked');
  const cmdId = randomUUID();
  await db
    .insertInto('commands')
    .values({ id: cmdId, device_id: d.id, kind, issued_at: now, issued_by: user.username, delivered_at: null, done_at: null })
    .execute();
  const label = { 'check-content': '立即检查内容', reload: '空闲时重新载入', identify: '显示设备名称' }[kind];
  await audit(db, now, user.username, d.township, '发送命令', `${label} → ${d.name}（${d.site_code}）`);
  return cmdId;
}

export interface CaseFilter {
  state?: CaseState;
  overdue?: boolean;
  township?: string;
  site?: string;
  fromDate?: string;
  toDate?: string;
}

export function isOverdue(c: { state: string; due_date: string; closed_day: string | null }, today: string): boolean {
  if (c.state === '申诉' || c.state === '无效') return false;
  if (c.state === '已办结') return (c.closed_day ?? today) > c.due_date;
  return today > c.due_date;
}

export async function listCases(db: HubDb, user: SessionUser, snap: CatalogSnapshot, f: CaseFilter, now: number): Promise<CaseRow[]> {
  const scope = scopeOf(user);
  const today = localDay(now, snap.county.timeZone);
  let q = db
    .selectFrom('cases')
    .innerJoin('ratings', 'ratings.id', 'cases.rating_id')
    .leftJoin('callback_phones', 'callback_phones.rating_id', 'cases.rating_id')
    .select([
      'cases.id',
      'cases.rating_id',
      'cases.site_code',
      'cases.township',
      'cases.level',
      'cases.due_date',
      'cases.state',
      'cases.closed_day',
      'cases.demo',
      'ratings.reasons',
      'ratings.comment',
      'ratings.target_kind',
      'ratings.target_id',
      'ratings.target_name',
      'ratings.at',
      'ratings.day',
      'callback_phones.phone',
      'callback_phones.township as phone_township',
    ]);
  if (scope !== null) q = q.where('cases.township', '=', scope);
  if (f.township) q = q.where('cases.township', '=', f.township);
  if (f.site) q = q.where('cases.site_code', '=', f.site);
  if (f.state) q = q.where('cases.state', '=', f.state);
  if (f.fromDate) q = q.where('ratings.day', '>=', f.fromDate);
  if (f.toDate) q = q.where('ratings.day', '<=', f.toDate);
  if (f.overdue) {
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('cases.state', 'in', ['待核实', '整改中']), eb('cases.due_date', '<', today)]),
        eb.and([eb('cases.state', '=', '已办结'), eb('cases.closed_day', '>', eb.ref('cases.due_date'))]),
      ]),
    );
  }
  const rows = await q.orderBy('cases.id', 'desc').limit(2000).execute();
  const ids = rows.map((r) => r.id);
  const notes = ids.length
    ? await db.selectFrom('case_notes').selectAll().where('case_id', 'in', ids).orderBy('case_notes.at').orderBy('case_notes.id').execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    ratingId: r.rating_id,
    siteCode: r.site_code,
    siteName: snap.sites.get(r.site_code)?.name ?? r.site_code,
    township: r.township,
    level: r.level as 1 | 2,
    reasons: JSON.parse(r.reasons) as string[],
    comment: r.comment,
    target: {
      kind: r.target_kind as RatingTarget,
      ...(r.target_id ? { id: r.target_id } : {}),
      ...(r.target_name ? { name: r.target_name } : {}),
    },
    givenAt: r.at,
    dueDate: r.due_date,
    state: r.state as CaseState,
    overdue: isOverdue(r, today),
    // Only the responsible township (and the county) ever get the phone.
    callbackPhone: r.phone && (scope === null || r.phone_township === scope) ? r.phone : null,
    notes: notes
      .filter((n) => n.case_id === r.id)
      .map((n) => ({ at: n.at, by: n.username, text: n.text, ...(n.state ? { state: n.state as CaseState } : {}) })),
    demo: r.demo === 1,
  }));
}

const NEXT: Record<CaseState, readonly CaseState[]> = {
  待核实: ['整改中', '已办结', '申诉', '无效'],
  整改中: ['已办结', '申诉', '无效'],
  已办结: ['整改中'],
  申诉: ['整改中', '无效', '已办结'],
  无效: ['整改中'],
};

export async function updateCase(
  db: HubDb,
  user: SessionUser,
  snap: CatalogSnapshot,
  id: number,
  u: CaseUpdate,
  now: number,
): Promise<void> {
  const scope = scopeOf(user);
  const today = localDay(now, snap.county.timeZone);
  await db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('cases').select(['id', 'state', 'township', 'site_code', 'called_back']).where('id', '=', id);
    if (scope !== null) q = q.where('township', '=', scope);
    const c = await q.executeTakeFirst();
    if (!c) throw new BadRequest('没有这条差评工单，或无权处理', undefined, 404, 'not_found');
    const from = c.state as CaseState;
    if (u.state && u.state !== from && !NEXT[from].includes(u.state)) {
      throw new BadRequest(`工单不能从「${from}」改为「${u.state}」`, 'state', 409, 'bad_transition');
    }
    const changed = u.state && u.state !== from ? u.state : undefined;
    const closed = changed ? CLOSED_STATES.includes(changed) : undefined;
    await trx
      .updateTable('cases')
      .set({
        ...(changed ? { state: changed } : {}),
        ...(closed === true ? { closed_at: now, closed_day: today } : {}),
        ...(closed === false ? { closed_at: null, closed_day: null } : {}),
        ...(u.calledBack !== undefined ? { called_back: u.calledBack ? 1 : 0 } : {}),
      })
      .where('id', '=', id)
      .execute();
    await trx
      .insertInto('case_notes')
      .values({ case_id: id, at: now, username: user.username, text: u.note.trim(), state: changed ?? null })
      .execute();
    await trx
      .insertInto('audit')
      .values({
        at: now,
        username: user.username,
        township: c.township,
        action: '处理差评工单',
        detail: `工单 ${id}（${c.site_code}）${changed ? `${from} → ${changed}` : '添加记录'}${u.calledBack ? '，已回访' : ''}：${u.note.trim()}`,
      })
      .execute();
  });
}

export async function listAudit(db: HubDb, user: SessionUser, limit = 500): Promise<AuditRow[]> {
  const scope = scopeOf(user);
  let q = db.selectFrom('audit').select(['at', 'username', 'action', 'detail']);
  if (scope !== null) q = q.where('township', '=', scope);
  return q.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
