/**
 * Writing item files (items/<department>/<code>.yaml) with the `yaml`
 * Document API, so that a re-import changes only what the sheet says:
 * key order, comments, flow/block style and hand-written fields (material
 * notes, step details, FAQ …) of an existing file are kept.
 *
 * A patch names only the fields the sheet has columns for; `null` removes a
 * field (e.g. promiseDays of a 即办件).
 */
import { Document, isMap, isScalar, isSeq, Pair, parseDocument, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import type { ItemLevel, ItemMode, ItemType, MaterialForm } from '../../kiosk/src/bundle/schema.ts';
import type { MaterialEntry, StepEntry } from './parse-fields.ts';

export interface FeePatch {
  charged: boolean;
  basis?: string | null;
  standard?: string | null;
}

export interface ItemPatch {
  code: string;
  name?: string;
  type?: ItemType;
  department?: string;
  subject?: string;
  basis?: string[];
  conditions?: string[];
  materials?: MaterialEntry[];
  steps?: StepEntry[];
  mode?: ItemMode;
  promiseDays?: number | null;
  legalDays?: number | null;
  result?: string;
  fee?: FeePatch;
  supervision?: string | null;
  phone?: string | null;
  level?: ItemLevel;
  sites?: 'all' | string[];
  keywords?: string[] | null;
}

/** Key order of a new item file, and where a key added to an existing file goes. */
export const ITEM_KEY_ORDER = [
  'code',
  'name',
  'type',
  'department',
  'subject',
  'basis',
  'conditions',
  'materials',
  'steps',
  'mode',
  'promiseDays',
  'legalDays',
  'result',
  'fee',
  'supervision',
  'phone',
  'level',
  'sites',
  'keywords',
  'faq',
  'visits',
  'popularity',
] as const;
const MATERIAL_KEY_ORDER = ['name', 'form', 'copies', 'note', 'optional'];
const STEP_KEY_ORDER = ['title', 'detail', 'actor', 'days'];
const FEE_KEY_ORDER = ['charged', 'basis', 'standard'];

export const NEW_ITEM_COMMENT =
  ' 事项文件：一个事项一个文件，文件名 = 事项编码。由目录清单导入（npm run import-catalogue）。\n' +
  ' 表格中没有的字段（材料说明 note、步骤的 actor/days、常见问题 faq 等）可以在这里补充，重新导入时保留。';

export const STRINGIFY_OPTIONS = { lineWidth: 0, minContentWidth: 0 } as const;

type Plain = string | number | boolean;

function keyOf(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : typeof pair.key === 'string' ? pair.key : undefined;
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => keyOf(p) === key) as Pair | undefined;
}

/** Insert `key` at its place in `order` (after the last present key that comes before it). */
function insertPair(map: YAMLMap, key: string, value: Node, order: readonly string[]): void {
  const rank = order.indexOf(key);
  let at = map.items.length;
  if (rank >= 0) {
    at = 0;
    map.items.forEach((p, i) => {
      const r = order.indexOf(keyOf(p as Pair) ?? '');
      if (r >= 0 && r < rank) at = i + 1;
    });
    // Keys unknown to `order` that sit right after the found place stay before the new key
    // only if they already came after a lower-ranked key; simple insertion is enough here.
  }
  map.items.splice(at, 0, new Pair(new Scalar(key), value));
}

function scalar(value: Plain): Scalar {
  return new Scalar(value);
}

/** Set a plain value, keeping the existing node (and its comments) when it is equal. */
function setScalar(map: YAMLMap, key: string, value: Plain, order: readonly string[]): void {
  const pair = findPair(map, key);
  if (!pair) {
    insertPair(map, key, scalar(value), order);
    return;
  }
  if (isScalar(pair.value)) {
    if (pair.value.value === value) return;
    pair.value.value = value;
    // Let the stringifier pick a style that fits the new value.
    pair.value.type = undefined;
    return;
  }
  const node = scalar(value);
  if (pair.value && (pair.value as Node).comment) node.comment = (pair.value as Node).comment;
  pair.value = node;
}

