/**
 * Reading a content file's bytes as text, refusing what an editor's tool can silently get
 * wrong: files that are not UTF-8 (GBK as Notepad's "ANSI" writes on a Chinese Windows,
 * UTF-16 with or without a byte-order mark) and control characters other than tab and line
 * breaks. A UTF-8 byte-order mark is accepted and dropped.
 */
import type { Problem } from './problems.ts';

export const NOT_UTF8 = '文件不是 UTF-8 编码 — 请另存为 UTF-8（记事本：“另存为”→ 编码选“UTF-8”；WPS：“另存为”→“工具”→“编码”选 UTF-8）';

/** 1-based line of byte offset `at`. */
function lineOfByte(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that is not valid UTF-8, or -1. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0 || i + n >= b.length) return i;
    for (let k = 1; k <= n; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

export function decodeContentFile(file: string, bytes: Uint8Array): { text?: string; problem?: Problem } {
  const refuse = (line: number, message: string) => ({ problem: { file, line, field: '', message } });
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return refuse(0, `${NOT_UTF8}（这个文件是 UTF-16 编码）`);
  }
  // UTF-16 without a byte-order mark: every other byte of ASCII text is zero.
  let zeros = 0;
  for (const b of bytes) if (b === 0) zeros++;
  if (bytes.length >= 2 && zeros * 4 >= bytes.length) return refuse(0, `${NOT_UTF8}（这个文件像是 UTF-16 编码）`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = Math.max(0, firstInvalidUtf8(bytes));
    return refuse(lineOfByte(bytes, at), `${NOT_UTF8}（从这一行起有不是 UTF-8 的字节，多半是 GBK/ANSI 编码）`);
  }
  return { text: text.replace(/^\uFEFF/, '') };
}

/** C0 control characters other than tab, line feed and carriage return; and DEL. */
export const CONTROL_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** "NUL", "ESC" or "U+0007" for the first control character of `s`. */
export function controlCharName(s: string): string {
  const c = CONTROL_CHAR.exec(s)?.[0] ?? '';
  const code = c.charCodeAt(0);
  const names: Record<number, string> = { 0: 'NUL', 0x1b: 'ESC', 0x7f: 'DEL', 8: 'BS', 0x0c: 'FF' };
  return names[code] ?? `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
