/**
 * The wall loop's engine: picks the next slide (LoopScheduler), paginates it for
 * the actual screen, hands each page to the view, keeps the play log, and keeps
 * exactly three timers — the page timer, one boundary timer (next publish/expiry
 * of an announcement or opening/closing time, whichever is first) and the
 * chrome refresh. Everything is rebuilt from the bundle at each boundary and
 * dropped afterwards: no list grows while it runs.
 */
import type { SiteBundle } from '../bundle/schema.ts';
import { nextBoundary } from '../bundle/validity.ts';
import { tickerLine } from '../present/ticker.ts';
import { nextOpeningBoundary, openState } from '../time/opening-hours.ts';
import { pageText, type Block } from './blocks.ts';
import { pageSeconds } from './duration.ts';
import { paginate } from './paginate.ts';
import { LoopScheduler } from './schedule.ts';
import {
  buildSlide,
  centreSlide,
  cycleKeys,
  ITEMS_PER_CYCLE,
  keyIsValid,
  urgentKeys,
  type HtmlToBlocks,
  type SlideSpec,
} from './slides.ts';

/** setTimeout's limit is ~24.8 days; we re-check at least every 6 hours anyway. */
const MAX_TIMER_MS = 6 * 3600_000;
/** How long the current slide stays while the page reloads for a new app version. */
const RELOAD_GRACE_MS = 30_000;

export interface PageView {
  type: 'page';
  /** Increases with every view presented. */
  seq: number;
  spec: Omit<SlideSpec, 'blocks'>;
  blocks: Block[];
  index: number;
  count: number;
  seconds: number;
}

export interface ClosedView {
  type: 'closed';
  seq: number;
  nextOpenLabel?: string;
}

export type View = PageView | ClosedView;

export interface Chrome {
  bundle: SiteBundle;
  /** Footer ticker: urgent titles, then the phones. */
  tickerItems: string[];
  urgentCount: number;
}

export interface LoopDeps {
  /**
   * Called at each slide boundary before the next slide is chosen (the apply gate takes waiting
   * content here). True = the app reloads for a new version: keep the current slide meanwhile.
   */
  atBoundary?: () => boolean;
  getBundle: () => SiteBundle | null;
  contentVersion: () => number;
  siteCode: () => string;
  now: () => number;
  htmlToBlocks: HtmlToBlocks;
  /** Whether these blocks fit one page of this slide on the actual screen. */
  fits: (spec: SlideSpec, blocks: Block[]) => boolean;
  /** Called after a slide has been paginated: empty the measuring copy. */
  measured: () => void;
  present: (view: View) => void;
  setChrome: (chrome: Chrome) => void;
  log: (entry: { at: number; ms: number; slide: string; title: string; contentVersion: number; siteCode: string }) => void;
}

/** The footer line: urgent titles and the phones (the other notices are slides of their own). */
export function tickerItems(bundle: SiteBundle, now: number): string[] {
  return tickerLine(bundle, now, { withNotices: false }).items;
}

export class DisplayLoop {
  private scheduler = new LoopScheduler();
  private bundle: SiteBundle | null = null;
  private spec: SlideSpec | null = null;
  private pages: Block[][] = [];
  private pageIndex = 0;
  private shownAt = 0;
  private shownKey = '';
  private shownTitle = '';
  private closed = false;
  private closedLabel: string | undefined;
  private seq = 0;
  private pageTimer: ReturnType<typeof setTimeout> | undefined;
  private boundaryTimer: ReturnType<typeof setTimeout> | undefined;
  private chromeKey = '';
  private running = false;

  constructor(private readonly deps: LoopDeps) {}

  /** True while the closed screen (非办公时间) is up: a still screen, any moment is a boundary. */
  get isClosed(): boolean {
    return this.running && this.closed;
  }