function remove(map: YAMLMap, key: string): void {
  if (findPair(map, key)) map.delete(key);
}

function seqOrNew(map: YAMLMap, key: string, order: readonly string[], flow: boolean): YAMLSeq {
  const pair = findPair(map, key);
  if (pair && isSeq(pair.value)) return pair.value as YAMLSeq;
  const seq = new YAMLSeq();
  seq.flow = flow;
  if (pair) pair.value = seq;
  else insertPair(map, key, seq, order);
  return seq;
}

/** A list of strings: existing entries with the same text keep their node (and comments). */
function setStringList(map: YAMLMap, key: string, values: readonly string[], order: readonly string[], flow: boolean): void {
  const seq = seqOrNew(map, key, order, flow);
  const pool = [...seq.items];
  seq.items = values.map((v) => {
    const i = pool.findIndex((n) => isScalar(n) && n.value === v);
    if (i >= 0) return pool.splice(i, 1)[0];
    return scalar(v);
  });
}

function textOf(node: unknown, key: string): string | undefined {
  if (isMap(node)) {
    const p = findPair(node, key);
    if (p && isScalar(p.value)) return String(p.value.value);
  }
  return undefined;
}

function newMap(flow: boolean, entries: [string, Plain][]): YAMLMap {
  const m = new YAMLMap();
  m.flow = flow;
  for (const [k, v] of entries) m.items.push(new Pair(new Scalar(k), scalar(v)));
  return m;
}

function siblingsFlow(seq: YAMLSeq): boolean {
  const first = seq.items.find((n) => isMap(n));
  return first ? Boolean((first as YAMLMap).flow) : true;
}

/**
 * 申请材料: order and names from the sheet; a material already in the file keeps
 * what the sheet does not say (its note, optional flag, a guessed form).
 */
function setMaterials(map: YAMLMap, materials: readonly MaterialEntry[]): void {
  const seq = seqOrNew(map, 'materials', ITEM_KEY_ORDER, false);
  const flow = siblingsFlow(seq);
  const pool = [...seq.items];
  seq.items = materials.map((m) => {
    const i = pool.findIndex((n) => textOf(n, 'name') === m.name);
    if (i < 0) {
      const entries: [string, Plain][] = [
        ['name', m.name],
        ['form', m.form],
        ['copies', m.copies],
      ];
      if (m.note) entries.push(['note', m.note]);
      if (m.optional) entries.push(['optional', true]);
      return newMap(flow, entries);
    }
    const node = pool.splice(i, 1)[0] as YAMLMap;
    if (m.formGiven || !findPair(node, 'form')) setScalar(node, 'form', m.form as MaterialForm, MATERIAL_KEY_ORDER);
    if (m.copiesGiven || !findPair(node, 'copies')) setScalar(node, 'copies', m.copies, MATERIAL_KEY_ORDER);
    if (m.note) setScalar(node, 'note', m.note, MATERIAL_KEY_ORDER);
    if (m.optional) setScalar(node, 'optional', true, MATERIAL_KEY_ORDER);
    return node;
  });
}

function stepTitle(node: unknown): string | undefined {
  if (isScalar(node)) return String(node.value);
  return textOf(node, 'title');
}

/**
 * 办理程序: order and titles from the sheet; a step already in the file with the
 * same title keeps its actor, days and (unless the sheet gives one) detail.
 */
function setSteps(map: YAMLMap, steps: readonly StepEntry[]): void {
  const seq = seqOrNew(map, 'steps', ITEM_KEY_ORDER, false);
  const flow = siblingsFlow(seq);
  const pool = [...seq.items];
  seq.items = steps.map((s) => {
    const title = typeof s === 'string' ? s : s.title;
    const i = pool.findIndex((n) => stepTitle(n) === title);
    const existing = i >= 0 ? pool.splice(i, 1)[0] : undefined;
    if (typeof s === 'string') return existing ?? scalar(s);
    if (existing && isMap(existing)) {
      setScalar(existing, 'detail', s.detail, STEP_KEY_ORDER);
      return existing;
    }
    return newMap(flow, [
      ['title', s.title],
      ['detail', s.detail],
    ]);
  });
}

