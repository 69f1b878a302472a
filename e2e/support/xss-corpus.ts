/**
 * An XSS corpus for the content: ≥ 150 payloads (vectors × contexts), each calling
 * `__xss(<its number>)` if it ever runs, and a function that writes them into every text
 * field of a copy of content/ (YAML scalars of sites, county, departments, topics, staff,
 * items; announcement and document front matter and Markdown bodies).
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isScalar, parseDocument, visit } from 'yaml';

const VECTORS: ((n: number) => string)[] = [
  (n) => `<script>__xss(${n})</script>`,
  (n) => `<img src=x onerror=__xss(${n})>`,
  (n) => `<img src="x" onerror="&#95;&#95;xss(${n})">`,
  (n) => `<svg onload=__xss(${n})>`,
  (n) => `<svg/onload=__xss(${n})>`,
  (n) => `<svg><script>__xss(${n})</script></svg>`,
  (n) => `<svg><animate onbegin=__xss(${n}) attributeName=x dur=1s>`,
  (n) => `<body onload=__xss(${n})>`,
  (n) => `<iframe src="javascript:__xss(${n})"></iframe>`,
  (n) => `<iframe srcdoc="<script>parent.__xss(${n})</script>"></iframe>`,
  (n) => `<iframe onload=__xss(${n})></iframe>`,
  (n) => `<a href="javascript:__xss(${n})">点我</a>`,
  (n) => `<a href="&#106;avascript:__xss(${n})">点我</a>`,
  (n) => `<a href="jav&#x09;ascript:__xss(${n})">点我</a>`,
  (n) => `<a href=" javascript:__xss(${n})">点我</a>`,
  (n) => `[点我](javascript:__xss(${n}))`,
  (n) => `[点我](&#106;avascript:__xss(${n}))`,
  (n) => `![图](javascript:__xss(${n}))`,
  (n) => `![图](x "onerror=__xss(${n})")`,
  (n) => `<details open ontoggle=__xss(${n})>`,
  (n) => `<input autofocus onfocus=__xss(${n})>`,
  (n) => `<select autofocus onfocus=__xss(${n})></select>`,
  (n) => `<textarea autofocus onfocus=__xss(${n})></textarea>`,
  (n) => `<video><source onerror=__xss(${n})></video>`,
  (n) => `<audio src=x onerror=__xss(${n})></audio>`,
  (n) => `<marquee onstart=__xss(${n})>`,
  (n) => `<object data="javascript:__xss(${n})"></object>`,
  (n) => `<embed src="javascript:__xss(${n})">`,
  (n) => `<form><button formaction="javascript:__xss(${n})">提交</button></form>`,
  (n) => `<meta http-equiv="refresh" content="0;url=javascript:__xss(${n})">`,
  (n) => `<base href="javascript:__xss(${n})//">`,
  (n) => `<link rel=stylesheet href="javascript:__xss(${n})">`,
  (n) => `<div style="background:url(javascript:__xss(${n}))">`,
  (n) => `<style>@import 'javascript:__xss(${n})';</style>`,
  (n) => `<math><mtext><table><mglyph><style><img src=x onerror=__xss(${n})>`,
  (n) => `<noscript><p title="</noscript><img src=x onerror=__xss(${n})>">`,
  (n) => `<template><script>__xss(${n})</script></template>`,
  (n) => `<scr<script>ipt>__xss(${n})</scr</script>ipt>`,
  (n) => `<<script>script>__xss(${n})<</script>/script>`,
  (n) => `<img/src/onerror=__xss(${n})>`,
  (n) => `<img src=x:x onerror=eval("__xss(${n})")>`,
  (n) => `<a href="data:text/html,<script>__xss(${n})</script>">点我</a>`,
  (n) => `<x onclick=__xss(${n})>点我</x>`,
  (n) => `<div onmouseover="__xss(${n})">悬停</div>`,
  (n) => `<img srcset="x" onerror=__xss(${n})>`,
  (n) => `<object data="data:text/html,<script>__xss(${n})</script>"></object>`,
  (n) => `{{constructor.constructor('__xss(${n})')()}}`,
  (n) => `\${__xss(${n})}`,
  (n) => `<p>正常文字</p><script src="data:,__xss(${n})"></script>`,
  (n) => `<table background="javascript:__xss(${n})"><tr><td>表</td></tr></table>`,
];

const CONTEXTS: ((v: string) => string)[] = [(v) => v, (v) => `"><${v.slice(1)}`.replace(/^"><</, '">'), (v) => `'>${v}`];

/** At least 150 distinct payloads, numbered from 1. */
export function xssPayloads(): string[] {
  const out: string[] = [];
  let n = 1;
  for (const ctx of CONTEXTS) for (const v of VECTORS) out.push(ctx(v(n++)));
  return out;
}

/** YAML keys whose values are codes, enums, dates or numbers, checked strictly by the publisher. */
const STRICT = new Set([
  'code',
  'id',
  'kind',
  'class',
  'parent',
  'departments',
  'departmentId',
  'department',
  'number',
  'phone',
  'publishAt',
  'expireAt',
  'date',
  'priority',
  'sites',
  'site',
  'photo',
  'timeZone',
  'mode',
  'form',
  'type',
  'open',
  'close',
  'items',
  'topics',
  'publicItemUrl',
  'hub',
  'maintenancePin',
  'role',
  'window',
  'partner',
  'backup',
  'level',
  'icon',
  'days',
  'weekdays',
  'staff',
  'serves',
]);

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await files(p)));
    else if (/\.(ya?ml|md)$/.test(e.name) && e.name !== 'README.md') out.push(p);
  }
  return out;
}

/**
 * Appends payloads (round robin) to every free-text value in the content folder `dir`.
 * Returns how many fields were changed and how many distinct payloads were used.
 */
export async function injectXss(dir: string, skip: ReadonlySet<string> = new Set()): Promise<{ fields: number; payloads: number }> {
  const payloads = xssPayloads();
  let i = 0;
  let fields = 0;
  const next = () => payloads[i++ % payloads.length];
  // Markdown images must be files of the content folder: the publisher refuses the others
  // (tested on its own); in bodies they are left out so the rest can be published.
  const nextBody = () => {
    let p = next();
    while (/!\[/.test(p)) p = next();
    return p;
  };
  const editYaml = (text: string) => {
    const doc = parseDocument(text);
    visit(doc, {
      Pair(_, pair) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        if (STRICT.has(key) || skip.has(key)) return visit.SKIP;
        if (isScalar(pair.value) && typeof pair.value.value === 'string' && pair.value.value.trim()) {
          pair.value.value = `${pair.value.value}${next()}`;
          fields++;
        }
      },
      Seq(_, seq) {
        for (const item of seq.items) {
          if (isScalar(item) && typeof item.value === 'string' && item.value.trim() && !/^[a-z0-9-]+$/.test(item.value)) {
            item.value = `${item.value}${next()}`;
            fields++;
          }
        }
      },
    });
    return doc.toString({ lineWidth: 0 });
  };
  for (const file of await files(dir)) {
    const text = await readFile(file, 'utf8');
    if (file.endsWith('.md')) {
      const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
      if (!m) continue;
      const body = `${m[2]}\n\n${nextBody()}\n\n${nextBody()} 段落中的 ${nextBody()}\n`;
      fields++;
      await writeFile(file, `---\n${editYaml(m[1]).trimEnd()}\n---\n${body}`);
    } else {
      await writeFile(file, editYaml(text));
    }
  }
  return { fields, payloads: Math.min(i, payloads.length) };
}
