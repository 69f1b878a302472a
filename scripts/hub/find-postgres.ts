/**
 * PostgreSQL for the hub tests (used by scripts/test.ts): TEST_DATABASE_URL, else a server on
 * 127.0.0.1:5432 (trust auth, database `test`), else — as root on Debian — installs `postgresql`
 * with apt-get if needed and starts a throw-away cluster (initdb as the postgres user in a temp
 * folder, its own port), stopped and removed by `stop()`. Otherwise null (the caller stops and
 * says in Chinese what to install).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DEFAULT_TEST_PG } from './test-support.ts';

export interface FoundPostgres {
  url: string;
  how: string;
  stop(): void;
}

async function answers(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

function pgBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], 'bin') : null;
}

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

export async function findPostgres(log: (s: string) => void = console.log): Promise<FoundPostgres | null> {
  const none = () => {};
  if (process.env.TEST_DATABASE_URL) {
    if (await answers(process.env.TEST_DATABASE_URL)) return { url: process.env.TEST_DATABASE_URL, how: 'TEST_DATABASE_URL', stop: none };
    log(`TEST_DATABASE_URL（${process.env.TEST_DATABASE_URL}）无法连接。`);
    return null;
  }
  if (await answers(DEFAULT_TEST_PG)) return { url: DEFAULT_TEST_PG, how: '本机 127.0.0.1:5432', stop: none };
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !hasCommand('apt-get')) return null;
  return startThrowawayCluster(log);
}

/** Root on Debian: installs postgresql when missing, initdb + pg_ctl start as the postgres user. */
export async function startThrowawayCluster(log: (s: string) => void = console.log): Promise<FoundPostgres | null> {
  let bin = pgBin();
  if (!bin) {
    log('安装 postgresql（apt-get）…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], { stdio: 'inherit', env });
    bin = pgBin();
    if (!bin) return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'hub-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = 15432 + Math.floor(Math.random() * 2000);
  const asPostgres = (args: string[]) =>
    execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', args.map((a) => `'${a}'`).join(' ')], { stdio: 'pipe' });
  try {
    asPostgres([join(bin, 'initdb'), '-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8']);
    asPostgres([
      join(bin, 'pg_ctl'),
      '-D',
      data,
      '-w',
      '-l',
      join(dir, 'log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  } catch (err) {
    log(`无法启动临时 PostgreSQL：${err instanceof Error ? err.message : String(err)}`);
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    how: `临时集群 ${data}（端口 ${port}）`,
    stop: () => {
      try {
        asPostgres([join(bin, 'pg_ctl'), '-D', data, '-m', 'fast', 'stop']);
      } catch {
        /* already gone */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
