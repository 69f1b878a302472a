/**
 * Demo accounts for npm start: one 县级管理员 and one 乡镇管理员 (the first township), with
 * random passwords kept in a git-ignored file beside the SQLite database so they stay the same
 * from one start to the next. Only for demo content (county.yaml demo: true).
 */
import { randomInt } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Role } from '../../kiosk/src/uplink/api.ts';
import { upsertUser } from './accounts.ts';
import { type CatalogSnapshot, townships } from './catalog.ts';
import type { HubDb } from './db.ts';
import { verifyPassword } from './secrets.ts';

export interface DemoLogin {
  username: string;
  password: string;
  role: Role;
  township: string | null;
  label: string;
}

function randomPassword(): string {
  const a = 'abcdefghijkmnpqrstuvwxyz23456789';
  let s = '';
  for (let i = 0; i < 12; i++) s += a[randomInt(a.length)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

export async function ensureDemoLogins(db: HubDb, snap: CatalogSnapshot, file: string): Promise<DemoLogin[]> {
  if (!snap.county.demo) return [];
  let saved: Record<string, string> = {};
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    /* first start */
  }
  const first = townships(snap)[0];
  const wanted: Omit<DemoLogin, 'password'>[] = [
    { username: 'demo-county', role: 'county', township: null, label: `县级管理员（${snap.county.name}）` },
    ...(first
      ? [{ username: `demo-${first.code}`, role: 'township' as const, township: first.code, label: `乡镇管理员（${first.name}）` }]
      : []),
  ];
  const out: DemoLogin[] = [];
  for (const w of wanted) {
    const row = await db
      .selectFrom('users')
      .select(['password_hash', 'role', 'township'])
      .where('username', '=', w.username)
      .executeTakeFirst();
    let password = saved[w.username];
    const fine =
      row && password && row.role === w.role && row.township === w.township && (await verifyPassword(password, row.password_hash));
    if (!fine) {
      password = randomPassword();
      await upsertUser(db, { ...w, password, displayName: `示例-${w.label}` }, 'npm start');
    }
    saved[w.username] = password;
    out.push({ ...w, password });
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
  return out;
}
