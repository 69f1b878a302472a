/** What a 好差评 rating is about: the centre, an item, a window, a staff member or this terminal. */
export interface EvaluationTarget {
  kind: 'centre' | 'item' | 'window' | 'staff' | 'terminal';
  /** Item code, window number or staff id (absent for the centre and the terminal). */
  id?: string;
  /** What the resident saw, e.g. "2号窗口 社保医保窗口". */
  name?: string;
}
