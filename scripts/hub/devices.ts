/**
 * Device side of the hub: enrolment, token check, heartbeats (with commands), ratings and play
 * log. Every write is idempotent by the client's UUID (primary key + ON CONFLICT DO NOTHING), so
 * a retried or replayed upload is acknowledged and never stored twice.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import * as v from 'valibot';
import type { BatchAck, DeviceCommand, EnrolResponse, HeartbeatResponse, PlayLogUpload, RatingUpload } from '../../kiosk/src/uplink/api.ts';
import { DEFAULT_HEARTBEAT_SECONDS, LIMITS } from '../../kiosk/src/uplink/api.ts';
import { POOR_REASONS } from '../../kiosk/src/evaluation/levels.ts';
import { type Calendars, dueDate, localDay } from './calendar.ts';
import type { CatalogSnapshot } from './catalog.ts';
import type { DevicesTable, HubDb } from './db.ts';
import { newToken, normaliseCode, tokenHash } from './secrets.ts';
import { BadRequest, firstIssue, type HeartbeatSchema, PlayLogSchema, RatingSchema } from './validate.ts';

export interface DeviceContext {
  db: HubDb;
  calendars: Calendars;
  now: () => number;
}

export async function enrolDevice(
  ctx: DeviceContext,
  snap: CatalogSnapshot,
  req: { code: string; mode: string; appBuild: string; screen: { width: number; height: number } },
): Promise<EnrolResponse> {
  const codeHash = tokenHash(normaliseCode(req.code));
  const now = ctx.now();
  const token = newToken();
  const deviceId = randomUUID();
  return ctx.db.transaction().execute(async (trx) => {
    const enrolment = await trx
      .selectFrom('enrolments')
      .selectAll()
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (!enrolment) throw new BadRequest('登记码无效、已使用或已过期，请在管理平台重新生成', 'code', 400, 'invalid_code');
    const used = await trx
      .updateTable('enrolments')
      .set({ used_at: now, device_id: deviceId })
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new BadRequest('登记码已被使用', 'code', 409, 'invalid_code');
    const site = snap.sites.get(enrolment.site_code);
    const name = enrolment.name || `${site?.name ?? enrolment.site_code}${req.mode === 'kiosk' ? '查询机' : '显示屏'}`;
    await trx
      .insertInto('devices')
      .values({
        id: deviceId,
        token_hash: tokenHash(token),
        name,
        site_code: enrolment.site_code,
        township: enrolment.township,
        mode: req.mode,
        enrolled_at: now,
        revoked_at: null,
        last_seen_at: null,
        last_heartbeat_at: null,
        heartbeat_seconds: DEFAULT_HEARTBEAT_SECONDS,
        app_build: req.appBuild,
        content_version: null,
        last_check_ok: null,
        last_error: null,
        on_screen: null,
        flags: '[]',
        status_json: JSON.stringify({ screen: req.screen }),
        demo: 0,
      })
      .execute();
    await trx
      .insertInto('audit')
      .values({
        at: now,
        username: enrolment.created_by,
        township: enrolment.township,
        action: '设备登记',
        detail: `${name}（${enrolment.site_code}，${req.mode}）用登记码完成登记`,
      })
      .execute();
    return { deviceId, token, siteCode: enrolment.site_code, name, heartbeatSeconds: DEFAULT_HEARTBEAT_SECONDS };
  });
}

export type AuthedDevice = Pick<DevicesTable, 'id' | 'name' | 'site_code' | 'township' | 'heartbeat_seconds' | 'demo'>;

/** The device of a bearer token, or null (unknown or revoked). */
export async function deviceByToken(db: HubDb, token: string): Promise<AuthedDevice | null> {
  if (!token || token.length > 200) return null;
  const row = await db
    .selectFrom('devices')
    .select(['id', 'name', 'site_code', 'township', 'heartbeat_seconds', 'demo'])
    .where('token_hash', '=', tokenHash(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ?? null;
}

export async function recordHeartbeat(
  ctx: DeviceContext,
  device: AuthedDevice,
  hb: v.InferOutput<typeof HeartbeatSchema>,
): Promise<HeartbeatResponse> {
  const now = ctx.now();
  if (hb.siteCode !== device.site_code) {
    throw new BadRequest(`本设备登记在站点 ${device.site_code}，不能报告站点 ${hb.siteCode}`, 'siteCode', 422, 'wrong_site');
  }
  const ok = hb.lastCheckOk !== false && !hb.lastError;
  // A heartbeat taken on the device far in the future is stored with the hub's time.
  const at = hb.at > now + LIMITS.maxClockAheadMs ? now : hb.at;
  return ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('heartbeats')
      .values({
        id: hb.id,
        device_id: device.id,
        at,
        received_at: now,
        content_version: hb.contentVersion,
        ok: ok ? 1 : 0,
        payload: JSON.stringify(hb),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) {
      // The device row holds the newest state: a replayed older heartbeat does not overwrite it.
      await trx
        .updateTable('devices')
        .set({
          last_seen_at: now,
          last_heartbeat_at: at,
          app_build: hb.appBuild,
          content_version: hb.contentVersion,
          last_check_ok: hb.lastCheckOk === null ? null : hb.lastCheckOk ? 1 : 0,
          last_error: hb.lastError,
          on_screen: hb.onScreen,
          flags: JSON.stringify(hb.flags),
          mode: hb.mode,
          status_json: JSON.stringify({
            at,
            screen: hb.screen,
            storage: hb.storage,
            queued: hb.queued,
            uptimeSeconds: hb.uptimeSeconds,
            contentPublishedAt: hb.contentPublishedAt,
            contentExpiresAt: hb.contentExpiresAt,
            lastCheckAt: hb.lastCheckAt,
            reloads: hb.reloads,
          }),
        })
        .where('id', '=', device.id)
        .where((eb) => eb.or([eb('last_heartbeat_at', 'is', null), eb('last_heartbeat_at', '<=', at)]))
        .execute();
      await trx.updateTable('devices').set({ last_seen_at: now }).where('id', '=', device.id).execute();
    } else {
      await trx.updateTable('devices').set({ last_seen_at: now }).where('id', '=', device.id).execute();
    }
    if (hb.doneCommands.length) {
      await trx
        .updateTable('commands')
        .set({ done_at: now })
        .where('device_id', '=', device.id)
        .where('id', 'in', hb.doneCommands)
        .where('done_at', 'is', null)
        .execute();
    }
    const pending = await trx
      .selectFrom('commands')
      .select(['id', 'kind', 'issued_at'])
      .where('device_id', '=', device.id)
      .where('done_at', 'is', null)
      .orderBy('issued_at')
      .execute();
    if (pending.length) {
      await trx
        .updateTable('commands')
        .set({ delivered_at: now })
        .where('device_id', '=', device.id)
        .where('delivered_at', 'is', null)
        .where('done_at', 'is', null)
        .execute();
    }
    const commands: DeviceCommand[] = pending.map((c) => ({ id: c.id, kind: c.kind as DeviceCommand['kind'], issuedAt: c.issued_at }));
    return { serverTime: now, heartbeatSeconds: device.heartbeat_seconds, name: device.name, commands };
  });
}

/** Checks one rating against the content; returns the Chinese reason it is refused, or null. */
export function ratingProblem(r: RatingUpload, device: AuthedDevice, snap: CatalogSnapshot, now: number): string | null {
  if (r.siteCode !== device.site_code) return `站点 ${r.siteCode} 与设备登记的站点 ${device.site_code} 不符`;
  const site = snap.sites.get(r.siteCode);
  if (!site) return `未知站点 ${r.siteCode}`;
  if (r.at > now + LIMITS.maxClockAheadMs) return '评价时间在未来，请检查查询机时钟';
  if (r.at < now - LIMITS.maxAgeMs) return '评价时间过早（超过 400 天）';
  const { kind, id } = r.target;
  if (kind === 'item' && (!id || !site.items.has(id))) return `本站点没有事项 ${id ?? '（未填写）'}`;
  if (kind === 'window' && (!id || !site.windows.has(id))) return `本站点没有窗口 ${id ?? '（未填写）'}`;
  if (kind === 'staff' && (!id || !site.staff.has(id))) return `本站点没有工作人员 ${id ?? '（未填写）'}`;
  const known = new Set<string>(POOR_REASONS);
  const unknown = r.reasons.find((x) => !known.has(x));
  if (unknown) return `未知的差评原因「${unknown}」`;
  if (r.level >= 3 && r.reasons.length) return '只有差评可以填写原因';
  if (r.callbackPhone && r.level >= 3) return '只有差评可以留回访电话';
  return null;
}

function targetName(r: RatingUpload, snap: CatalogSnapshot): string | null {
  const site = snap.sites.get(r.siteCode);
  if (!site) return r.target.name ?? null;
  const { kind, id } = r.target;
  if (kind === 'item' && id) return site.items.get(id) ?? null;
  if (kind === 'window' && id) return site.windows.get(id) ?? null;
  if (kind === 'staff' && id) return site.staff.get(id) ?? null;
  if (kind === 'centre') return site.name;
  if (kind === 'terminal') return '自助查询机';
  return r.target.name ?? null;
}

/**
 * One upload batch sorted out: each entry checked against its schema and its own rules; refused
 * ones named with the reason (JSON path for a shape problem), a repeated id kept once.
 */
function triage<T extends { id: string }>(
  raw: Record<string, unknown>[],
  schema: v.GenericSchema,
  path: string,
  problemOf: (entry: T) => string | null,
): { good: T[]; rejected: BatchAck['rejected'] } {
  const good: T[] = [];
  const rejected: BatchAck['rejected'] = [];
  const seen = new Set<string>();
  raw.forEach((item, i) => {
    const id = String(item.id).toLowerCase();
    const parsed = v.safeParse(schema, item);
    if (!parsed.success) {
      const { field, message } = firstIssue(parsed.issues, `${path}[${i}]`);
      rejected.push({ id, reason: `${field}：${message}` });
      return;
    }
    const entry = { ...(parsed.output as T), id };
    const problem = problemOf(entry);
    if (problem) rejected.push({ id, reason: problem });
    else if (!seen.has(id)) {
      seen.add(id);
      good.push(entry);
    }
  });
  return { good, rejected };
}

export async function ingestRatings(
  ctx: DeviceContext,
  device: AuthedDevice,
  snap: CatalogSnapshot,
  raw: Record<string, unknown>[],
): Promise<BatchAck> {
  const now = ctx.now();
  const accepted: string[] = [];
  const { good, rejected } = triage(raw, RatingSchema, 'ratings', (r: RatingUpload) => ratingProblem(r, device, snap, now));
  if (!good.length) return { accepted, rejected };
  const tz = snap.county.timeZone;
  const cal = ctx.calendars(snap.county.code);
  await ctx.db.transaction().execute(async (trx) => {
    for (const r of good) {
      const day = localDay(r.at, tz);
      const inserted = await trx
        .insertInto('ratings')
        .values({
          id: r.id,
          device_id: device.id,
          site_code: r.siteCode,
          township: device.township,
          at: r.at,
          day,
          month: day.slice(0, 7),
          received_at: now,
          level: r.level,
          target_kind: r.target.kind,
          target_id: r.target.id ?? null,
          target_name: targetName(r, snap),
          reasons: JSON.stringify(r.reasons),
          comment: r.comment?.trim() || null,
          content_version: r.contentVersion,
          demo: device.demo,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) {
        await trx
          .insertInto('rating_days')
          .values({
            day,
            month: day.slice(0, 7),
            township: device.township,
            site_code: r.siteCode,
            target_kind: r.target.kind,
            level: r.level,
            demo: device.demo,
            n: 1,
          })
          .onConflict((oc) =>
            oc.columns(['day', 'site_code', 'target_kind', 'level', 'demo']).doUpdateSet({ n: sql<number>`rating_days.n + 1` }),
          )
          .execute();
        if (r.reasons.length) {
          await trx
            .insertInto('rating_reasons')
            .values(
              [...new Set(r.reasons)].map((reason) => ({
                rating_id: r.id,
                reason,
                day,
                township: device.township,
                site_code: r.siteCode,
                target_kind: r.target.kind,
                target_id: r.target.id ?? null,
              })),
            )
            .execute();
        }
        if (r.level <= 2) {
          if (r.callbackPhone) {
            await trx
              .insertInto('callback_phones')
              .values({ rating_id: r.id, township: device.township, phone: r.callbackPhone })
              .execute();
          }
          await trx
            .insertInto('cases')
            .values({
              rating_id: r.id,
              site_code: r.siteCode,
              township: device.township,
              level: r.level,
              opened_at: now,
              due_date: dueDate(localDay(now, tz), cal),
              state: '待核实',
              closed_at: null,
              closed_day: null,
              called_back: 0,
              has_phone: r.callbackPhone ? 1 : 0,
              demo: device.demo,
            })
            .execute();
        }
      }
      accepted.push(r.id);
    }
  });
  return { accepted, rejected };
}

export async function ingestPlayLog(
  ctx: DeviceContext,
  device: AuthedDevice,
  snap: CatalogSnapshot,
  raw: Record<string, unknown>[],
): Promise<BatchAck> {
  const now = ctx.now();
  const accepted: string[] = [];
  const { good, rejected } = triage(raw, PlayLogSchema, 'entries', (e: PlayLogUpload) => {
    if (e.siteCode !== device.site_code) return `站点 ${e.siteCode} 与设备登记的站点不符`;
    if (e.to < e.from) return '结束时间早于开始时间';
    if (e.to - e.from > 86_400_000) return '单条播放记录超过 24 小时';
    if (e.to > now + LIMITS.maxClockAheadMs) return '播放时间在未来，请检查显示屏时钟';
    if (e.from < now - LIMITS.maxAgeMs) return '播放时间过早（超过 400 天）';
    return null;
  });
  if (!good.length) return { accepted, rejected };
  const tz = snap.county.timeZone;
  await ctx.db.transaction().execute(async (trx) => {
    for (const e of good) {
      const m = /^announcement:(.+)$/.exec(e.slide);
      await trx
        .insertInto('play_log')
        .values({
          id: e.id,
          device_id: device.id,
          site_code: e.siteCode,
          township: device.township,
          slide: e.slide,
          announcement_id: m ? m[1].replace(/#.*$/, '') : null,
          title: e.title,
          from_at: e.from,
          to_at: e.to,
          day: localDay(e.from, tz),
          content_version: e.contentVersion,
          demo: device.demo,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      accepted.push(e.id);
    }
  });
  return { accepted, rejected };
}
