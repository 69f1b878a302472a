/**
 * Versioned schema migrations, in code, one schema for SQLite and PostgreSQL. Kysely's Migrator
 * records what ran in kysely_migration and takes a lock (PostgreSQL: an advisory lock), so
 * several hub processes may start at once. Never edit a released migration: add the next one.
 */
import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import type { DialectName, HubDb } from './db.ts';

function migrations(dialect: DialectName): Record<string, Migration> {
  // The one place the dialects differ: an auto-increment integer key.
  const serial = (db: Kysely<unknown>, table: string) =>
    db.schema
      .createTable(table)
      .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) =>
        dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
      );
  return {
    '0001_initial': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('users')
          .addColumn('username', 'text', (c) => c.primaryKey())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('township', 'text')
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('locked_until', 'bigint')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema
          .createTable('sessions')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('enrolments')
          .addColumn('code_hash', 'text', (c) => c.primaryKey())
          .addColumn('site_code', 'text', (c) => c.notNull())
          .addColumn('township', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .addColumn('used_at', 'bigint')
          .addColumn('device_id', 'text')
          .execute();
        await db.schema
          .createTable('devices')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('site_code', 'text', (c) => c.notNull())
          .addColumn('township', 'text', (c) => c.notNull())
          .addColumn('mode', 'text', (c) => c.notNull())
          .addColumn('enrolled_at', 'bigint', (c) => c.notNull())
          .addColumn('revoked_at', 'bigint')
          .addColumn('last_seen_at', 'bigint')
          .addColumn('heartbeat_seconds', 'integer', (c) => c.notNull())
          .addColumn('app_build', 'text')
          .addColumn('content_version', 'integer')
          .addColumn('last_check_ok', 'integer')
          .addColumn('last_error', 'text')
          .addColumn('on_screen', 'text')
          .addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]'))
          .addColumn('status_json', 'text')
          .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema.createIndex('devices_township').on('devices').columns(['township', 'site_code']).execute();
        await db.schema
          .createTable('heartbeats')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('received_at', 'bigint', (c) => c.notNull())
          .addColumn('content_version', 'integer')
          .addColumn('ok', 'integer', (c) => c.notNull())
          .addColumn('payload', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('heartbeats_device_at').on('heartbeats').columns(['device_id', 'at']).execute();
        await db.schema
          .createTable('commands')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('issued_at', 'bigint', (c) => c.notNull())
          .addColumn('issued_by', 'text', (c) => c.notNull())
          .addColumn('delivered_at', 'bigint')
          .addColumn('done_at', 'bigint')
          .execute();
        await db.schema.createIndex('commands_device').on('commands').columns(['device_id', 'done_at']).execute();
        await db.schema
          .createTable('ratings')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('site_code', 'text', (c) => c.notNull())
          .addColumn('township', 'text', (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('day', 'text', (c) => c.notNull())
          .addColumn('month', 'text', (c) => c.notNull())
          .addColumn('received_at', 'bigint', (c) => c.notNull())
          .addColumn('level', 'integer', (c) => c.notNull())
          .addColumn('target_kind', 'text', (c) => c.notNull())
          .addColumn('target_id', 'text')
          .addColumn('target_name', 'text')
          .addColumn('reasons', 'text', (c) => c.notNull())
          .addColumn('comment', 'text')
          .addColumn('content_version', 'integer')
          .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema.createIndex('ratings_day').on('ratings').columns(['day', 'level']).execute();
        await db.schema.createIndex('ratings_township_day').on('ratings').columns(['township', 'day']).execute();
        await db.schema.createIndex('ratings_site_day').on('ratings').columns(['site_code', 'day']).execute();
        await db.schema
          .createTable('rating_reasons')
          .addColumn('rating_id', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('rating_reasons_pk', ['rating_id', 'reason'])
          .execute();
        await db.schema
          .createTable('callback_phones')
          .addColumn('rating_id', 'text', (c) => c.primaryKey())
          .addColumn('township', 'text', (c) => c.notNull())
          .addColumn('phone', 'text', (c) => c.notNull())
          .execute();
        await serial(db, 'cases')
          .addColumn('rating_id', 'text', (c) => c.notNull().unique())
          .addColumn('site_code', 'text', (c) => c.notNull())
          .addColumn('township', 'text', (c) => c.notNull())
          .addColumn('level', 'integer', (c) => c.notNull())
          .addColumn('opened_at', 'bigint', (c) => c.notNull())
          .addColumn('due_date', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('closed_at', 'bigint')
          .addColumn('closed_day', 'text')
          .addColumn('called_back', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('has_phone', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema.createIndex('cases_township_state').on('cases').columns(['township', 'state']).execute();
        await serial(db, 'case_notes')
          .addColumn('case_id', 'integer', (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('state', 'text')
          .execute();
        await db.schema.createIndex('case_notes_case').on('case_notes').column('case_id').execute();
        await db.schema
          .createTable('play_log')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('device_id', 'text', (c) => c.notNull())
          .addColumn('site_code', 'text', (c) => c.notNull())
          .addColumn('township', 'text', (c) => c.notNull())
          .addColumn('slide', 'text', (c) => c.notNull())
          .addColumn('announcement_id', 'text')
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('from_at', 'bigint', (c) => c.notNull())
          .addColumn('to_at', 'bigint', (c) => c.notNull())
          .addColumn('day', 'text', (c) => c.notNull())
          .addColumn('content_version', 'integer', (c) => c.notNull())
          .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema.createIndex('play_log_announcement').on('play_log').columns(['announcement_id', 'site_code']).execute();
        await serial(db, 'audit')
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('township', 'text')
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('detail', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('audit_at').on('audit').column('at').execute();
      },
      async down(db: Kysely<unknown>) {
        for (const t of [
          'audit',
          'play_log',
          'case_notes',
          'cases',
          'callback_phones',
          'rating_reasons',
          'ratings',
          'commands',
          'heartbeats',
          'devices',
          'enrolments',
          'sessions',
          'users',
        ]) {
          await db.schema.dropTable(t).ifExists().execute();
        }
      },
    },
    '0002_device_heartbeat_at': {
      // The device clock of the newest heartbeat applied to the device row: a heartbeat replayed
      // late from a kiosk's offline queue must not overwrite newer state.
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('devices').addColumn('last_heartbeat_at', 'bigint').execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.alterTable('devices').dropColumn('last_heartbeat_at').execute();
      },
    },
    '0003_ratings_report_index': {
      // Covers the 满意率 report's one pass (date range, township/site filter → month, township, level).
      async up(db: Kysely<unknown>) {
        await db.schema
          .createIndex('ratings_report')
          .on('ratings')
          .columns(['day', 'township', 'site_code', 'month', 'level', 'demo'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropIndex('ratings_report').execute();
      },
    },
    '0004_report_speed': {
      // 满意率 report over a million ratings: the reasons ranking reads rating_reasons alone (the
      // rating's filter columns copied in), and a township's report has its own covering index.
      async up(db: Kysely<unknown>) {
        for (const col of ['day', 'township', 'site_code', 'target_kind', 'target_id']) {
          await db.schema.alterTable('rating_reasons').addColumn(col, 'text').execute();
          await sql`update rating_reasons set ${sql.ref(col)} = (select ${sql.ref(`ratings.${col}`)} from ratings where ratings.id = rating_reasons.rating_id)`.execute(
            db,
          );
        }
        await db.schema.createIndex('rating_reasons_day').on('rating_reasons').columns(['day', 'township', 'reason']).execute();
        await db.schema
          .createIndex('ratings_report_township')
          .on('ratings')
          .columns(['township', 'day', 'site_code', 'month', 'level', 'demo'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropIndex('ratings_report_township').execute();
        await db.schema.dropIndex('rating_reasons_day').execute();
        for (const col of ['target_id', 'target_kind', 'site_code', 'township', 'day']) {
          await db.schema.alterTable('rating_reasons').dropColumn(col).execute();
        }
      },
    },
    '0005_rating_days': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('rating_days')
          .addColumn('day', 'text', (c) => c.notNull())
          .addColumn('month', 'text', (c) => c.notNull())
          .addColumn('township', 'text', (c) => c.notNull())
          .addColumn('site_code', 'text', (c) => c.notNull())
          .addColumn('target_kind', 'text', (c) => c.notNull())
          .addColumn('level', 'integer', (c) => c.notNull())
          .addColumn('demo', 'integer', (c) => c.notNull())
          .addColumn('n', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('rating_days_pk', ['day', 'site_code', 'target_kind', 'level', 'demo'])
          .execute();
        await db.schema.createIndex('rating_days_township').on('rating_days').columns(['township', 'day']).execute();
        await rebuildRatingDays(db as unknown as HubDb);
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('rating_days').execute();
      },
    },
    '0006_ratings_target_index': {
      // Reports for one window / staff member / item read the ratings of that target only.
      async up(db: Kysely<unknown>) {
        await db.schema.createIndex('ratings_target').on('ratings').columns(['target_kind', 'target_id', 'day']).execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropIndex('ratings_target').execute();
      },
    },
  };
}

/** Recounts rating_days from the ratings (after bulk loads: demo seeding, benches, migration). */
export async function rebuildRatingDays(db: HubDb): Promise<void> {
  // Migrations on PostgreSQL already run inside a transaction.
  const inTransaction = (work: (trx: HubDb) => Promise<void>) => (db.isTransaction ? work(db) : db.transaction().execute(work));
  await inTransaction(async (trx) => {
    await trx.deleteFrom('rating_days').execute();
    await trx
      .insertInto('rating_days')
      .columns(['day', 'month', 'township', 'site_code', 'target_kind', 'level', 'demo', 'n'])
      .expression(
        trx
          .selectFrom('ratings')
          .select(['day', 'month', 'township', 'site_code', 'target_kind', 'level', 'demo', sql<number>`count(*)`.as('n')])
          .groupBy(['day', 'month', 'township', 'site_code', 'target_kind', 'level', 'demo']),
      )
      .execute();
  });
}

/** Brings the schema to the latest version; throws (in Chinese) when a migration fails. */
export async function migrateToLatest(db: HubDb, dialect: DialectName): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations(dialect) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
    throw new Error(`数据库结构升级失败（${failed}）：${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Quick liveness query (same SQL on both databases). */
export async function ping(db: HubDb): Promise<void> {
  await sql`select 1`.execute(db);
}
