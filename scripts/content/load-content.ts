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
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Problem } from './problems.ts';
import { decodeContentFile } from './read-text.ts';
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
import { ParseCache } from './parse-cache.ts';
import type { MarkdownSource, SourceFile } from './yaml-source.ts';

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

export interface LoadOptions {
  /** Parsed-file cache (publisher); default: parse every file. */
  cache?: ParseCache;
}

export async function loadContent(dir: string, options: LoadOptions = {}): Promise<LoadedContent> {
  const cache = options.cache ?? ParseCache.none();
  const root = path.resolve(dir);
  const { files, refused } = await listFiles(root);
  const content: LoadedContent = {
    dir: root,
    sites: [],
    staff: [],
    items: [],
    announcements: [],
    documents: [],
    files: new Set(files),
    problems: [...refused],
  };
  if (files.length === 0 && refused.length === 0) {
    content.problems.push({ file: root, line: 0, field: '', message: '内容文件夹不存在或为空' });
    return content;
  }

  // Read one after another: thousands of small files come from the page cache or an SSD faster
  // this way than through the thread pool (4 round trips per file).
  const readText = async (rel: string): Promise<string | undefined> => {
    let data: Buffer;
    try {
      data = readFileSync(path.join(root, rel));
    } catch {
      content.problems.push({ file: rel, line: 0, field: '', message: '文件无法读取（是否正被其他程序占用，或没有读取权限？）' });
      return undefined;
    }
    const { text, problem } = decodeContentFile(rel, data);
    if (problem) content.problems.push(problem);
    return text;
  };
  const yaml = async <T>(rel: string): Promise<SourceFile<T> | undefined> => {
    const text = await readText(rel);
    if (text === undefined) return undefined;
    const { source, problems } = cache.yaml(rel, text);
    content.problems.push(...problems);
    return source as SourceFile<T> | undefined;
  };
  const markdown = async <T>(rel: string): Promise<MarkdownSource<T> | undefined> => {
    const text = await readText(rel);
    if (text === undefined) return undefined;
    const { source, problems } = cache.markdown(rel, text);
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

async function listFiles(root: string): Promise<{ files: string[]; refused: Problem[] }> {
  const out: string[] = [];
  const refused: Problem[] = [];
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
      if (e.isSymbolicLink()) {
        // Never followed: a link can point anywhere on the machine (or loop).
        refused.push({
          file: childRel,
          line: 0,
          field: '',
          message: '这是一个快捷方式（符号链接），不能发布：请把真正的文件或文件夹复制到这里，再删掉这个链接',
        });
      } else if (e.isDirectory()) await walk(path.join(abs, e.name), childRel);
      else if (e.isFile()) out.push(childRel);
      else refused.push({ file: childRel, line: 0, field: '', message: '这不是普通文件，不能发布：请删掉它' });
    }
  };
  await walk(root, '');
  return { files: out.sort(), refused: refused.sort((a, b) => (a.file < b.file ? -1 : 1)) };
}
