/**
 * What a Markdown body must not contain before anyone lexes it: an image pasted as a `data:`
 * URL (megabytes of base64 that overflow the Markdown lexer's stack and flood the console),
 * a single enormous line, a body too big for a notice, control characters. The problem names
 * the line and never echoes the offending text.
 */
import { CONTROL_CHAR, controlCharName } from './read-text.ts';

export const MAX_BODY_CHARS = 200_000;
export const MAX_LINE_CHARS = 10_000;
const DATA_URL = /(?:\]\(\s*<?|src\s*=\s*["']?|^|\s)data:[a-z-]+\/[a-z0-9.+-]+[;,]/im;

/** The first reason to refuse `body`, with its line (1-based within the body), or undefined. */
export function markdownRefusal(body: string): { line: number; message: string } | undefined {
  const lines = body.split('\n');
  const lineOfIndex = (i: number) => body.slice(0, i).split('\n').length;
  const data = DATA_URL.exec(body);
  if (data) {
    return {
      line: lineOfIndex(data.index + data[0].indexOf('data:')),
      message:
        '正文中直接粘贴了图片数据（data: 开头的一长串字符）：请把图片存成 jpg/png 文件放进内容文件夹，在正文里用 ![说明](文件名) 引用',
    };
  }
  const long = lines.findIndex((l) => l.length > MAX_LINE_CHARS);
  if (long >= 0)
    return { line: long + 1, message: `这一行有 ${lines[long].length} 个字符，太长了（最多 ${MAX_LINE_CHARS} 个）：请分成几段` };
  if (body.length > MAX_BODY_CHARS)
    return { line: 1, message: `正文有 ${body.length} 个字符，太长了（最多 ${MAX_BODY_CHARS} 个）：请精简或分成几条` };
  const ctl = lines.findIndex((l) => CONTROL_CHAR.test(l));
  if (ctl >= 0) {
    return {
      line: ctl + 1,
      message: `正文中有看不见的控制字符（${controlCharName(lines[ctl])}），多半是从别的软件复制时带进来的：请删掉这一行重新输入`,
    };
  }
  return undefined;
}
