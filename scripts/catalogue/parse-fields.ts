/**
 * Parsers for single cells of the catalogue sheet. Each returns a value or a
 * Chinese error message (never throws).
 */
import {
  ITEM_LEVELS,
  ITEM_MODES,
  ITEM_TYPES,
  type ItemLevel,
  type ItemMode,
  type ItemType,
  type MaterialForm,
} from '../../kiosk/src/bundle/schema.ts';
import { chineseNumber, splitEntries, splitOutsideBrackets } from './split-list.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** Half-width brackets and letters, no white space: for comparing short codes/names. */
export function compact(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}

export function parseItemType(text: string): Parsed<ItemType> {
  const t = compact(text);
  const found = ITEM_TYPES.find((x) => x === t);
  return found ? ok(found) : fail(`事项类型「${text}」不在规定范围内，应为：${ITEM_TYPES.join('、')}`);
}

export function parseMode(text: string): Parsed<ItemMode> {
  const t = compact(text).replace(/件$/, '');
  const found = ITEM_MODES.find((x) => x.replace(/件$/, '') === t);
  return found ? ok(found) : fail(`办件类型「${text}」应为“即办件”或“承诺件”`);
}

export function parseLevel(text: string): Parsed<ItemLevel> {
  const t = compact(text).replace(/^乡镇(?:及|与|、|,|\/)村/, '乡镇和村');
  const found = ITEM_LEVELS.find((x) => x === t);
  return found ? ok(found) : fail(`办理层级「${text}」应为：${ITEM_LEVELS.join('、')}`);
}

export function parseYesNo(text: string): Parsed<boolean> {
  const t = compact(text);
  if (t === '是' || t === '收费') return ok(true);
  if (t === '否' || t === '不收费' || t === '免费') return ok(false);
  return fail(`是否收费「${text}」应为“是”或“否”`);
}

/**
 * Working days: `5`, `5个工作日`, `5工作日`, `五个工作日`, `5个工作日内`.
 * Returns undefined for an empty cell.
 */
export function parseWorkingDays(text: string, label: string): Parsed<number | undefined> {
  const t = compact(text);
  if (t === '') return ok(undefined);
  const m = /^(\d+|[一二三四五六七八九十]{1,3})(?:个)?(?:工作日)?(?:内|以内)?$/.exec(t);
  if (m) {
    const n = /^\d+$/.test(m[1]) ? Number(m[1]) : chineseNumber(m[1]);
    if (Number.isInteger(n) && n > 0) return ok(n);
    return fail(`${label}「${text}」应大于 0 个工作日`);
  }
  if (/^\d+(?:\.\d+)?$/.test(t)) return fail(`${label}「${text}」应为整数个工作日`);
  if (/^\d+(?:个)?(?:自然日|天|日)/.test(t)) {
    return fail(`${label}「${text}」请按工作日填写，例如“5个工作日”`);
  }
  return fail(`${label}「${text}」应为工作日数，例如 5 或“5个工作日”`);
}

/** Words in a cell meaning "nothing", e.g. 申请材料 = 无. */
export function isNone(text: string): boolean {
  return /^(?:无|无需|无需材料|无需提交材料|不需要|没有|\/|-|—)$/.test(compact(text));
}

export interface MaterialEntry {
  name: string;
  form: MaterialForm;
  /** The cell said the form (原件/复印件/…); otherwise it was guessed from the name. */
  formGiven: boolean;
  copies: number;
  copiesGiven: boolean;
  note?: string;
  optional?: boolean;
}

const FILLED_IN = /(?:申请书|申请表|登记表|审批表|审核表|呈报表|信息表|花名册|承诺书|授权书|声明书|声明|委托书|表)$/;

