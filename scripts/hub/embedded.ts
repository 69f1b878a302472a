/** The hub inside npm start: same origin as the kiosk, demo data and demo logins, printed. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { createHub } from './app.ts';
import { type DemoLogin, ensureDemoLogins } from './demo-logins.ts';
import { seedDemo } from './seed-demo.ts';
import { openHubParts, REPO, settingsFromEnv } from './setup.ts';

export interface EmbeddedHub {
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  describe(base: string): string[];
  close(): Promise<void>;
}

export async function startEmbeddedHub(): Promise<EmbeddedHub> {
  const settings = settingsFromEnv();
  const parts = await openHubParts(settings);
  const snap = await parts.catalog.current();
  const seeded = await seedDemo(parts.db, snap, parts.calendars);
  const logins: DemoLogin[] = await ensureDemoLogins(parts.db, snap, join(REPO, '.data', 'demo-logins.json'));
  const hub = createHub({ db: parts.db, catalog: parts.catalog, calendars: parts.calendars, secureCookies: settings.secureCookies });
  return {
    handler: hub.nodeHandler,
    describe: (base) => [
      `县级管理平台（好差评、设备状态、公示留痕）：${base}/admin/`,
      `  数据库：${parts.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'} ${parts.label}；${seeded.message}`,
      ...logins.map((l) => `  示例账号 ${l.label}：用户名 ${l.username}  密码 ${l.password}`),
      '  正式账号：npm run hub -- add-user --username 用户名 --role county|township [--township 乡镇编码]',
    ],
    close: () => parts.db.destroy(),
  };
}
