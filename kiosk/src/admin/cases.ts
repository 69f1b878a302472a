/** 差评整改 rules as the dashboard offers them (the hub enforces its own): next states, required reasons. */
import type { CaseRow, CaseState, CaseUpdate } from '../uplink/api.ts';

/**
 * The moves the hub allows (kiosk/src/uplink/api.ts, CaseUpdate): 待核实 → 整改中 → 已办结, or
 * 申诉 / 无效 with a reason; an 申诉 is decided later; a closed case can be reopened (整改中).
 */
export const NEXT_STATES: Record<CaseState, CaseState[]> = {
  待核实: ['整改中', '已办结', '申诉', '无效'],
  整改中: ['已办结', '申诉', '无效'],
  申诉: ['整改中', '已办结', '无效'],
  已办结: ['整改中'],
  无效: ['整改中'],
};

const OPEN: ReadonlySet<CaseState> = new Set(['待核实', '整改中', '申诉']);

export const NEEDS_REASON: ReadonlySet<CaseState> = new Set(['申诉', '无效']);

/** Still to be handled (待核实, 整改中, 申诉 awaiting its decision). */
export function isOpen(state: CaseState): boolean {
  return OPEN.has(state);
}

/** Open overdue cases first, then open by due date, then closed ones newest first. */
export function sortCases(rows: readonly CaseRow[]): CaseRow[] {
  const rank = (c: CaseRow) => (isOpen(c.state) ? (c.overdue ? 0 : 1) : 2);
  return [...rows].sort(
    (a, b) => rank(a) - rank(b) || (rank(a) < 2 ? a.dueDate.localeCompare(b.dueDate) : b.givenAt - a.givenAt) || a.id - b.id,
  );
}

export type CaseForm = { state: CaseState | ''; note: string; calledBack: boolean };

/** The request for a form, or a Chinese problem. 申诉/无效 carry the note as their reason too. */
export function caseRequest(
  current: CaseState,
  form: CaseForm,
): { ok: true; body: CaseUpdate & { reason?: string } } | { ok: false; problem: string } {
  const note = form.note.trim();
  if (form.state && !NEXT_STATES[current].includes(form.state))
    return { ok: false, problem: `“${current}”的案件不能改为“${form.state}”。` };
  if (form.state && NEEDS_REASON.has(form.state) && !note) return { ok: false, problem: `改为“${form.state}”必须填写理由。` };
  if (!note && !form.state) return { ok: false, problem: '请填写处理情况。' };
  if (!note) return { ok: false, problem: '请填写处理情况（例如核实结果、整改措施、回访结果）。' };
  if (note.length > 1000) return { ok: false, problem: '处理情况最多 1000 字。' };
  const body: CaseUpdate = { note };
  if (form.state) body.state = form.state;
  if (form.calledBack) body.calledBack = true;
  return { ok: true, body };
}
