/** Rules for announcements/*.md and documents/*.md. */
import { isValidDate, parseDateTime } from './dates.ts';
import { baseName } from './load-content.ts';
import { markdownImageRefs, resolveContentRef } from './markdown-refs.ts';
import { CODE_PATTERN, isStr, rec, type ValidationContext } from './validation-context.ts';
import type { MarkdownSource } from './yaml-source.ts';

export const IMAGE_EXT = /\.(jpe?g|png|webp|gif|svg)$/i;

function checkCommon(ctx: ValidationContext, src: MarkdownSource, ids: Set<string>, what: string): void {
  const d = rec(src.data);
  if (isStr(d.id)) {
    if (d.id !== baseName(src.file)) ctx.report(src, ['id'], `${what}编号「${d.id}」必须与文件名「${baseName(src.file)}」一致`);
    if (!CODE_PATTERN.test(d.id)) ctx.report(src, ['id'], `${what}编号「${d.id}」只能使用字母、数字、- 和 _`);
    if (ids.has(d.id)) ctx.report(src, ['id'], `${what}编号「${d.id}」重复`);
    ids.add(d.id);
  }
  if (Array.isArray(d.sites)) {
    d.sites.forEach((code, i) => {
      if (isStr(code) && !ctx.sites.has(code)) {
        ctx.report(src, ['sites', i], `站点「${code}」不存在（应为 sites/ 中的站点编码，或写 all）`);
      }
    });
  }
  if (src.body.trim() === '') {
    ctx.problems.push({ file: src.file, line: src.bodyLine, field: 'body', message: `${what}正文为空：请在第二个 --- 之后写正文` });
  }
  const lines = src.body.split('\n');
  for (const ref of markdownImageRefs(src.body)) {
    const idx = lines.findIndex((l) => l.includes(ref));
    const line = src.bodyLine + Math.max(0, idx);
    const rel = resolveContentRef(src.file, ref);
    if (rel === undefined) {
      ctx.problems.push({
        file: src.file,
        line,
        field: 'body',
        message: `图片「${ref}」必须是内容文件夹中的文件（查询机离线时也要能显示），不能是网址`,
      });
    } else if (!IMAGE_EXT.test(rel)) {
      ctx.problems.push({ file: src.file, line, field: 'body', message: `「${ref}」不是图片（jpg、png、webp、gif、svg）` });
    } else if (!ctx.content.files.has(rel)) {
      ctx.problems.push({ file: src.file, line, field: 'body', message: `图片文件 ${rel} 不存在` });
    }
  }
}

export function checkAnnouncements(ctx: ValidationContext): void {
  const ids = new Set<string>();
  for (const src of ctx.content.announcements) {
    checkCommon(ctx, src, ids, '公告');
    const a = rec(src.data);
    const publish = typeof a.publishAt === 'string' ? parseDateTime(a.publishAt, ctx.timeZone) : undefined;
    if (typeof a.publishAt === 'string' && !publish) {
      ctx.report(src, ['publishAt'], `发布时间「${a.publishAt}」不对，应为 2026-11-01 08:00 这样的日期时间`);
    }
    if (typeof a.expireAt === 'string') {
      const expire = parseDateTime(a.expireAt, ctx.timeZone);
      if (!expire) {
        ctx.report(src, ['expireAt'], `截止时间「${a.expireAt}」不对，应为 2026-12-31 18:00 这样的日期时间`);
      } else if (publish && expireMs(expire) <= publish.epochMs) {
        ctx.report(src, ['expireAt'], `截止时间 ${a.expireAt} 必须晚于发布时间 ${String(a.publishAt)}`);
      }
    }
  }
}

/** A date-only expiry means "through the end of that day". */
export function expireMs(p: { epochMs: number; dateOnly: boolean }): number {
  return p.dateOnly ? p.epochMs + 24 * 60 * 60 * 1000 : p.epochMs;
}

export function checkDocuments(ctx: ValidationContext): void {
  const ids = new Set<string>();
  for (const src of ctx.content.documents) {
    checkCommon(ctx, src, ids, '文件');
    const d = rec(src.data);
    if (typeof d.date === 'string' && !isValidDate(d.date)) {
      ctx.report(src, ['date'], `成文日期「${d.date}」不对，应为 2018-05-14 这样的日期`);
    }
  }
}
