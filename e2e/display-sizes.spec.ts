/**
 * Resolution independence: the wall loop at 1920×1080, 1080×1920, 3840×2160 and
 * 1366×768 (nothing overflows, text stays readable, screenshots saved), and the
 * ticker mode on LED strips of 1920×160 and 768×96 (one line, seamless scroll at
 * `?speed=`). Sizes are set per test, so each runs once (landscape project).
 */
import { test, expect } from './support/fixtures.ts';
import { announcement, front, openDisplay, overflowReport, serveWith, SITE, until, walk } from './display-helpers.ts';

const SCREENS = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '1080x1920', width: 1080, height: 1920 },
  { name: '3840x2160', width: 3840, height: 2160 },
  { name: '1366x768', width: 1366, height: 768 },
];

const ANNOUNCEMENTS = [
  announcement('u-1', '紧急通知：今日下午停水', ['因供水管网抢修，今日14时至18时白鹤街沿线停水，请提前储水。'], {
    publishAt: '2026-11-25T08:00',
    expireAt: '2026-11-26T08:00',
    urgent: true,
  }),
  announcement('a-1', '关于冬季作息时间的通知', ['自十二月一日起，本中心实行冬季作息时间。'.repeat(12)], { publishAt: '2026-11-20T08:00' }),
];

test.describe('display at each resolution', () => {
  test.beforeEach(() => test.skip(test.info().project.name !== 'landscape', 'sizes are set per test'));
  for (const screen of SCREENS) {
    test(`${screen.name}: every slide of a cycle fits the screen`, async ({ page, workDir, serveContent, shot }) => {
      test.setTimeout(180_000);
      await page.setViewportSize({ width: screen.width, height: screen.height });
      const { url } = await serveWith(workDir, serveContent, ANNOUNCEMENTS);
      await openDisplay(page, url, '2026-11-25T09:00');
      const shotOf = new Set<string>();
      let cur = (await front(page))!;
      for (let i = 0; i < 40 && !shotOf.has('centre'); i++) {
        const report = await overflowReport(page);
        expect(report.offenders, `${cur.slide} ${cur.page}`).toEqual([]);
        expect(report.bodyScrolls).toBe(false);
        expect(report.minFontPx).toBeGreaterThanOrEqual(20);
        const kind = cur.slide.split(':')[0];
        if (!shotOf.has(kind) && cur.page.startsWith('1/')) {
          shotOf.add(kind);
          await page.waitForTimeout(900); // the crossfade
          await shot(`display-${screen.name}-${kind}`);
        }
        [cur] = await walk(page, 1, cur).then(async () => [(await front(page))!]);
      }
      expect([...shotOf].sort()).toEqual(expect.arrayContaining(['ann', 'centre', 'item']));
      // Header and footer inside the screen.
      for (const sel of ['.dsp-head', '.dsp-foot']) {
        const box = (await page.locator(sel).boundingBox())!;
        expect(box.y + box.height).toBeLessThanOrEqual(screen.height + 1);
        expect(box.width).toBeLessThanOrEqual(screen.width + 1);
      }
    });
  }

  test('turning the screen re-paginates the slide on show for the new size, keeping one page timer', async ({
    page,
    workDir,
    serveContent,
  }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    const { url } = await serveWith(workDir, serveContent, (demo) => {
      const long = [...demo].sort((x, y) => y.text.length - x.text.length)[0];
      return [{ ...long, publishAt: '2026-11-24T08:00:00+08:00', expireAt: undefined, priority: 'normal' as const }];
    });
    await openDisplay(page, url, '2026-11-25T09:00');
    const before = (await front(page))!;
    const frontSlot = () => page.locator('.dsp-layer.is-front').getAttribute('data-slot');
    const slotBefore = await frontSlot();
    await page.setViewportSize({ width: 1080, height: 1920 });
    await page.clock.runFor(400); // resize is debounced by 300 ms
    // The re-paginated page is presented like any new page: in the other layer.
    await until(page, async () => (await frontSlot()) !== slotBefore);
    const after = (await front(page))!;
    expect(after.page).toMatch(/^1\//);
    expect(after.slide).toBe(before.slide);
    expect((await overflowReport(page)).offenders).toEqual([]);
    // Pages still advance once per their time (walk checks both ends of every page).
    const pages = await walk(page, 3, after);
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3].map((i) => `${i}/${after.page.split('/')[1]}`));
  });

  test('1366x768 closed hours', async ({ page, workDir, serveContent, shot }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    const { url } = await serveWith(workDir, serveContent, ANNOUNCEMENTS);
    await openDisplay(page, url, '2026-11-25T21:00');
    await expect(page.locator('.dsp-layer.is-front .closed')).toContainText('下次开放：明天 08:30');
    expect((await overflowReport(page)).offenders).toEqual([]);
    await page.waitForTimeout(900);
    await shot('display-1366x768-closed');
  });
});