function setFee(map: YAMLMap, fee: FeePatch): void {
  let pair = findPair(map, 'fee');
  if (!pair || !isMap(pair.value)) {
    const m = new YAMLMap();
    if (pair) pair.value = m;
    else insertPair(map, 'fee', m, ITEM_KEY_ORDER);
    pair = findPair(map, 'fee')!;
  }
  const m = pair.value as YAMLMap;
  setScalar(m, 'charged', fee.charged, FEE_KEY_ORDER);
  for (const k of ['basis', 'standard'] as const) {
    const v = fee[k];
    if (v === null) remove(m, k);
    else if (v !== undefined) setScalar(m, k, v, FEE_KEY_ORDER);
  }
}

/** Apply the sheet's fields to an item document (in place). */
export function applyPatch(doc: Document, patch: ItemPatch): void {
  if (!isMap(doc.contents)) doc.contents = new YAMLMap() as never;
  const map = doc.contents as unknown as YAMLMap;
  const O = ITEM_KEY_ORDER;
  setScalar(map, 'code', patch.code, O);
  const plain = ['name', 'type', 'department', 'subject', 'mode', 'result', 'level'] as const;
  for (const k of plain) {
    const v = patch[k];
    if (v !== undefined) setScalar(map, k, v, O);
  }
  for (const k of ['promiseDays', 'legalDays', 'supervision', 'phone'] as const) {
    const v = patch[k];
    if (v === null) remove(map, k);
    else if (v !== undefined) setScalar(map, k, v, O);
  }
  if (patch.basis) setStringList(map, 'basis', patch.basis, O, false);
  if (patch.conditions) setStringList(map, 'conditions', patch.conditions, O, false);
  if (patch.materials) setMaterials(map, patch.materials);
  if (patch.steps) setSteps(map, patch.steps);
  if (patch.fee) setFee(map, patch.fee);
  if (patch.sites !== undefined) {
    if (patch.sites === 'all') setScalar(map, 'sites', 'all', O);
    else setStringList(map, 'sites', patch.sites, O, true);
  }
  if (patch.keywords === null) remove(map, 'keywords');
  else if (patch.keywords) setStringList(map, 'keywords', patch.keywords, O, true);
}

/**
 * The document as text. One-line flow lists after a key are written `[a, b]`
 * as in the hand-written content (the yaml library pads them as `[ a, b ]`,
 * which it also does for maps, where the content keeps the padding).
 */
export function renderDocument(doc: Document): string {
  return doc.toString(STRINGIFY_OPTIONS).replace(/^(\s*[A-Za-z_][\w-]*: )\[ (.*) \]$/gm, '$1[$2]');
}

/** Text of a new item file. */
export function newItemText(patch: ItemPatch): string {
  const doc = new Document(new YAMLMap());
  applyPatch(doc, patch);
  // On the first key rather than the document, so no blank line follows the comment.
  const first = (doc.contents as unknown as YAMLMap).items[0];
  if (first && isScalar(first.key)) first.key.commentBefore = NEW_ITEM_COMMENT;
  // The materials/steps lists start empty, so their entries are flow maps (one line each).
  return renderDocument(doc);
}

/**
 * The new text of an existing item file, or the unchanged original text when
 * the sheet changes no value (formatting of an untouched file is never altered).
 */
export function updateItemText(original: string, patch: ItemPatch): { text: string; changed: boolean; fields: string[] } {
  const doc = parseDocument(original);
  if (doc.errors.length) throw new Error(doc.errors[0].message);
  const before = (doc.toJS() ?? {}) as Record<string, unknown>;
  applyPatch(doc, patch);
  const after = doc.toJS() as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
  if (fields.length === 0) return { text: original, changed: false, fields };
  return { text: renderDocument(doc), changed: true, fields: ITEM_KEY_ORDER.filter((k) => fields.includes(k)) };
}
