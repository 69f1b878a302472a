/** The publisher's Chinese report: problems, summary and changes since the previous publish. */
import { formatProblem, type Problem } from '../content/problems.ts';
import type { ChangeSet } from './diff.ts';
import type { PublishResult, PublishStats } from './publish.ts';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} 字节`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(2)} MB`;
}

export function formatProblems(problems: Problem[]): string {
  return [`内容有 ${problems.length} 个问题，未发布（输出文件夹没有任何改动）：`, ...problems.map((p) => `  ${formatProblem(p)}`)].join(
    '\n',
  );
}

function statsLine(s: PublishStats): string {
  return (
    `站点 ${s.sites} 个（乡镇便民服务中心 ${s.townships} 个，村(社区)代办站 ${s.villages} 个），` +
    `事项 ${s.items} 项，公告 ${s.announcements} 条，政府信息 ${s.documents} 份，图片 ${s.assets} 张，` +
    `共 ${formatBytes(s.bytes)}`
  );
}

function changeLines(label: string, set: ChangeSet): string[] {
  const total = set.added.length + set.changed.length + set.removed.length;
  if (total === 0) return [`  ${label}：无变化`];
  const list = (xs: { id: string; name: string }[]) => {
    const shown = xs.slice(0, 10).map((x) => `${x.id} ${x.name}`);
    return shown.join('；') + (xs.length > 10 ? `；等 ${xs.length} 项` : '');
  };
  const lines = [`  ${label}：新增 ${set.added.length}，修改 ${set.changed.length}，删除 ${set.removed.length}`];
  if (set.added.length) lines.push(`    新增：${list(set.added)}`);
  if (set.changed.length) lines.push(`    修改：${list(set.changed)}`);
  if (set.removed.length) lines.push(`    删除：${list(set.removed)}`);
  return lines;
}

export function formatResult(result: PublishResult, outDir: string): string {
  if (result.status === 'invalid') return formatProblems(result.problems);
  if (result.status === 'unchanged') {
    const lines = [
      `内容没有变化：仍为版本 ${result.payload.version}（${result.payload.publishedAt} 发布），manifest.json 未改动。`,
      `  ${statsLine(result.stats)}`,
    ];
    if (result.repaired.length) lines.push(`  已补回缺失的文件 ${result.repaired.length} 个：${result.repaired.join('、')}`);
    return lines.join('\n');
  }
  const p = result.payload;
  const lines = [
    `已发布内容版本 ${p.version}（${p.publishedAt}）到 ${outDir}`,
    `  ${statsLine(result.stats)}`,
    `  写入文件 ${result.written.length} 个，清理旧文件 ${result.removed.length} 个`,
  ];
  if (result.previousVersion === undefined) {
    lines.push('首次发布。');
  } else {
    lines.push(`与上次发布（版本 ${result.previousVersion}）相比：`);
    lines.push(...changeLines('站点', result.diff.sites));
    lines.push(...changeLines('事项', result.diff.items));
    lines.push(...changeLines('公告', result.diff.announcements));
    lines.push(...changeLines('政府信息', result.diff.documents));
  }
  return lines.join('\n');
}
