/**
 * Applying a checked plan to the content folder: every file is first written
 * next to its target under a hidden temporary name, then all are renamed into
 * place, then moved items' old files are removed. If writing any temporary
 * file fails, the temporaries are deleted and the folder is left as it was.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ImportPlan } from './plan-import.ts';

export async function writePlan(plan: ImportPlan, contentDir: string): Promise<void> {
  if (!plan.ok) throw new Error('refusing to write a plan with errors');
  const root = path.resolve(contentDir);
  const staged: { tmp: string; target: string }[] = [];
  const createdDirs: string[] = [];
  try {
    for (const w of plan.writes) {
      const target = path.join(root, ...w.file.split('/'));
      const dir = path.dirname(target);
      const made = await mkdir(dir, { recursive: true });
      if (made) createdDirs.push(made);
      const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.import.tmp`);
      await writeFile(tmp, w.text, 'utf8');
      staged.push({ tmp, target });
    }
  } catch (e) {
    await Promise.all(staged.map((s) => rm(s.tmp, { force: true })));
    for (const d of createdDirs.reverse()) await rm(d, { recursive: true, force: true });
    throw e;
  }
  for (const s of staged) await rename(s.tmp, s.target);
  for (const f of plan.removals) await rm(path.join(root, ...f.split('/')), { force: true });
}
