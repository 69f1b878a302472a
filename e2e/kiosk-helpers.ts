/**
 * Helpers for the kiosk-mode specs (e2e/kiosk-*.spec.ts): open a site and
 * leave the attract screen, type on the on-screen keyboard, read the demo
 * bundle the kiosk shows, stub speech, check the 适老化 numbers.
 */
import type { Page } from '@playwright/test';
import { DEMO_CONTENT_OUT, expect, readSiteBundle } from './support/fixtures.ts';
import type { DisclosureKey, ServiceItem, SiteBundle } from '../kiosk/src/bundle/schema.ts';

export const SITE = 'baihe';

export function demoBundle(site = SITE): Promise<SiteBundle> {
  return readSiteBundle(DEMO_CONTENT_OUT, site);
}

/** Opens the kiosk and waits for the attract screen. */
export async function openAttract(page: Page, query = '', site = SITE): Promise<void> {
  await page.goto(`/?site=${site}${query}`);
  await expect(page.getByRole('button', { name: '点这里开始查询' })).toBeVisible({ timeout: 20_000 });
}

/** Opens the kiosk and taps through the attract screen to home. */
export async function openHome(page: Page, opts: { query?: string; elder?: boolean; site?: string } = {}): Promise<void> {
  await openAttract(page, opts.query ?? '', opts.site);
  await page.getByRole('button', { name: opts.elder ? '长辈模式开始（字更大）' : '点这里开始查询' }).tap();
  await expect(page.getByRole('heading', { name: '您好！请点一下您要办的事' })).toBeVisible();
}

export function homeTile(page: Page, label: string) {
  return page.getByRole('button', { name: new RegExp(`^${label.replace(/[/()（）]/g, '\\$&')}`) });
}

/** Types letters/digits on the on-screen keyboard, one tap per key. */
export async function typeKeys(page: Page, text: string): Promise<void> {
  for (const c of text.toUpperCase()) {
    await page.getByRole('group', { name: '拼音字母键盘' }).getByRole('button', { name: c, exact: true }).tap();
  }
}

export function bottomBar(page: Page) {
  return page.getByRole('navigation', { name: '导航' });
}

/** Replaces speechSynthesis with a recorder that has one zh-CN voice; spoken texts land in window.__spoken, cancel() calls count in window.__cancelled. */
export async function stubSpeech(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __spoken: string[]; __cancelled: number };
    w.__spoken = [];
    w.__cancelled = 0;
    const voice = { lang: 'zh-CN', name: '测试中文语音', default: true, localService: true, voiceURI: 'test-zh' };
    const fake = {
      speaking: false,
      pending: false,
      paused: false,
      getVoices: () => [voice],
      speak: (u: SpeechSynthesisUtterance) => w.__spoken.push(u.text),
      cancel: () => void w.__cancelled++,
      pause: () => {},
      resume: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      onvoiceschanged: null,
    };
    Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true });
  });
}

export interface SizeProblem {
  what: string;
  value: string;
}

/**
 * The 适老化 numbers on the visible screen: text ≥ minFont px, paragraph line height ≥ 1.5,
 * buttons ≥ 64×64, nothing sticking out sideways (clipped) and nothing wider than its box.
 */
export async function sizeProblems(page: Page, minFont: number): Promise<SizeProblem[]> {
  return page.evaluate((minFont) => {
    const out: { what: string; value: string }[] = [];
    const root = document.querySelector('.kiosk');
    if (!root) return [{ what: 'no .kiosk root', value: '' }];
    const vw = window.innerWidth;
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      return (
        r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none' && !el.closest('.sr-only, [aria-hidden="true"]')
      );
    };
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} “${(el.textContent ?? '').trim().slice(0, 20)}”`;
    for (const el of root.querySelectorAll('*')) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.right > vw + 1 || r.left < -1)
        out.push({ what: `sticks out sideways: ${name(el)}`, value: `${Math.round(r.left)}–${Math.round(r.right)} of ${vw}` });
      const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
      if (hasText) {
        const fs = parseFloat(getComputedStyle(el).fontSize);
        if (fs < minFont - 0.5) out.push({ what: `text smaller than ${minFont}px: ${name(el)}`, value: `${fs}px` });
        if (el.scrollWidth > el.clientWidth + 2 && getComputedStyle(el).overflowX !== 'visible') {
          out.push({ what: `text clipped: ${name(el)}`, value: `${el.scrollWidth} > ${el.clientWidth}` });
        }
      }
      if (['P', 'LI', 'DD'].includes(el.tagName) && hasText) {
        const cs = getComputedStyle(el);
        const lh = parseFloat(cs.lineHeight) / parseFloat(cs.fontSize);
        if (lh < 1.49) out.push({ what: `line height below 1.5: ${name(el)}`, value: lh.toFixed(2) });
      }
      if (el.tagName === 'BUTTON' || el.getAttribute('role') === 'radio') {
        if (r.width < 63.5 || r.height < 63.5)
          out.push({ what: `touch target below 64×64: ${name(el)}`, value: `${Math.round(r.width)}×${Math.round(r.height)}` });
      }
    }
    return out;
  }, minFont);
}

export const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A list row (item, announcement, document) by its exact title (topic rows carry a hidden "第N步："). */
export function rowButton(page: Page, title: string) {
  return page
    .locator('button.row-btn')
    .filter({ has: page.locator('.row-title').filter({ hasText: new RegExp(`(^|：)\\s*${esc(title)}$`) }) });
}

/** A tile (department, topic) by its exact label. */
export function tileButton(page: Page, label: string) {
  return page.locator('button.tile').filter({ has: page.locator('.tile-label').filter({ hasText: new RegExp(`^${esc(label)}$`) }) });
}

/** The texts a disclosure element must show for an item (lists: every entry; steps: their titles). */
export function disclosureTexts(item: ServiceItem, key: DisclosureKey): string[] {
  switch (key) {
    case 'basis':
    case 'conditions':
      return item[key];
    case 'steps':
      return item.steps.map((s) => s.title);
    default:
      return [item[key]];
  }
}
