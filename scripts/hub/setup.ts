/**
 * Hub settings, read once from the environment: DATABASE_URL (postgres://… = PostgreSQL, else
 * SQLite at HUB_SQLITE or .data/hub.sqlite), HUB_CONTENT (the published content folder, default
 * dist/content), BIANMIN_PUBLIC_KEY (base64; default .keys/dev.pub), HUB_CALENDAR, HUB_SECURE_COOKIE.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Calendars, loadCalendars } from './calendar.ts';
import { type Catalog, createCatalog } from './catalog.ts';
import { type OpenDb, openDb } from './db.ts';
import { migrateToLatest } from './migrations.ts';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

export interface HubSettings {
  database: string;
  contentDir: string;
  publicKeyBase64: string;
  secureCookies: boolean;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): HubSettings {
  const database = env.DATABASE_URL?.trim() || env.HUB_SQLITE?.trim() || join(REPO, '.data', 'hub.sqlite');
  let publicKeyBase64 = env.BIANMIN_PUBLIC_KEY?.trim() ?? '';
  if (!publicKeyBase64) {
    try {
      publicKeyBase64 = readFileSync(join(REPO, '.keys', 'dev.pub'), 'utf8').trim();
    } catch {
      throw new Error('没有发布公钥：请设置 BIANMIN_PUBLIC_KEY（生产公钥），或先运行 npm start / npm run publish-content 生成开发密钥');
    }
  }
  return {
    database,
    contentDir: env.HUB_CONTENT?.trim() || join(REPO, 'dist', 'content'),
    publicKeyBase64,
    secureCookies: env.HUB_SECURE_COOKIE === '1',
  };
}

export interface HubParts extends OpenDb {
  catalog: Catalog;
  calendars: Calendars;
  settings: HubSettings;
}

/** Opens and migrates the database, reads the calendar and prepares the catalog. */
export async function openHubParts(settings: HubSettings): Promise<HubParts> {
  const calendars = loadCalendars();
  const opened = openDb(settings.database);
  try {
    await migrateToLatest(opened.db, opened.dialect);
  } catch (err) {
    await opened.db.destroy();
    throw err;
  }
  return { ...opened, catalog: createCatalog(settings.contentDir, settings.publicKeyBase64), calendars, settings };
}
