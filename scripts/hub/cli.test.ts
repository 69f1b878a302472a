/** npm run hub -- add-user / seed-demo, as a user types them: Chinese answers, nothing stored on a refusal. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateSigningKeyPair, signingKeyFromPem } from '../publish/keys.ts';
import { publishContent } from '../publish/publish.ts';
import { verifyPassword } from './secrets.ts';
import { REPO } from './setup.ts';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 }); // each command starts tsx: slow on a busy machine

describe('hub CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-cli-'));
  const key = signingKeyFromPem(generateSigningKeyPair().privatePem);
  const env = {
    ...process.env,
    HUB_SQLITE: join(dir, 'hub.sqlite'),
    HUB_CONTENT: join(dir, 'content'),
    BIANMIN_PUBLIC_KEY: key.publicKeyBase64,
    DATABASE_URL: '',
  };
  const hub = (args: string[], input?: string) =>
    spawnSync(process.execPath, [join(REPO, 'node_modules/tsx/dist/cli.mjs'), join(REPO, 'scripts/hub/cli.ts'), ...args], {
      env,
      input,
      encoding: 'utf8',
    });
  beforeAll(async () => {
    const r = await publishContent({
      contentDir: join(REPO, 'content'),
      outDir: join(dir, 'content'),
      key,
      now: Date.parse('2026-11-25T01:00:00Z'),
    });
    expect(r.status).toBe('published');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds a township account with the password from stdin, hashed with scrypt', async () => {
    const r = hub(
      ['add-user', '--username', 'baihe-admin', '--role', 'township', '--township', 'baihe', '--password-stdin'],
      'a-long-password\n',
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('已新增账号 baihe-admin（乡镇管理员，白鹤镇便民服务中心）');
    const db = new Database(env.HUB_SQLITE, { readonly: true });
    const row = db.prepare('select role, township, password_hash from users where username = ?').get('baihe-admin') as {
      role: string;
      township: string;
      password_hash: string;
    };
    db.close();
    expect(row.role).toBe('township');
    expect(row.township).toBe('baihe');
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(await verifyPassword('a-long-password', row.password_hash)).toBe(true);
  });

  it('refuses an unknown township, a short password and a missing terminal, in Chinese', () => {
    const unknown = hub(
      ['add-user', '--username', 'x-admin', '--role', 'township', '--township', 'nowhere', '--password-stdin'],
      'a-long-password\n',
    );
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('没有编码为 nowhere 的乡镇');
    const short = hub(['add-user', '--username', 'x-admin', '--role', 'county', '--password-stdin'], 'short\n');
    expect(short.stderr).toContain('密码至少 10 个字符');
    const noTty = hub(['add-user', '--username', 'x-admin', '--role', 'county'], '');
    expect(noTty.stderr).toContain('--password-stdin');
    const db = new Database(env.HUB_SQLITE, { readonly: true });
    expect((db.prepare("select count(*) n from users where username = 'x-admin'").get() as { n: number }).n).toBe(0);
    db.close();
  });

  it('disables an account and lists accounts', () => {
    expect(hub(['disable-user', '--username', 'baihe-admin']).stdout).toContain('已停用账号 baihe-admin');
    expect(hub(['list-users']).stdout).toContain('baihe-admin\tbaihe-admin\t乡镇管理员（白鹤镇便民服务中心）\t已停用');
    expect(hub(['disable-user', '--username', 'nobody']).stderr).toContain('没有账号 nobody');
  });

  it('seeds the demo county once', () => {
    const first = hub(['seed-demo']);
    expect(first.stdout).toMatch(/已写入示例数据：\d+ 台设备，\d+ 条评价（近 90 天）/);
    const again = hub(['seed-demo']);
    expect(again.stdout).toContain('示例数据已存在');
    // The report's daily counts match the seeded ratings.
    const db = new Database(env.HUB_SQLITE, { readonly: true });
    const counted = db.prepare('select sum(n) n from rating_days').get() as { n: number };
    const stored = db.prepare('select count(*) n from ratings').get() as { n: number };
    db.close();
    expect(stored.n).toBeGreaterThan(500);
    expect(counted.n).toBe(stored.n);
  });
});
