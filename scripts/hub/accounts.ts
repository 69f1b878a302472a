/**
 * Dashboard accounts and sessions. Sessions live in the database (any hub process behind a load
 * balancer accepts any session); the cookie carries a random token, the table only its hash.
 * Five wrong passwords lock an account for five minutes. Every change is audited.
 */
import type { Role, SessionUser } from '../../kiosk/src/uplink/api.ts';
import type { HubDb } from './db.ts';
import { DUMMY_HASH, hashPassword, newToken, tokenHash, verifyPassword } from './secrets.ts';
import { BadRequest } from './validate.ts';

export const SESSION_COOKIE = 'hub_session';
export const SESSION_MS = 12 * 3600_000;
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 5 * 60_000;

/**
 * One audit row: who did it, and the township it concerns (so that township accounts see what the
 * county did to their devices and cases; null = county-wide).
 */
export async function audit(
  db: HubDb,
  at: number,
  username: string,
  township: string | null,
  action: string,
  detail: string,
): Promise<void> {
  await db.insertInto('audit').values({ at, username, township, action, detail }).execute();
}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  township: string | null;
  displayName?: string;
}

export function checkNewUser(u: NewUser, townshipCodes: ReadonlySet<string>): void {
  if (!/^[A-Za-z0-9._-]{2,64}$/.test(u.username)) throw new BadRequest('用户名只能用 2–64 个字母、数字、点、横线或下划线');
  if (u.password.length < 10) throw new BadRequest('密码至少 10 个字符');
  if (u.role === 'township') {
    if (!u.township) throw new BadRequest('乡镇管理员需要 --township 乡镇编码');
    if (!townshipCodes.has(u.township)) throw new BadRequest(`没有编码为 ${u.township} 的乡镇（见已发布内容）`);
  } else if (u.township) throw new BadRequest('县级管理员不属于某个乡镇，请去掉 --township');
}

/** Creates or replaces (password, role) an account. */
export async function upsertUser(db: HubDb, u: NewUser, by: string, now = Date.now()): Promise<'created' | 'updated'> {
  const hash = await hashPassword(u.password);
  const existing = await db.selectFrom('users').select('username').where('username', '=', u.username).executeTakeFirst();
  const displayName = u.displayName ?? u.username;
  if (existing) {
    await db
      .updateTable('users')
      .set({ password_hash: hash, role: u.role, township: u.township, display_name: displayName, failed_logins: 0, locked_until: null })
      .where('username', '=', u.username)
      .execute();
    await db.deleteFrom('sessions').where('username', '=', u.username).execute();
  } else {
    await db
      .insertInto('users')
      .values({
        username: u.username,
        display_name: displayName,
        role: u.role,
        township: u.township,
        password_hash: hash,
        failed_logins: 0,
        locked_until: null,
        created_at: now,
        disabled: 0,
      })
      .execute();
  }
  await audit(
    db,
    now,
    by,
    u.township,
    existing ? '修改账号' : '新增账号',
    `${u.username}（${u.role === 'county' ? '县级管理员' : `乡镇管理员 ${u.township}`}）`,
  );
  return existing ? 'updated' : 'created';
}

/** Disables (or enables again) an account; its sessions end at once. */
export async function setUserDisabled(db: HubDb, username: string, disabled: boolean, by: string, now = Date.now()): Promise<boolean> {
  const row = await db.selectFrom('users').select(['township']).where('username', '=', username).executeTakeFirst();
  if (!row) return false;
  await db
    .updateTable('users')
    .set({ disabled: disabled ? 1 : 0, failed_logins: 0, locked_until: null })
    .where('username', '=', username)
    .execute();
  await db.deleteFrom('sessions').where('username', '=', username).execute();
  await audit(db, now, by, row.township, disabled ? '停用账号' : '启用账号', username);
  return true;
}

export async function listUsers(db: HubDb) {
  return db
    .selectFrom('users')
    .select(['username', 'display_name', 'role', 'township', 'disabled', 'locked_until'])
    .orderBy('username')
    .execute();
}

export type LoginResult = { ok: true; token: string; user: SessionUser } | { ok: false; status: 401 | 423; message: string };

export async function login(db: HubDb, username: string, password: string, now = Date.now()): Promise<LoginResult> {
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  if (!user || user.disabled) {
    await verifyPassword(password, DUMMY_HASH);
    return { ok: false, status: 401, message: '用户名或密码不正确' };
  }
  if (user.locked_until && user.locked_until > now) {
    const minutes = Math.ceil((user.locked_until - now) / 60_000);
    return { ok: false, status: 423, message: `密码错误次数过多，账号已锁定，请 ${minutes} 分钟后再试` };
  }
  if (!(await verifyPassword(password, user.password_hash))) {
    // Count atomically so parallel guesses on several hub processes all count.
    const row = await db
      .updateTable('users')
      .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
      .where('username', '=', username)
      .returning('failed_logins')
      .executeTakeFirst();
    if ((row?.failed_logins ?? 0) >= MAX_FAILED_LOGINS) {
      await db
        .updateTable('users')
        .set({ failed_logins: 0, locked_until: now + LOCK_MS })
        .where('username', '=', username)
        .execute();
      await audit(db, now, username, user.township, '账号锁定', `连续 ${MAX_FAILED_LOGINS} 次密码错误，锁定 5 分钟`);
      return { ok: false, status: 423, message: '密码错误次数过多，账号已锁定 5 分钟' };
    }
    return { ok: false, status: 401, message: '用户名或密码不正确' };
  }
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('username', '=', username).execute();
  const token = newToken();
  await db
    .insertInto('sessions')
    .values({ token_hash: tokenHash(token), username, created_at: now, expires_at: now + SESSION_MS })
    .execute();
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  await audit(db, now, username, user.township, '登录', '');
  return { ok: true, token, user: { username, displayName: user.display_name, role: user.role as Role, township: user.township } };
}

export async function sessionUser(db: HubDb, token: string | undefined, now = Date.now()): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.username', 'sessions.username')
    .select(['users.username', 'users.display_name', 'users.role', 'users.township', 'users.disabled'])
    .where('sessions.token_hash', '=', tokenHash(token))
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
  if (!row || row.disabled) return null;
  return {
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    township: row.role === 'township' ? row.township : null,
  };
}

export async function logout(db: HubDb, token: string | undefined): Promise<void> {
  if (token) await db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
}
