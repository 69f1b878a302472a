/**
 * importCatalogue(): plan the import and, when the plan has no error, write it.
 * The programmatic entry used by the CLI (scripts/import-catalogue.ts) and e2e.
 */
import { planImport, type ImportOptions, type ImportPlan } from './plan-import.ts';
import { writePlan } from './write-plan.ts';

export async function importCatalogue(opts: ImportOptions & { dryRun?: boolean }): Promise<ImportPlan> {
  const plan = await planImport(opts);
  if (plan.ok && !opts.dryRun) await writePlan(plan, opts.contentDir);
  return plan;
}

export type { ImportError, ImportOptions, ImportPlan, ItemChange } from './plan-import.ts';
