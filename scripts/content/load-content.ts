/**
 * Reading a content folder: every YAML and Markdown file parsed with line
 * numbers, syntax errors collected as problems. Nothing is validated here
 * beyond syntax; see validate-content.ts.
 *
 *   county.yaml, departments.yaml, topics.yaml
 *   sites/<code>.yaml, staff/<township>.yaml, staff/photos/*
 *   items/<department>/<code>.yaml
 *   announcements/<id>.md, documents/<id>.md
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Problem } from './problems.ts';
import type {
  AnnouncementSource,
  CountySource,
  DepartmentSource,
  DocumentSource,
  ItemSource,
  SiteSource,
  StaffSource,
  TopicSource,
} from './source-types.ts';
import { parseMarkdownSource, parseYamlSource, type MarkdownSource, type SourceFile } from './yaml-source.ts';

/**
 * Parsed but unvalidated content. The data is typed as the source types for
 * convenience; until validateContent() returns no problems any field may be
 * missing or of the wrong type.
 */
export interface LoadedContent {
  /** Absolute path of the content folder. */
  dir: string;
  county?: SourceFile<CountySource>;
  departments?: SourceFile<{ departments: DepartmentSource[] }>;
  sites: SourceFile<SiteSource>[];
  /** staff/<township code>.yaml */
  staff: SourceFile<{ staff: StaffSource[] }>[];
  items: SourceFile<ItemSource>[];
  topics?: SourceFile<{ topics: TopicSource[] }>;
  announcements: MarkdownSource<AnnouncementSource>[];
  documents: MarkdownSource<DocumentSource>[];
  /** Every file in the folder, relative path with forward slashes (dot files excluded). */
  files: Set<string>;
  /** Files that could not be read or parsed. */
  problems: Problem[];
}

const YAML_EXT = /\.ya?ml$/i;
/** Top-level files read by name. */
const KNOWN_OTHER = new Set(['county.yaml', 'departments.yaml', 'topics.yaml']);

export async function loadContent(dir: string): Promise<LoadedContent> {
  const root = path.resolve(dir);
  const files = await listFiles(root);
  const content: LoadedContent = {
    dir: root,
    sites: [],
    staff: [],
    items: [],
    announcements: [],
    documents: [],
    files: new Set(files),
    problems: [],
  };
  if (files.length === 0) {
    content.problems.push({ file: root, line: 0, field: '', message: '内容文件夹不存在或为空' });
    return content;
  }

  const yaml = async <T>(rel: string): Promise<SourceFile<T> | undefined> => {
    const text = await readFile(path.join(root, rel), 'utf8');
    const { source, problems } = parseYamlSource(rel, text.replace(/^\uFEFF/, ''));
    content.problems.push(...problems);
    return source as SourceFile<T> | undefined;
  };
  const markdown = async <T>(rel: string): Promise<MarkdownSource<T> | undefined> => {
    const text = await readFile(path.join(root, rel), 'utf8');
    const { source, problems } = parseMarkdownSource(rel, text);
    content.problems.push(...problems);
    return source as MarkdownSource<T> | undefined;
  };
  const required = async <T>(rel: string, what: string): Promise<SourceFile<T> | undefined> => {
    if (!content.files.has(rel)) {
      content.problems.push({ file: rel, line: 0, field: '', message: `缺少${what}文件 ${rel}` });
      return undefined;
    }
    return yaml<T>(rel);
  };

  content.county = await required<CountySource>('county.yaml', '县基本信息');
  content.departments = await required<{ departments: DepartmentSource[] }>('departments.yaml', '部门');
  if (content.files.has('topics.yaml')) content.topics = await yaml('topics.yaml');

  for (const rel of files) {
    const parts = rel.split('/');
    const [top] = parts;
    if (top === 'sites' && parts.length === 2 && YAML_EXT.test(rel)) {
      const s = await yaml<SiteSource>(rel);
      if (s) content.sites.push(s);
    } else if (top === 'staff' && parts.length === 2 && YAML_EXT.test(rel)) {
      const s = await yaml<{ staff: StaffSource[] }>(rel);
      if (s) content.staff.push(s);
    } else if (top === 'items' && YAML_EXT.test(rel)) {
      if (parts.length !== 3) {
        content.problems.push({
          file: rel,
          line: 1,
          field: '',
          message: '事项文件应放在 items/<部门编码>/<事项编码>.yaml',
        });
        continue;
      }
      const s = await yaml<ItemSource>(rel);
      if (s) content.items.push(s);
    } else if (top === 'announcements' && parts.length === 2 && rel.endsWith('.md')) {
      const s = await markdown<AnnouncementSource>(rel);
      if (s) content.announcements.push(s);
    } else if (top === 'documents' && parts.length === 2 && rel.endsWith('.md')) {
      const s = await markdown<DocumentSource>(rel);
      if (s) content.documents.push(s);
    } else if ((YAML_EXT.test(rel) || rel.endsWith('.md')) && !KNOWN_OTHER.has(rel) && !/(^|\/)readme\.md$/i.test(rel)) {
      content.problems.push({
        file: rel,
        line: 0,
        field: '',
        message:
          '无法识别的文件，不会被发布（文件夹或文件名是否拼错？事项放 items/<部门编码>/，站点放 sites/，公告放 announcements/，政府信息放 documents/）',
      });
    }
  }
  return content;
}

/** File name without folder and extension: "items/minzheng/MZ-001.yaml" → "MZ-001". */
export function baseName(rel: string): string {
  return path.posix.basename(rel).replace(/\.[^.]+$/, '');
}

async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (abs: string, rel: string) => {
    let entries;
    try {
      entries = await readdir(abs, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(path.join(abs, e.name), childRel);
      else if (e.isFile()) out.push(childRel);
    }
  };
  await walk(root, '');
  return out.sort();
}
