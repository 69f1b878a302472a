/**
 * 示例数据 for the demo county: devices for every township (查询机 + 显示屏) and some village
 * stations, 90 days of ratings (with 差评 cases in every state), heartbeats and the display play
 * log of every announcement. Every row is flagged demo = 1 and the dashboard labels it 示例数据.
 * Seeds once per database (ratings are not duplicated on the next start); demo devices' last
 * contact is refreshed each time so that the 设备状态 screen shows a realistic mix.
 * Refuses to run for a county whose published content is not demo content.
 */
import { randomUUID } from 'node:crypto';
import { POOR_REASONS } from '../../kiosk/src/evaluation/levels.ts';
import { addDays } from '../../kiosk/src/time/zoned.ts';
import { type Calendars, dueDate, isWorkingDay, localDay } from './calendar.ts';
import type { CatalogSite, CatalogSnapshot } from './catalog.ts';
import type { HubDb, RatingReasonsTable, RatingsTable } from './db.ts';
import { rebuildRatingDays } from './migrations.ts';
import { newToken, tokenHash } from './secrets.ts';
import { zonedTimeToEpoch } from '../../kiosk/src/time/zoned.ts';

/** Small deterministic PRNG (mulberry32) so every demo database looks the same. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedResult {
  seeded: boolean;
  ratings: number;
  message: string;
}

const DAYS = 90;

export async function seedDemo(db: HubDb, snap: CatalogSnapshot, calendars: Calendars, now = Date.now()): Promise<SeedResult> {
  if (!snap.county.demo) {
    return { seeded: false, ratings: 0, message: `${snap.county.name} 的内容不是示例内容（county.yaml demo: false），不写入示例数据。` };
  }
  const rnd = prng(20261201);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const tz = snap.county.timeZone;
  const cal = calendars(snap.county.code);
  const today = localDay(now, tz);
  const sites = [...snap.sites.values()];
  const existing = await db.selectFrom('devices').select(['id', 'site_code', 'mode']).where('demo', '=', 1).execute();

  // Devices: a kiosk and a display per township, a kiosk per village station.
  const devices: { id: string; site: CatalogSite; mode: string }[] = existing
    .map((d) => ({ id: d.id, site: snap.sites.get(d.site_code)!, mode: d.mode }))
    .filter((d) => d.site);
  if (!existing.length) {
    const rows = [];
    for (const site of sites) {
      const modes = site.kind === 'township' ? ['kiosk', 'display'] : ['kiosk'];
      for (const mode of modes) {
        const id = randomUUID();
        devices.push({ id, site, mode });
        rows.push({
          id,
          token_hash: tokenHash(newToken()),
          name: `${site.name}${mode === 'kiosk' ? '查询机' : '大厅显示屏'}`,
          site_code: site.code,
          township: site.township,
          mode,
          enrolled_at: now - DAYS * 86_400_000,
          revoked_at: null,
          last_seen_at: null,
          heartbeat_seconds: 300,
          app_build: 'demo',
          content_version: snap.version,
          last_check_ok: 1,
          last_error: null,
          on_screen: null,
          flags: '[]',
          status_json: null,
          demo: 1,
        });
      }
    }
    if (rows.length) await db.insertInto('devices').values(rows).execute();
  }
  // Refresh their state: most online, one offline, one failing, one on old content.
  for (const [i, d] of devices.entries()) {
    const kind = i === 1 ? 'offline' : i === 3 ? 'failing' : i === 4 ? 'stale' : 'online';
    await db
      .updateTable('devices')
      .set({
        last_seen_at: kind === 'offline' ? now - 3 * 3600_000 : now - Math.floor(rnd() * 200_000),
        content_version: kind === 'stale' ? Math.max(1, snap.version - 1) : snap.version,
        last_check_ok: kind === 'failing' ? 0 : 1,
        last_error: kind === 'failing' ? '内容更新失败：网络连接超时' : null,
        on_screen: d.mode === 'kiosk' ? pick(['首页', '事项详情：最低生活保障申请', '办事指南', '好差评']) : '轮播：公告',
        flags: kind === 'stale' ? '["content-expired"]' : '[]',
      })
      .where('id', '=', d.id)
      .execute();
  }

  const already = await db.selectFrom('ratings').select(db.fn.countAll<number>().as('n')).where('demo', '=', 1).executeTakeFirst();
  if (Number(already?.n ?? 0) > 0) {
    return { seeded: false, ratings: Number(already?.n), message: `示例数据已存在（${already?.n} 条评价），未重复写入。` };
  }

  const kiosks = devices.filter((d) => d.mode === 'kiosk');
  const displays = devices.filter((d) => d.mode === 'display');
  let ratingCount = 0;
  // Each township gets its own character: one clearly weaker.
  const weakness = new Map(sites.filter((s) => s.kind === 'township').map((s, i) => [s.code, i === 1 ? 0.22 : 0.08 + i * 0.02]));
  for (let back = DAYS - 1; back >= 0; back--) {
    const day = addDays(today, -back);
    const working = isWorkingDay(day, cal);
    const ratings: RatingsTable[] = [];
    const reasons: RatingReasonsTable[] = [];
    const phones: { rating_id: string; township: string; phone: string }[] = [];
    const cases: Parameters<ReturnType<HubDb['insertInto']>['values']>[0][] = [];
    for (const k of kiosks) {
      const count = Math.floor(rnd() * (working ? (k.site.kind === 'township' ? 9 : 3) : 1));
      for (let j = 0; j < count; j++) {
        const at = zonedTimeToEpoch(
          day,
          `${String(8 + Math.floor(rnd() * 9)).padStart(2, '0')}:${String(Math.floor(rnd() * 60)).padStart(2, '0')}`,
          tz,
        );
        if (at > now) continue;
        const poorShare = weakness.get(k.site.township) ?? 0.1;
        const x = rnd();
        const level = x < poorShare * 0.4 ? 1 : x < poorShare ? 2 : x < poorShare + 0.12 ? 3 : x < poorShare + 0.4 ? 4 : 5;
        const items = [...k.site.items.entries()];
        const windows = [...k.site.windows.entries()];
        const staff = [...k.site.staff.entries()];
        const t = rnd();
        const target =
          t < 0.4 || !items.length
            ? { kind: 'centre', id: null, name: k.site.name }
            : t < 0.7
              ? (() => {
                  const [id, name] = pick(items);
                  return { kind: 'item', id, name };
                })()
              : t < 0.85 && windows.length
                ? (() => {
                    const [id, name] = pick(windows);
                    return { kind: 'window', id, name };
                  })()
                : t < 0.95 && staff.length
                  ? (() => {
                      const [id, name] = pick(staff);
                      return { kind: 'staff', id, name };
                    })()
                  : { kind: 'terminal', id: null, name: '自助查询机' };
        const id = randomUUID();
        const rs = level <= 2 ? [...new Set([pick(POOR_REASONS), ...(rnd() < 0.3 ? [pick(POOR_REASONS)] : [])])] : [];
        ratings.push({
          id,
          device_id: k.id,
          site_code: k.site.code,
          township: k.site.township,
          at,
          day,
          month: day.slice(0, 7),
          received_at: at + 2000,
          level,
          target_kind: target.kind,
          target_id: target.id,
          target_name: target.name,
          reasons: JSON.stringify(rs),
          comment:
            level <= 2 && rnd() < 0.4
              ? pick(['排队等了一个多小时', '材料清单和窗口说的不一样', '窗口中午没人', '第二次来了还没办好'])
              : null,
          content_version: snap.version,
          demo: 1,
        });
        for (const r of rs) {
          reasons.push({
            rating_id: id,
            reason: r,
            day,
            township: k.site.township,
            site_code: k.site.code,
            target_kind: target.kind,
            target_id: target.id,
          });
        }
        if (level <= 2) {
          const hasPhone = rnd() < 0.5;
          if (hasPhone)
            phones.push({ rating_id: id, township: k.site.township, phone: `139${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}` });
          const due = dueDate(day, cal);
          const age = back;
          const s = rnd();
          const state =
            age > 12
              ? s < 0.75
                ? '已办结'
                : s < 0.85
                  ? '无效'
                  : s < 0.9
                    ? '申诉'
                    : '整改中'
              : age > 3
                ? s < 0.4
                  ? '已办结'
                  : s < 0.8
                    ? '整改中'
                    : '待核实'
                : s < 0.7
                  ? '待核实'
                  : '整改中';
          const closedDay = state === '已办结' || state === '无效' || state === '申诉' ? addDays(day, 1 + Math.floor(rnd() * 8)) : null;
          cases.push({
            rating_id: id,
            site_code: k.site.code,
            township: k.site.township,
            level,
            opened_at: at + 2000,
            due_date: due,
            state,
            closed_at: closedDay ? zonedTimeToEpoch(closedDay > today ? today : closedDay, '16:00', tz) : null,
            closed_day: closedDay && closedDay > today ? today : closedDay,
            called_back: hasPhone && state !== '待核实' && rnd() < 0.85 ? 1 : 0,
            has_phone: hasPhone ? 1 : 0,
            demo: 1,
          });
        }
      }
    }
    if (ratings.length) {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('ratings').values(ratings).execute();
        if (reasons.length) await trx.insertInto('rating_reasons').values(reasons).execute();
        if (phones.length) await trx.insertInto('callback_phones').values(phones).execute();
        for (const c of cases) {
          const row = await trx
            .insertInto('cases')
            .values(c as never)
            .returning('id')
            .executeTakeFirstOrThrow();
          const notes: { case_id: number; at: number; username: string; text: string; state: string | null }[] = [];
          const st = (c as { state: string }).state;
          const opened = (c as { opened_at: number }).opened_at;
          if (st !== '待核实')
            notes.push({
              case_id: row.id,
              at: opened + 3600_000,
              username: '示例-乡镇管理员',
              text: '已电话联系群众，核实情况属实，安排窗口整改。',
              state: '整改中',
            });
          if (st === '已办结')
            notes.push({
              case_id: row.id,
              at: opened + 3 * 86_400_000,
              username: '示例-乡镇管理员',
              text: '已调整窗口午间轮值，回访群众表示认可。',
              state: '已办结',
            });
          if (st === '无效')
            notes.push({
              case_id: row.id,
              at: opened + 2 * 86_400_000,
              username: '示例-乡镇管理员',
              text: '经核实为误操作，群众确认不是差评。',
              state: '无效',
            });
          if (st === '申诉')
            notes.push({
              case_id: row.id,
              at: opened + 2 * 86_400_000,
              username: '示例-乡镇管理员',
              text: '所反映材料要求系上级规定，已提出申诉。',
              state: '申诉',
            });
          if (notes.length) await trx.insertInto('case_notes').values(notes).execute();
        }
      });
      ratingCount += ratings.length;
    }

    // Heartbeat history every 6 hours, and the display loop's play log of the announcements in period.
    const beats = [];
    for (const d of devices) {
      for (let h = 2; h < 24; h += 6) {
        const at = zonedTimeToEpoch(day, `${String(h).padStart(2, '0')}:00`, tz);
        if (at > now) continue;
        beats.push({
          id: randomUUID(),
          device_id: d.id,
          at,
          received_at: at,
          content_version: snap.version,
          ok: 1,
          payload: '{"demo":true}',
        });
      }
    }
    if (beats.length) await db.insertInto('heartbeats').values(beats).execute();
    const plays = [];
    for (const d of displays) {
      for (const a of d.site.announcements) {
        const from = a.validFrom ? localDay(Date.parse(a.validFrom), tz) : null;
        const to = a.validTo ? localDay(Date.parse(a.validTo) - 1, tz) : null;
        if ((from && day < from) || (to && day > to)) continue;
        if (rnd() < 0.06) continue; // a day the screen was off
        for (const hhmm of ['09:10', '11:40', '15:20']) {
          const start = zonedTimeToEpoch(day, hhmm, tz) + Math.floor(rnd() * 600_000);
          if (start > now) continue;
          plays.push({
            id: randomUUID(),
            device_id: d.id,
            site_code: d.site.code,
            township: d.site.township,
            slide: `announcement:${a.id}`,
            announcement_id: a.id,
            title: a.title,
            from_at: start,
            to_at: start + 15_000 + Math.floor(rnd() * 20_000),
            day,
            content_version: snap.version,
            demo: 1,
          });
        }
      }
    }
    for (let i = 0; i < plays.length; i += 200)
      await db
        .insertInto('play_log')
        .values(plays.slice(i, i + 200))
        .execute();
  }
  await rebuildRatingDays(db);
  return {
    seeded: true,
    ratings: ratingCount,
    message: `已写入示例数据：${devices.length} 台设备，${ratingCount} 条评价（近 ${DAYS} 天）。`,
  };
}
