/**
 * Helpers for the wall display specs (display-*.spec.ts): a content folder with
 * the test's own announcements, a display opened under a paused fake clock, and
 * readers for what is on the wall and in the play log.
 */
import { expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import type { Announcement, SiteBundle } from '../kiosk/src/bundle/schema.ts';
import type { PlayLogEntry } from '../kiosk/src/store/db.ts';
import { copyPublished, editPublished, readSiteBundle, type RunningServer } from './support/fixtures.ts';

export const SITE = 'baihe';
/** County time: "2026-11-25T09:00" → epoch ms (+08:00). */
export const at = (local: string) => Date.parse(`${local}${local.length === 16 ? ':00' : ''}+08:00`);
export const iso = (local: string) => new Date(at(local)).toISOString();

export function announcement(
  id: string,
  title: string,
  paragraphs: string[],
  opts: { publishAt: string; expireAt?: string; urgent?: boolean; displaySeconds?: number },
): Announcement {
  return {
    id,
    title,
    html: paragraphs.map((p) => `<p>${p}</p>`).join('\n'),
    text: paragraphs.join('\n'),
    publishAt: iso(opts.publishAt),
    expireAt: opts.expireAt ? iso(opts.expireAt) : undefined,
    priority: opts.urgent ? 'urgent' : 'normal',
    displaySeconds: opts.displaySeconds,
  };
}

/** Copies the published demo content, replaces the site's announcements (and whatever `edit` does), serves it. */
export async function serveWith(
  workDir: string,
  serveContent: (dir: string) => Promise<RunningServer>,
  announcements: Announcement[] | ((demo: Announcement[]) => Announcement[]),
  edit?: (b: SiteBundle) => SiteBundle,
): Promise<{ url: string; dir: string; bundle: SiteBundle }> {
  const dir = await copyPublished(join(workDir, 'content'));
  await editPublished(dir, {
    sites: [SITE],
    editBundle: (b) => {
      b.announcements = typeof announcements === 'function' ? announcements(b.announcements) : announcements;
      return edit ? edit(b) : b;
    },
  });
  const server = await serveContent(dir);
  return { url: server.url, dir, bundle: await readSiteBundle(dir, SITE) };
}

/** Opens the display with the page's clock paused at `localTime`, and waits for the first slide. */
export async function openDisplay(page: Page, url: string, localTime: string, query = ''): Promise<void> {
  const t = at(localTime);
  await page.clock.install({ time: t - 1000 });
  await page.clock.pauseAt(t);
  await page.goto(`${url}/?site=${SITE}&mode=display${query}`);
  await until(page, async () => (await page.locator('.dsp-layer.is-front .slide, .dsp-layer.is-front .closed').count()) > 0);
}

/** Lets fake time move in small steps (timers fire, fetches resolve in real time) until `ok`. */
export async function until(page: Page, ok: () => Promise<boolean>, stepMs = 100, tries = 150): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await ok()) return;
    await page.clock.runFor(stepMs);
    await page.waitForTimeout(40);
  }
  throw new Error('condition not reached');
}

export interface Shown {
  slide: string;
  page: string;
  seconds: number;
  title: string;
}

/** The page on the wall now (the front layer). */
export async function front(page: Page): Promise<Shown | null> {
  return page.evaluate(() => {
    const el = document.querySelector<HTMLElement>('.dsp-layer.is-front .slide, .dsp-layer.is-front .closed');
    if (!el) return null;
    return {
      slide: el.dataset.slide ?? '',
      page: el.dataset.page ?? '',
      seconds: Number(el.dataset.seconds ?? 0),
      title: el.querySelector('.slide-title')?.textContent ?? '',
    };
  });
}

/** Waits (in real time) until the wall shows something other than `prev`; the fake clock does not move. */
export async function nextShown(page: Page, prev: Shown | null): Promise<Shown> {
  const key = (s: Shown | null) => (s ? `${s.slide}|${s.page}` : '');
  for (let i = 0; i < 100; i++) {
    const now = await front(page);
    if (now && key(now) !== key(prev)) return now;
    await page.waitForTimeout(30);
  }
  throw new Error(`the wall still shows ${key(prev)}`);
}

