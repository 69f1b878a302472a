/**
 * npm run hub [-- serve] [--port 8090] [--host 127.0.0.1]
 * npm run hub -- add-user --username NAME --role county|township [--township CODE] [--name 显示名] [--password-stdin]
 * npm run hub -- disable-user --username NAME   |   enable-user --username NAME   |   list-users
 * npm run hub -- seed-demo
 *
 * DATABASE_URL=postgres://… selects PostgreSQL; otherwise SQLite in .data/hub.sqlite.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { Role } from '../../kiosk/src/uplink/api.ts';
import { checkNewUser, listUsers, setUserDisabled, upsertUser } from './accounts.ts';
import { createHub, listen } from './app.ts';
import { townships } from './catalog.ts';
import { seedDemo } from './seed-demo.ts';
import { openHubParts, settingsFromEnv } from './setup.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Asks for a password on the terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const out = rl as unknown as { _writeToOutput: (s: string) => void };
    let asked = false;
    out._writeToOutput = (s: string) => {
      if (!asked) {
        process.stdout.write(s);
        asked = true;
      }
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

async function main(argv: string[]): Promise<number> {
  const command = argv[0] && !argv[0].startsWith('--') ? argv[0] : 'serve';
  const rest = command === argv[0] ? argv.slice(1) : argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      username: { type: 'string' },
      role: { type: 'string' },
      township: { type: 'string' },
      name: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
    strict: true,
  });
  if (!['serve', 'add-user', 'disable-user', 'enable-user', 'list-users', 'seed-demo'].includes(command)) {
    console.error(`未知命令 ${command}。可用：serve、add-user、disable-user、enable-user、list-users、seed-demo`);
    return 2;
  }
  const settings = settingsFromEnv();
  const parts = await openHubParts(settings);
  try {
    if (command === 'add-user') {
      if (!values.username || !values.role) {
        console.error('用法：npm run hub -- add-user --username 用户名 --role county|township [--township 乡镇编码] [--password-stdin]');
        return 2;
      }
      if (values.role !== 'county' && values.role !== 'township') {
        console.error('--role 应为 county（县级管理员）或 township（乡镇管理员）');
        return 2;
      }
      const snap = await parts.catalog.current();
      const user = {
        username: values.username,
        role: values.role as Role,
        township: values.township ?? null,
        displayName: values.name,
        password: '',
      };
      checkNewUser({ ...user, password: 'x'.repeat(10) }, new Set(townships(snap).map((t) => t.code)));
      if (values['password-stdin']) user.password = await readStdin();
      else {
        if (!process.stdin.isTTY) {
          console.error('不是终端：请用 --password-stdin 从标准输入传入密码');
          return 2;
        }
        user.password = await askHidden('密码（至少 10 个字符）：');
        if ((await askHidden('再输入一次：')) !== user.password) {
          console.error('两次输入的密码不一致，未保存。');
          return 1;
        }
      }
      checkNewUser(user, new Set(townships(snap).map((t) => t.code)));
      const r = await upsertUser(parts.db, user, 'cli');
      console.log(
        `${r === 'created' ? '已新增' : '已更新'}账号 ${user.username}（${user.role === 'county' ? '县级管理员' : `乡镇管理员，${snap.sites.get(user.township!)?.name}`}）。`,
      );
      return 0;
    }
    if (command === 'disable-user' || command === 'enable-user') {
      if (!values.username) {
        console.error(`用法：npm run hub -- ${command} --username 用户名`);
        return 2;
      }
      const ok = await setUserDisabled(parts.db, values.username, command === 'disable-user', 'cli');
      if (!ok) {
        console.error(`没有账号 ${values.username}`);
        return 1;
      }
      console.log(
        `${command === 'disable-user' ? '已停用' : '已启用'}账号 ${values.username}${command === 'disable-user' ? '，其登录已全部失效' : ''}。`,
      );
      return 0;
    }
    if (command === 'list-users') {
      const snap = await parts.catalog.current().catch(() => null);
      for (const u of await listUsers(parts.db)) {
        const role = u.role === 'county' ? '县级管理员' : `乡镇管理员（${snap?.sites.get(u.township ?? '')?.name ?? u.township}）`;
        console.log(`${u.username}\t${u.display_name}\t${role}${u.disabled ? '\t已停用' : ''}`);
      }
      return 0;
    }
    if (command === 'seed-demo') {
      const r = await seedDemo(parts.db, await parts.catalog.current(), parts.calendars);
      console.log(r.message);
      return 0;
    }
    const hub = createHub({ db: parts.db, catalog: parts.catalog, calendars: parts.calendars, secureCookies: settings.secureCookies });
    const port = Number(values.port ?? process.env.PORT ?? 8090);
    const running = await listen(hub, port, values.host ?? process.env.HOST ?? '127.0.0.1');
    const snap = await parts.catalog.current().catch(() => null);
    console.log(
      `县级管理平台接口已启动：${running.url}/api/（数据库 ${parts.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'} ${parts.label}）`,
    );
    if (!snap) console.log(`注意：${parts.catalog.problems()[0] ?? '已发布内容不可用'}`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await running.close();
    return 0;
  } finally {
    await parts.db.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`县级管理平台出错：${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
