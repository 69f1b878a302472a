/**
 * npm run generate-content -- --out DIR [--sites N] [--items N] [--announcements N] [--documents N] [--seed N]
 *
 * Writes a deterministic content tree in the real content format for benchmarks and tests
 * (scripts/bench/generate-content.ts). Same options ⇒ byte-identical files.
 */
import { parseArgs } from 'node:util';
import { generateContent, OutputNotEmpty, writeContentTree } from './bench/generate-content.ts';
import { userPath } from './user-path.ts';

const HELP = `用法：npm run generate-content -- --out 输出文件夹 [--sites 500] [--items 3000] [--announcements 2000] [--documents N] [--seed 1]

  --out DIR           输出文件夹（必须为空，或是本程序以前生成的内容）
  --sites N           站点总数：每 12 个站点一个乡镇便民服务中心和 11 个村(社区)代办站，默认 36
  --items N           服务事项数，默认 300（10% 全县通办，其余在 1—3 个乡镇办理）
  --announcements N   公告数，默认 100
  --documents N       政府信息文件数，默认为公告数的十分之一
  --seed N            随机种子，默认 1；同样的参数生成完全相同的文件`;

function positiveInt(name: string, v: string | undefined, dflt: number, min = 0): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} 应为不小于 ${min} 的整数，而不是「${v}」`);
  return n;
}

function main(): number {
  let values;
  try {
    values = parseArgs({
      options: {
        out: { type: 'string' },
        sites: { type: 'string' },
        items: { type: 'string' },
        announcements: { type: 'string' },
        documents: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    console.error(`参数错误：${err instanceof Error ? err.message : String(err)}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (!values.out) {
    console.error(`缺少 --out 输出文件夹\n\n${HELP}`);
    return 2;
  }
  try {
    const opts = {
      sites: positiveInt('sites', values.sites, 36, 1),
      items: positiveInt('items', values.items, 300),
      announcements: positiveInt('announcements', values.announcements, 100),
      documents: values.documents === undefined ? undefined : positiveInt('documents', values.documents, 0),
      seed: positiveInt('seed', values.seed, 1),
    };
    const tree = generateContent(opts);
    const out = userPath(values.out);
    writeContentTree(out, tree, JSON.stringify(opts));
    const c = tree.counts;
    console.log(
      `已生成 ${out}：${c.townships} 个乡镇、${c.villages} 个村(社区)代办站、${c.items} 个事项（${c.itemsEverywhere} 个全县通办）、${c.announcements} 条公告、${c.documents} 份文件、${c.staff} 名工作人员、${c.photos} 张照片`,
    );
    return 0;
  } catch (err) {
    if (err instanceof OutputNotEmpty || (err instanceof Error && err.message.startsWith('--'))) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
}

process.exitCode = main();
