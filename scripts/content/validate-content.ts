/**
 * validateContent(): every problem of a loaded content folder at once —
 * syntax, structure (required fields, unknown keys, types, enumerations) and
 * the rules between files (references, duplicates, time limits, fees, AB
 * posts, photos …). An empty result means the publisher can build bundles.
 */
import type { LoadedContent } from './load-content.ts';
import { sortProblems, type Problem } from './problems.ts';
import { checkShape, type Shape } from './shape.ts';
import {
  announcementShape,
  countyShape,
  departmentsFileShape,
  documentShape,
  itemShape,
  siteShape,
  staffFileShape,
  topicsFileShape,
} from './source-shapes.ts';
import { checkItems, checkTopics, indexItems } from './validate-items.ts';
import { checkCounty, checkDepartments, checkSites, checkStaff, indexSites } from './validate-sites.ts';
import { checkAnnouncements, checkDocuments } from './validate-texts.ts';
import { createContext, isStr, rec } from './validation-context.ts';
import { isValidTimeZone } from './dates.ts';
import type { SourceFile } from './yaml-source.ts';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export function validateContent(content: LoadedContent): Problem[] {
  const problems: Problem[] = [...content.problems];
  const tz = rec(content.county?.data).timeZone;
  const ctx = createContext(content, problems, isStr(tz) && isValidTimeZone(tz) ? tz : DEFAULT_TIME_ZONE);

  // Structure of every file
  const shape = (src: SourceFile | undefined, s: Shape, label: string) => {
    if (src) checkShape(src, src.data, s, [], label, problems);
  };
  shape(content.county, countyShape, 'county.yaml');
  shape(content.departments, departmentsFileShape, 'departments.yaml');
  shape(content.topics, topicsFileShape, 'topics.yaml');
  for (const src of content.sites) shape(src, siteShape, '站点');
  for (const src of content.staff) shape(src, staffFileShape, '工作人员文件');
  for (const src of content.items) shape(src, itemShape, '事项');
  for (const src of content.announcements) shape(src, announcementShape, '公告信息块');
  for (const src of content.documents) shape(src, documentShape, '文件信息块');

  // Rules across files
  checkCounty(ctx);
  checkDepartments(ctx);
  indexSites(ctx);
  indexItems(ctx);
  checkSites(ctx);
  checkStaff(ctx);
  checkItems(ctx);
  checkTopics(ctx);
  checkAnnouncements(ctx);
  checkDocuments(ctx);

  return dedupe(sortProblems(problems));
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}\n${p.line}\n${p.field}\n${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
