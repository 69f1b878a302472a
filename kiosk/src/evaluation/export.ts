/**
 * Export of stored ratings for upload: a JSON document (see EvaluationExport)
 * and a file name. The kiosk has no upload channel of its own yet; an
 * operator or a later sync job calls these and then markExported().
 */
import { exportEvaluations, markExported, type EvaluationExport } from '../store/evaluations.ts';

export { markExported };
export type { EvaluationExport };

export async function evaluationsJson(
  options: { all?: boolean; now?: number } = {},
): Promise<{ fileName: string; json: string; ids: number[] }> {
  const doc = await exportEvaluations(options);
  const stamp = new Date(doc.exportedAt).toISOString().replace(/[:.]/g, '-');
  return {
    fileName: `evaluations-${stamp}.json`,
    json: JSON.stringify(doc, null, 2),
    ids: doc.evaluations.map((e) => e.id).filter((id): id is number => typeof id === 'number'),
  };
}
