import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.ts';

describe('renderMarkdown', () => {
  it('keeps headings, lists, tables, emphasis, quotes and rules', () => {
    const { html } = renderMarkdown(
      '# 标题\n\n## 二级\n\n- 一\n- 二\n\n1. 甲\n2. 乙\n\n> 引用 *强调* **加粗**\n\n---\n\n| 名称 | 金额 |\n|---|--:|\n| 低保 | 300 |\n',
    );
    for (const tag of [
      '<h1>',
      '<h2>',
      '<ul>',
      '<ol>',
      '<li>',
      '<blockquote>',
      '<em>',
      '<strong>',
      '<hr',
      '<table>',
      '<thead>',
      '<tbody>',
      '<th>',
      '<td align="right">',
    ]) {
      expect(html).toContain(tag);
    }
  });

  it('strips script, style, iframe, event handlers and unsafe links', () => {
    const { html, text } = renderMarkdown(
      [
        '正文<script>alert(1)</script>',
        '',
        '<img src="x" onerror="alert(1)">',
        '',
        '<iframe src="https://evil.example"></iframe><style>body{display:none}</style>',
        '',
        '<p style="color:red" onclick="steal()">段落</p>',
        '',
        '[坏链接](javascript:alert(1)) <a href="javascript:alert(2)">坏2</a> <a href="data:text/html,x">坏3</a>',
        '',
        '[好链接](https://www.gov.cn/ "t") <a href="http://x.example/" target="_blank" onmouseover="x()">好2</a>',
      ].join('\n'),
    );
    expect(html).not.toMatch(/script|alert|onerror|onclick|onmouseover|iframe|style|javascript|data:|<img|target/i);
    expect(html).toContain('<a href="https://www.gov.cn/" rel="noopener noreferrer">好链接</a>');
    expect(html).toContain('<a href="http://x.example/" rel="noopener noreferrer">好2</a>');
    expect(html).toContain('坏链接');
    expect(html).toContain('<p>段落</p>');
    expect(text).toContain('正文');
    expect(text).not.toContain('alert');
  });

  it('allows images only as content-addressed assets', () => {
    const map = (ref: string) => (ref === 'photos/map.png' ? 'assets/0123456789abcdef.png' : undefined);
    const { html } = renderMarkdown('![平面图](photos/map.png)\n\n![外链](https://x.example/a.png)', map);
    expect(html).toContain('<img src="assets/0123456789abcdef.png" alt="平面图" />');
    expect(html).not.toContain('x.example');
  });

  it('gives plain text with paragraph breaks and decoded entities', () => {
    const { text } = renderMarkdown('第一段 A & B\n第一段续\n\n第二段 <br> 换行\n\n- 项一\n- 项二');
    expect(text).toBe('第一段 A & B 第一段续\n第二段\n换行\n项一\n项二');
  });

  it('joins soft-wrapped Chinese lines without a space', () => {
    expect(renderMarkdown('第一行\n第二行').html).toBe('<p>第一行第二行</p>');
  });
});