test.describe('ticker mode on LED strips', () => {
  test.beforeEach(() => test.skip(test.info().project.name !== 'landscape', 'sizes are set per test'));
  for (const strip of [
    { name: '1920x160', width: 1920, height: 160, speed: 200 },
    { name: '768x96', width: 768, height: 96, speed: 80 },
  ]) {
    test(`${strip.name}: one line scrolling at ?speed=${strip.speed}`, async ({ page, workDir, serveContent, shot }) => {
      await page.setViewportSize({ width: strip.width, height: strip.height });
      const { url, bundle } = await serveWith(workDir, serveContent, [
        ...ANNOUNCEMENTS,
        announcement('a-gone', '已过期的公告', ['x'], { publishAt: '2026-11-01T08:00', expireAt: '2026-11-02T08:00' }),
      ]);
      await page.clock.install({ time: Date.parse('2026-11-25T09:00:00+08:00') });
      await page.goto(`${url}/?site=${SITE}&mode=ticker&speed=${strip.speed}`);
      const marquee = page.locator('.tkr .marquee');
      await expect(marquee).toHaveAttribute('aria-label', /【紧急通知】紧急通知：今日下午停水/);
      const label = (await marquee.getAttribute('aria-label'))!;
      expect(label).toContain('【公告】关于冬季作息时间的通知');
      expect(label).toContain(bundle.site.phones.supervision.number);
      expect(label).not.toContain('已过期');
      // Urgent first.
      expect(label.indexOf('紧急通知')).toBeLessThan(label.indexOf('冬季作息'));
      const m = await page.evaluate(() => {
        const track = document.querySelector<HTMLElement>('.tkr .marquee-track')!;
        const copies = track.querySelectorAll<HTMLElement>('.marquee-copy');
        const anim = track.getAnimations()[0];
        return {
          lines: Math.round(copies[0].getBoundingClientRect().height / parseFloat(getComputedStyle(copies[0]).lineHeight)),
          trackHeight: track.getBoundingClientRect().height,
          copyWidth: copies[0].getBoundingClientRect().width,
          sameText: copies[0].textContent === copies[1].textContent,
          duration: parseFloat(getComputedStyle(track).animationDuration),
          shift: track.style.getPropertyValue('--marquee-shift'),
          running: anim?.playState,
          fontPx: parseFloat(getComputedStyle(track).fontSize),
        };
      });
      expect(m.lines).toBe(1);
      expect(m.trackHeight).toBeLessThanOrEqual(strip.height);
      expect(m.fontPx).toBeGreaterThan(strip.height * 0.5);
      expect(m.sameText).toBe(true); // two identical copies: the loop is seamless
      expect(m.shift).toBe(`-${m.copyWidth}px`);
      expect(m.duration).toBeCloseTo(m.copyWidth / strip.speed, 1);
      expect(m.running).toBe('running');
      await page.waitForTimeout(1500);
      await shot(`ticker-${strip.name}`);
      // The urgent notice leaves the line at its expiry.
      await page.clock.runFor(24 * 3600_000);
      await expect(marquee).not.toHaveAttribute('aria-label', /紧急通知/);
    });
  }
});