  start(): void {
    this.running = true;
    this.advance();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.pageTimer);
    clearTimeout(this.boundaryTimer);
    this.finishLog();
  }

  /**
   * A new bundle arrived: it is taken at the next page boundary (no cut, no flash) — unless it
   * brings an urgent notice not shown yet (the apply gate lets those through at once).
   */
  bundleChanged(bundle: SiteBundle | null): void {
    if (!this.running) return;
    if (!this.bundle || this.closed || (bundle && this.scheduler.hasUnseenUrgent(urgentKeys(bundle, this.deps.now())))) this.advance();
  }

  /** The screen size changed: paginate the current slide again for the new size. */
  resized(): void {
    if (!this.running || !this.spec || !this.bundle) return;
    this.pages = this.paginate(this.spec);
    this.pageIndex = Math.min(this.pageIndex, this.pages.length - 1);
    this.showPage();
  }

  /** Next page of the current slide, else the next slide. */
  private advance = (): void => {
    if (!this.running) return;
    clearTimeout(this.pageTimer);
    if (this.bundle && this.deps.atBoundary?.()) {
      // A new app version takes over now; should the reload not come, carry on after a while.
      this.pageTimer = setTimeout(this.advance, RELOAD_GRACE_MS);
      return;
    }
    const now = this.deps.now();
    const bundle = this.deps.getBundle();
    if (bundle !== this.bundle) {
      // Taken here, at a boundary. The cycle of the old bundle is dropped.
      this.bundle = bundle;
      this.closed = false; // the closed screen is presented again, from the new bundle
      this.scheduler.restartCycle();
      this.spec = null;
    }
    if (!bundle) return;
    this.updateChrome(now);

    const hours = openState(bundle.site.hours, now, bundle.county.timeZone);
    const hasHours = bundle.site.hours.days.length > 0 && bundle.site.hours.periods.length > 0;
    if (hasHours && !hours.open) {
      this.spec = null;
      this.showClosed(hours.nextOpen?.label);
      this.armBoundary(now);
      return;
    }
    this.closed = false;
    this.armBoundary(now);

    if (
      this.spec &&
      this.pageIndex + 1 < this.pages.length &&
      keyIsValid(bundle, this.spec.key, now) &&
      !this.scheduler.hasUnseenUrgent(urgentKeys(bundle, now))
    ) {
      this.pageIndex++;
      this.showPage();
      return;
    }
    this.spec = this.nextSlide(bundle, now);
    this.pages = this.paginate(this.spec);
    this.pageIndex = 0;
    this.showPage();
  };

  private nextSlide(bundle: SiteBundle, now: number): SlideSpec {
    // A few tries: a key may have become invalid, or build an empty slide.
    for (let i = 0; i < 12; i++) {
      const key = this.scheduler.next({
        urgent: urgentKeys(bundle, now),
        buildCycle: (itemStart) => cycleKeys(bundle, now, itemStart),
        isValid: (k) => keyIsValid(bundle, k, now),
        itemCount: bundle.items.length,
        itemsPerCycle: ITEMS_PER_CYCLE,
      });
      const spec = buildSlide(bundle, key, now, this.deps.htmlToBlocks);
      if (spec && (spec.blocks.length > 0 || spec.kind === 'announcement')) return spec;
    }
    // Never blank: the centre information slide needs nothing but the site.
    return centreSlide(bundle);
  }

  private paginate(spec: SlideSpec): Block[][] {
    const pages = paginate(spec.blocks, (blocks) => this.deps.fits(spec, blocks));
    this.deps.measured();
    return pages;
  }

  private showPage(): void {
    clearTimeout(this.pageTimer);
    const spec = this.spec!;
    const blocks = this.pages[this.pageIndex] ?? [];
    const count = this.pages.length;
    // The title is read on every page (it stays at the top), so it counts on every page.
    const seconds = pageSeconds(spec.title + pageText(blocks), spec.hintSeconds, count);
    const { blocks: _all, ...meta } = spec;
    const id = spec.kind === 'announcement' || spec.kind === 'item' ? `${spec.kind}:${spec.key.replace(/^(ann|item):/, '')}` : spec.kind;
    this.logShown(`${id}${count > 1 ? `#${this.pageIndex + 1}/${count}` : ''}`, spec.title);
    this.deps.present({ type: 'page', seq: ++this.seq, spec: meta, blocks, index: this.pageIndex + 1, count, seconds });
    this.pageTimer = setTimeout(this.advance, seconds * 1000);
  }

  private showClosed(label: string | undefined): void {
    if (this.closed && this.closedLabel === label) return;
    this.closed = true;
    this.closedLabel = label;
    this.logShown('closed', '非办公时间');
    this.deps.present({ type: 'closed', seq: ++this.seq, nextOpenLabel: label });
  }

  /** One timer for whatever changes next: an announcement's validity, opening hours, or midnight labels. */
  private armBoundary(now: number): void {
    clearTimeout(this.boundaryTimer);
    const bundle = this.bundle;
    if (!bundle) return;
    const candidates = [
      nextBoundary(bundle.announcements, now, bundle.county.timeZone),
      nextOpeningBoundary(bundle.site.hours, now, bundle.county.timeZone),
      // While closed, the "今天/明天" label changes at midnight: re-check every 10 minutes.
      this.closed ? now + 10 * 60_000 : null,
    ].filter((t): t is number => t !== null);
    const at = Math.min(now + MAX_TIMER_MS, ...candidates);
    this.boundaryTimer = setTimeout(this.onBoundary, Math.max(0, at - now) + 5);
  }

  private onBoundary = (): void => {
    if (!this.running) return;
    const now = this.deps.now();
    const bundle = this.bundle;
    if (!bundle) return;
    const hours = openState(bundle.site.hours, now, bundle.county.timeZone);
    const hasHours = bundle.site.hours.days.length > 0 && bundle.site.hours.periods.length > 0;
    const shouldClose = hasHours && !hours.open;
    const currentGone = !!this.spec && !keyIsValid(bundle, this.spec.key, now);
    if (shouldClose !== this.closed || currentGone || (!shouldClose && this.scheduler.hasUnseenUrgent(urgentKeys(bundle, now)))) {
      this.advance(); // interrupts the current page
      return;
    }
    if (this.closed) this.showClosed(hours.nextOpen?.label);
    this.updateChrome(now);
    this.armBoundary(now);
  };

  private updateChrome(now: number): void {
    const bundle = this.bundle;
    if (!bundle) return;
    const items = tickerItems(bundle, now);
    const key = this.deps.contentVersion() + '|' + items.join('|');
    if (key === this.chromeKey) return;
    this.chromeKey = key;
    this.deps.setChrome({ bundle, tickerItems: items, urgentCount: urgentKeys(bundle, now).length });
  }

  private logShown(key: string, title: string): void {
    this.finishLog();
    this.shownAt = this.deps.now();
    this.shownKey = key;
    this.shownTitle = title;
  }

  private finishLog(): void {
    if (!this.shownKey) return;
    const now = this.deps.now();
    this.deps.log({
      at: this.shownAt,
      ms: now - this.shownAt,
      slide: this.shownKey,
      title: this.shownTitle,
      contentVersion: this.deps.contentVersion(),
      siteCode: this.deps.siteCode(),
    });
    this.shownKey = '';
  }
}