/** `户口簿（原件1份、复印件1份）` → name, form, copies, note. */
export function parseMaterial(text: string): Parsed<MaterialEntry> {
  let name = text.trim();
  let inside = '';
  // The last bracket group at the end of the entry holds form, copies and notes.
  const close = name.at(-1);
  if (close === '）' || close === ')') {
    let depth = 0;
    for (let i = name.length - 1; i >= 0; i--) {
      const ch = name[i];
      if (ch === '）' || ch === ')') depth++;
      else if (ch === '（' || ch === '(') {
        depth--;
        if (depth === 0) {
          inside = name.slice(i + 1, -1).trim();
          name = name.slice(0, i).trim();
          break;
        }
      }
    }
  }
  let original = false;
  let copy = false;
  let electronic = false;
  let fill = false;
  let copies: number | undefined;
  let optional: boolean | undefined;
  const notes: string[] = [];
  const count = (s: string | undefined) => (s ? (/^\d+$/.test(s) ? Number(s) : chineseNumber(s)) : undefined);
  const N = '(\\d+|[一二三四五六七八九十]{1,3})';
  const both = new RegExp(`^(?:需)?(?:提供|提交|携带)?原件(?:和|及|与|、|,)?复印件(?:各)?(?:${N}份)?$`);
  const orig = new RegExp(`^(?:需)?(?:提供|提交|携带|查验|验)?原件(?:各)?(?:${N}份)?(?:备查|查验)?$`);
  const cpy = new RegExp(`^(?:需)?(?:提供|提交)?复印件(?:各)?(?:${N}份)?$`);
  const only = new RegExp(`^(?:各)?${N}份$`);
  const tokens = inside ? splitOutsideBrackets(inside, '、，,；;') : [];
  // Forms written straight after the name without brackets: 身份证复印件1份
  const tail = new RegExp(`^(.+?)(原件(?:和|及|与)复印件|原件|复印件)(?:各)?(?:${N}份)?$`).exec(name);
  if (tail && !inside) {
    name = tail[1].trim();
    tokens.push(tail[0].slice(tail[1].length));
  }
  for (const raw of tokens) {
    const t = compact(raw);
    if (!t) continue;
    let m: RegExpExecArray | null;
    if ((m = both.exec(t))) {
      original = copy = true;
      copies = count(m[1]) ?? copies;
    } else if ((m = orig.exec(t))) {
      original = true;
      if (m[1] && !copy) copies = count(m[1]);
    } else if ((m = cpy.exec(t))) {
      copy = true;
      if (m[1]) copies = count(m[1]);
    } else if ((m = only.exec(t))) {
      copies = count(m[1]);
    } else if (/^(?:电子版|电子文档|电子件|扫描件)$/.test(t)) {
      electronic = true;
    } else if (/^(?:现场|当场|窗口)?(?:填写|填报|填表)$/.test(t)) {
      fill = true;
    } else if (/^(?:可选|选交|选填|选报|非必需|非必须|非必要|如有|有则提供|如有则提供)$/.test(t)) {
      // The kiosk shows optional materials as 视情况提供; a bare 如有 adds nothing to that.
      optional = true;
    } else if (t.startsWith('如有')) {
      optional = true;
      notes.push(raw.trim());
    } else {
      notes.push(raw.trim());
    }
  }
  if (!name) return fail(`申请材料「${text}」缺少材料名称`);
  if (copies !== undefined && !(Number.isInteger(copies) && copies > 0)) {
    return fail(`申请材料「${text}」的份数应为正整数`);
  }
  let form: MaterialForm;
  const formGiven = original || copy || electronic || fill;
  if (original && copy) form = '原件和复印件';
  else if (original) form = '原件';
  else if (copy) form = '复印件';
  else if (electronic) form = '电子版';
  else if (fill) form = '填写';
  else form = FILLED_IN.test(name) ? '填写' : '原件';
  const entry: MaterialEntry = { name, form, formGiven, copies: copies ?? 1, copiesGiven: copies !== undefined };
  if (notes.length) entry.note = notes.join('，');
  if (optional) entry.optional = true;
  return ok(entry);
}

export type StepEntry = string | { title: string; detail: string };

/** `受理：材料齐全的当场受理` → { title, detail }; a plain line stays a string. */
export function parseStep(text: string): StepEntry {
  const m = /^([^：:，,。；;]{1,12})[：:]\s*(.+)$/su.exec(text.trim());
  if (m && m[2].trim()) return { title: m[1].trim(), detail: m[2].trim() };
  return text.trim();
}

export function parseSteps(text: string): StepEntry[] {
  return splitEntries(text, { semicolons: false }).map(parseStep);
}

export function parseMaterials(text: string): Parsed<MaterialEntry[]> {
  if (isNone(text)) return ok([]);
  const out: MaterialEntry[] = [];
  const errors: string[] = [];
  for (const entry of splitEntries(text, { semicolons: true })) {
    const m = parseMaterial(entry);
    if (m.ok) out.push(m.value);
    else errors.push(m.message);
  }
  if (errors.length) return fail(errors.join('；'));
  // 身份证（申请人）/ 身份证（配偶）: same name, told apart by the note — keep the note in the name.
  const count = new Map<string, number>();
  for (const m of out) count.set(m.name, (count.get(m.name) ?? 0) + 1);
  for (const m of out) {
    if ((count.get(m.name) ?? 0) > 1 && m.note) {
      m.name = `${m.name}（${m.note}）`;
      delete m.note;
    }
  }
  const seen = new Set<string>();
  for (const m of out) {
    if (seen.has(m.name)) return fail(`申请材料「${m.name}」重复`);
    seen.add(m.name);
  }
  return ok(out);
}