/** Runs fake time forward in chunks so the loop's timers fire in order and the page can render between them. */
export async function runFor(page: Page, ms: number, chunkMs = 60_000): Promise<void> {
  let left = ms;
  while (left > 0) {
    const step = Math.min(chunkMs, left);
    await page.clock.runFor(step);
    left -= step;
    await page.waitForTimeout(10);
  }
}

/**
 * Runs the fake clock up to a county time. Opening the display moves fake time by
 * however many polling steps the start took on this machine, so a test that must
 * stand just before an instant measures from the page's clock, not from the open.
 */
export async function runUntil(page: Page, localTime: string, chunkMs = 60_000): Promise<void> {
  const now = await page.evaluate(() => Date.now());
  await runFor(page, at(localTime) - now, chunkMs);
}

export async function playLog(page: Page): Promise<PlayLogEntry[]> {
  await page.waitForTimeout(200); // last writes
  return page.evaluate(
    () =>
      new Promise<PlayLogEntry[]>((resolve, reject) => {
        const req = indexedDB.open('bianmin-kiosk');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const get = db.transaction('playlog').objectStore('playlog').index('at').getAll();
          get.onsuccess = () => {
            resolve(get.result as PlayLogEntry[]);
            db.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

/**
 * Everything inside the visible slide that sticks out of its body or out of the
 * screen (should be nothing), plus the smallest font size used in the body.
 */
export async function overflowReport(page: Page): Promise<{ offenders: string[]; minFontPx: number; bodyScrolls: boolean }> {
  return page.evaluate(() => {
    const offenders: string[] = [];
    let minFontPx = Infinity;
    const slide = document.querySelector<HTMLElement>('.dsp-layer.is-front .slide, .dsp-layer.is-front .closed');
    if (!slide) return { offenders: ['no slide'], minFontPx: 0, bodyScrolls: false };
    const body = slide.querySelector<HTMLElement>('.slide-body') ?? slide;
    const box = body.getBoundingClientRect();
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    for (const el of Array.from(slide.querySelectorAll<HTMLElement>('*'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const inBody = body.contains(el) && el !== body;
      const limit = inBody ? box : { left: 0, top: 0, right: vw, bottom: vh };
      if (r.bottom > limit.bottom + 1 || r.right > limit.right + 1 || r.left < limit.left - 1 || r.top < limit.top - 1) {
        offenders.push(
          `${el.className || el.tagName}: ${Math.round(r.top)}–${Math.round(r.bottom)} × ${Math.round(r.left)}–${Math.round(r.right)} (limit ${Math.round(limit.top)}–${Math.round(limit.bottom)})`,
        );
      }
      if (inBody && el.childNodes.length && Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent!.trim())) {
        minFontPx = Math.min(minFontPx, parseFloat(getComputedStyle(el).fontSize));
      }
    }
    return { offenders, minFontPx: minFontPx === Infinity ? 0 : minFontPx, bodyScrolls: body.scrollHeight > body.clientHeight + 1 };
  });
}

/** Text of the body of the slide on the wall, without the list markers and field labels the display adds. */
export async function bodyText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const body = document.querySelector('.dsp-layer.is-front .slide-body')!.cloneNode(true) as HTMLElement;
    body.querySelectorAll('.ln-marker, .blk-label').forEach((e) => e.remove());
    return body.textContent ?? '';
  });
}

/** Text content of an HTML fragment, as the browser reads it. */
export async function htmlText(page: Page, html: string): Promise<string> {
  return page.evaluate((h) => {
    const t = document.createElement('template');
    t.innerHTML = h;
    return t.content.textContent ?? '';
  }, html);
}

/** Shows slides one page at a time: returns what was shown, letting each page run its full time. */
export async function walk(page: Page, count: number, first?: Shown): Promise<Shown[]> {
  const seen: Shown[] = [];
  let cur = first ?? (await front(page))!;
  for (let i = 0; i < count; i++) {
    seen.push(cur);
    // One second before its time is up the page is still there …
    await page.clock.runFor(cur.seconds * 1000 - 1000);
    await page.waitForTimeout(60);
    expect(await front(page), `${cur.slide} ${cur.page} stays ${cur.seconds} s`).toMatchObject({ slide: cur.slide, page: cur.page });
    // … and one second later the next one is.
    await page.clock.runFor(1000);
    cur = await nextShown(page, cur);
  }
  return seen;
}
