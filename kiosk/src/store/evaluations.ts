/**
 * 好差评 ratings kept durably in the `evaluations` store of the kiosk database,
 * and exported as JSON for upload. No personal data is ever stored.
 */
import { openKioskDb, type StoredEvaluation } from './db.ts';

export type NewEvaluation = Omit<StoredEvaluation, 'id' | 'exportedAt'>;

export async function addEvaluation(e: NewEvaluation): Promise<number> {
  const db = await openKioskDb();
  const tx = db.transaction('evaluations', 'readwrite', { durability: 'strict' });
  const id = await tx.store.add({ ...e, reasons: [...e.reasons], target: { ...e.target } });
  await tx.done;
  return id;
}

/** All ratings, oldest first. */
export async function listEvaluations(): Promise<StoredEvaluation[]> {
  const db = await openKioskDb();
  return db.getAllFromIndex('evaluations', 'at');
}

export interface EvaluationExport {
  format: 'bianmin-evaluations';
  version: 1;
  /** Epoch ms of the export. */
  exportedAt: number;
  evaluations: StoredEvaluation[];
}

/**
 * The ratings not yet exported (or all of them) as an upload document. Call
 * markExported with the ids once the upload has been accepted.
 */
export async function exportEvaluations(options: { all?: boolean; now?: number } = {}): Promise<EvaluationExport> {
  const list = await listEvaluations();
  return {
    format: 'bianmin-evaluations',
    version: 1,
    exportedAt: options.now ?? Date.now(),
    evaluations: options.all ? list : list.filter((e) => e.exportedAt === undefined),
  };
}

export async function markExported(ids: readonly number[], at = Date.now()): Promise<void> {
  const db = await openKioskDb();
  const tx = db.transaction('evaluations', 'readwrite', { durability: 'strict' });
  const rows = await Promise.all(ids.map((id) => tx.store.get(id)));
  await Promise.all(rows.filter((r) => r !== undefined).map((r) => tx.store.put({ ...r, exportedAt: at })));
  await tx.done;
}
