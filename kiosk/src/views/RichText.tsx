/**
 * Rich text of announcements and documents (HTML rendered and sanitised by the publisher,
 * arriving signed). Before it is inserted it is parsed in an inert <template> (nothing loads,
 * nothing runs) and made safe for a public kiosk once more:
 *
 * - a link to another origin becomes its text plus a QR code to scan with a phone — a public
 *   kiosk never leaves the app; any other link (tel:, mailto:, javascript:…) becomes plain text,
 * - defence in depth: script-capable elements and attributes (on…, javascript: URLs, srcdoc,
 *   style) are dropped even though the publisher never lets them through.
 */
import { useMemo } from 'preact/hooks';
import { useAssets } from '../state/assets-context.ts';
import { qrSvg } from '../ui/qr.ts';

const DROP =
  'script,iframe,frame,frameset,object,embed,applet,base,meta,link,style,form,input,button,textarea,select,svg,math,template,noscript';
const URL_ATTRS = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'poster', 'background']);

function escapeText(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** An http(s) URL outside this origin, or null. */
export function externalUrl(href: string | null, origin: string): URL | null {
  if (!href) return null;
  try {
    const url = new URL(href, origin);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin !== origin ? url : null;
  } catch {
    return null;
  }
}

export function kioskSafeHtml(html: string, origin = location.origin): string {
  const tpl = document.createElement('template');
  tpl.innerHTML = html;
  const root = tpl.content;
  for (const el of Array.from(root.querySelectorAll(DROP))) el.remove();
  for (const el of Array.from(root.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
      if (name.startsWith('on') || name === 'style' || name === 'srcdoc' || name === 'formaction') el.removeAttribute(attr.name);
      else if (URL_ATTRS.has(name) && /^(javascript|vbscript|data:text)/.test(value)) el.removeAttribute(attr.name);
    }
  }
  for (const a of Array.from(root.querySelectorAll('a'))) {
    const url = externalUrl(a.getAttribute('href'), origin);
    const text = a.textContent?.trim() || url?.href || '';
    const span = document.createElement('span');
    if (url) {
      const qr = qrSvg(url.href);
      span.className = 'ext-link';
      span.innerHTML =
        `<span class="ext-link-text">${escapeText(text)}</span>` +
        `<span class="ext-link-qr"><svg viewBox="0 0 ${qr.size} ${qr.size}" role="img" aria-label="二维码：${escapeText(url.href)}" shape-rendering="crispEdges">` +
        `<rect width="100%" height="100%" fill="#fff"/><path d="${qr.path}" fill="#000"/></svg>` +
        `<span class="ext-link-hint">用手机扫码打开</span></span>`;
    } else {
      span.textContent = a.textContent ?? '';
    }
    a.replaceWith(span);
  }
  return tpl.innerHTML;
}

/** Images (`assets/<hash>` paths written by the publisher) load from the verified store, online and offline. */
export function RichText({ html, class: cls }: { html: string; class?: string }) {
  const assets = useAssets();
  const safe = useMemo(() => kioskSafeHtml(assets.html(html)), [html, assets]);
  return <div class={cls} dangerouslySetInnerHTML={{ __html: safe }} />;
}
