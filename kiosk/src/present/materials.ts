/**
 * One wording of a required material, used by the kiosk screen, the print sheet, the
 * speech text and the wall slides, so the screen, the paper and the wall say the same:
 *   form and copies: "原件 1份", "复印件 2份", "填写" (a form filled in on site has no copies)
 *   need:            "必须带" or "视情况提供" (optional; the note says when)
 */
import type { Material } from '../bundle/schema.ts';

export const MATERIAL_REQUIRED = '必须带';
export const MATERIAL_OPTIONAL = '视情况提供';
export const NO_MATERIALS = '不需要提交材料';

/** "原件 1份" / "填写" */
export function materialForm(m: Material): string {
  return m.form === '填写' ? m.form : `${m.form} ${m.copies}份`;
}

/** The tags shown beside a material's name: its form, its copies, and whether it is needed. */
export function materialTags(m: Material): { form: string; copies?: string; need: string; optional: boolean } {
  return {
    form: m.form,
    copies: m.form === '填写' ? undefined : `${m.copies}份`,
    need: m.optional ? MATERIAL_OPTIONAL : MATERIAL_REQUIRED,
    optional: !!m.optional,
  };
}

/** One line for paper and the wall: "户口簿（复印件 2份，视情况提供）：户籍不在本地时" */
export function materialText(m: Material): string {
  const extra = [materialForm(m), m.optional ? MATERIAL_OPTIONAL : ''].filter(Boolean).join('，');
  return `${m.name}（${extra}）${m.note ? `：${m.note}` : ''}`;
}

/** Spoken: "第1，户口簿，复印件 2份，视情况提供，户籍不在本地时" */
export function materialSpeech(m: Material, index: number): string {
  return [`第${index + 1}`, m.name, materialForm(m), m.optional ? MATERIAL_OPTIONAL : '', m.note ?? ''].filter(Boolean).join('，');
}
