/** New departments for --create-departments: an id from the name's pinyin, appended to departments.yaml. */
import { pinyin } from 'pinyin-pro';
import { isMap, isSeq, Pair, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { DepartmentSource } from '../content/source-types.ts';
import { renderDocument } from './item-yaml.ts';

/** `退役军人事务局` → `tuiyijunrenshiwuju`; unique among `taken` (suffix -2, -3 …). */
export function departmentId(name: string, taken: ReadonlySet<string>): string {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', v: true }) as string[];
  let base = syllables
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  if (!base) base = 'bumen';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** A new department with what the sheet knows: its name. Icon = first character after the county prefix. */
export function newDepartment(name: string, id: string, countyName?: string): DepartmentSource {
  let short = name.trim();
  if (countyName && short.startsWith(countyName)) short = short.slice(countyName.length);
  short = short.replace(/^县/, '');
  const icon = [...(short || name.trim())][0] ?? '部';
  return { id, name: name.trim(), fullName: name.trim(), icon };
}

/** departments.yaml with `added` appended, keeping comments and the style of existing entries. */
export function appendDepartments(text: string, added: readonly DepartmentSource[]): string {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(doc.errors[0].message);
  if (!isMap(doc.contents)) doc.contents = new YAMLMap() as never;
  const root = doc.contents as unknown as YAMLMap;
  const found: unknown = root.get('departments', true);
  let list: YAMLSeq;
  if (isSeq(found)) list = found as YAMLSeq;
  else {
    list = new YAMLSeq();
    root.set('departments', list);
  }
  const first = list.items.find((n) => isMap(n)) as YAMLMap | undefined;
  const flow = first ? Boolean(first.flow) : true;
  for (const d of added) {
    const m = new YAMLMap();
    m.flow = flow;
    for (const [k, v] of Object.entries(d)) m.items.push(new Pair(new Scalar(k), new Scalar(v)));
    list.items.push(m);
  }
  return renderDocument(doc);
}
