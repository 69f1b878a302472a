/**
 * Export of stored ratings for upload: a JSON document (see EvaluationExport)
 * and a file name, for staff (the hub upload is kiosk/src/uplink/). Callback phones
 * are never part of it: they live in their own store.
 */
import type { KioskDatabase } from '../store/db.ts';
import { exportEvaluations, markExported, type EvaluationExport } from '../store/evaluations.ts';

export { markExported };
export type { EvaluationExport };

export async function evaluationsJson(
  db: KioskDatabase,
  options: { all?: boolean; now?: number } = {},
): Promise<{ fileName: string; json: string; ids: number[] }> {
  const doc = await exportEvaluations(db, options);
  const stamp = new Date(doc.exportedAt).toISOString().replace(/[:.]/g, '-');
  return {
    fileName: `evaluations-${stamp}.json`,
    json: JSON.stringify(doc, null, 2),
    ids: doc.evaluations.map((e) => e.id).filter((id): id is number => typeof id === 'number'),
  };
}
