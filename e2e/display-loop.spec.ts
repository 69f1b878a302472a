/**
 * The wall display loop (issue 5): rotation order and durations, pagination of an
 * over-long announcement, validity windows without reload, urgent interrupt,
 * closed hours, content update at the slide boundary. Fake clock throughout.
 */
import type { Announcement } from '../kiosk/src/bundle/schema.ts';
import { editPublished } from './support/fixtures.ts';
import { test, expect } from './support/fixtures.ts';
import {
  announcement,
  at,
  bodyText,
  front,
  htmlText,
  nextShown,
  openDisplay,
  overflowReport,
  playLog,
  runFor,
  runUntil,
  serveWith,
  SITE,
  walk,
  until,
  type Shown,
} from './display-helpers.ts';

test.describe('display loop', () => {
  test.describe.configure({ timeout: 240_000 });
  test('rotates announcements, items, staff on duty and centre info, each for its computed time', async ({
    page,
    workDir,
    serveContent,
    shot,
  }) => {
    const { url, bundle } = await serveWith(
      workDir,
      serveContent,
      [
        announcement('a-old', '关于冬季作息时间的通知', ['办'.repeat(100)], { publishAt: '2026-11-20T08:00' }),
        announcement('a-new', '医保缴费提醒', ['请于年底前完成缴费。'], { publishAt: '2026-11-24T08:00', displaySeconds: 12 }),
        announcement('a-expired', '已过期的公告', ['不应出现。'], { publishAt: '2026-11-01T08:00', expireAt: '2026-11-10T00:00' }),
        announcement('a-future', '尚未发布的公告', ['不应出现。'], { publishAt: '2026-12-01T08:00' }),
      ],
      (b) => {
        // One person on duty on weekdays: the staff slide is in the cycle on this Wednesday.
        b.staff = [
          {
            id: 'd-1',
            name: '周敏',
            position: '窗口负责人',
            window: '1',
            post: 'A',
            partner: '',
            roster: [{ weekdays: [1, 2, 3, 4, 5], onDuty: true }],
          },
        ];
        return b;
      },
    );
    await openDisplay(page, url, '2026-11-25T09:00');
    await expect(page.locator('.dsp-name')).toHaveText(bundle.site.name);
    await expect(page.locator('.dsp-lunar')).toHaveText('农历丙午年十月十七');
    await expect(page.locator('.dsp-time')).toHaveText('09:00');

    // Expected cycle: newest announcement first, three items, staff on duty, centre info.
    const cycle = ['ann:a-new', 'ann:a-old', ...bundle.items.slice(0, 3).map((i) => 'item:' + i.code), 'staff', 'centre'];

    const first = await front(page);
    expect(first?.slide).toBe('ann:a-new');
    await shot('display-announcement');
    const seen: Shown[] = [];
    let cur = first!;
    // Walk one full cycle plus the start of the next one.
    while (seen.filter((s) => s.page.startsWith('1/')).length < cycle.length + 2) {
      const shotName =
        cur.slide === 'staff'
          ? 'display-staff'
          : cur.slide === 'centre'
            ? 'display-centre'
            : cur.slide.startsWith('item:') && cur.page.startsWith('1/')
              ? 'display-item'
              : '';
      if (shotName) {
        await page.waitForTimeout(900); // let the crossfade finish (real time; the fake clock stands still)
        await shot(shotName);
      }
      const [s] = await walk(page, 1, cur);
      seen.push(s);
      cur = (await front(page))!;
    }
    const order = seen.filter((s) => s.page.startsWith('1/')).map((s) => s.slide);
    // Second cycle continues with the next three items.
    expect(order).toEqual([...cycle, 'ann:a-new', 'ann:a-old']);
    // Durations: the hint, the reading-speed rule (3 s + 5 chars/s over title and text), the bounds.
    expect(seen.find((s) => s.slide === 'ann:a-new')!.seconds).toBe(12);
    expect(seen.find((s) => s.slide === 'ann:a-old')!.seconds).toBe(Math.ceil(3 + (100 + '关于冬季作息时间的通知'.length) / 5));
    for (const s of seen) {
      expect(s.seconds).toBeGreaterThanOrEqual(8);
      expect(s.seconds).toBeLessThanOrEqual(60);
    }
    // Pages of a slide come in order 1/n … n/n.
    const itemPages = seen.filter((s) => s.slide === cycle[2]).map((s) => s.page);
    expect(itemPages).toEqual(itemPages.map((_, i) => `${i + 1}/${itemPages.length}`));

    // The play log has every page, with the time it was on the wall.
    const log = await playLog(page);
    const logged = log.filter((e) => e.slide.startsWith('announcement:a-new'));
    expect(logged[0]).toMatchObject({ siteCode: SITE, ms: 12_000, title: '医保缴费提醒' });
    expect(log.some((e) => e.slide.includes('expired') || e.slide.includes('future'))).toBe(false);
  });

  test('paginates an over-long announcement to the screen: nothing clipped, every part shown in turn', async ({
    page,
    workDir,
    serveContent,
    shot,
  }) => {
    // The demo content's longest announcement (≥ 1500 characters, with headings and lists).
    let long: Announcement | undefined;
    const { url } = await serveWith(workDir, serveContent, (demo) => {
      long = [...demo].sort((x, y) => y.text.length - x.text.length)[0];
      return [
        { ...long, id: 'a-long', publishAt: new Date(at('2026-11-24T08:00')).toISOString(), expireAt: undefined, priority: 'normal' },
      ];
    });
    expect(long!.text.length).toBeGreaterThanOrEqual(1500);
    await openDisplay(page, url, '2026-11-25T09:00');
    let cur = (await front(page))!;
    expect(cur.slide).toBe('ann:a-long');
    const count = Number(cur.page.split('/')[1]);
    expect(count).toBeGreaterThan(1);
    let text = '';
    for (let i = 1; i <= count; i++) {
      expect(cur).toMatchObject({ slide: 'ann:a-long', page: `${i}/${count}` });
      await expect(page.locator('.dsp-layer.is-front .pager')).toHaveText(`${i}/${count}`);
      const report = await overflowReport(page);
      expect(report.offenders).toEqual([]);
      expect(report.bodyScrolls).toBe(false);
      expect(report.minFontPx).toBeGreaterThanOrEqual(20);
      text += await bodyText(page);
      if (i <= 2) {
        await page.waitForTimeout(900); // let the crossfade finish (real time)
        await shot(`display-long-${i}of${count}`);
      }
      [cur] = (await walk(page, 1, cur)).slice(-1);
      cur = (await front(page))!;
    }
    expect(cur.slide).not.toBe('ann:a-long');
    const squash = (s: string) => s.replace(/\s+/g, '');
    expect(squash(text)).toBe(squash(await htmlText(page, long!.html)));
  });

  test('an announcement appears at its publish time and is gone at its expiry, without reload', async ({ page, workDir, serveContent }) => {
    const { url } = await serveWith(workDir, serveContent, [
      announcement('a-window', '临时停电通知', ['因线路检修，本中心明日上午暂停办理需联网的业务。'], {
        publishAt: '2026-11-25T09:10',
        expireAt: '2026-11-25T09:40',
      }),
    ]);
    await openDisplay(page, url, '2026-11-25T09:00');
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));
    await runFor(page, 60 * 60_000); // 09:00 → 10:00
    const log = await playLog(page);
    const shown = log.filter((e) => e.slide === 'announcement:a-window');
    expect(shown.length).toBeGreaterThan(0);
    for (const e of shown) {
      expect(e.at).toBeGreaterThanOrEqual(at('2026-11-25T09:10'));
      expect(e.at + e.ms).toBeLessThanOrEqual(at('2026-11-25T09:40'));
    }
    // Taken into the very next cycle: on the wall within one cycle of its publish time.
    // The cycle running at 09:10 ends with the centre slide; the next cycle opens with the new announcement.
    const firstCentre = log.findIndex((e) => e.at >= at('2026-11-25T09:10') && e.slide.startsWith('centre'));
    const nextCycle = log.slice(firstCentre).find((e) => !e.slide.startsWith('centre'));
    expect(nextCycle).toEqual(shown[0]);
    // Still listed afterwards? Not in the loop, and the page was never reloaded.
    expect(log.some((e) => e.slide === 'announcement:a-window' && e.at >= at('2026-11-25T09:40'))).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { marker: string }).marker)).toBe('same page');
  });

  test('an urgent announcement interrupts at once, recurs until it expires, and runs in the footer', async ({
    page,
    workDir,
    serveContent,
    shot,
  }) => {
    const { url } = await serveWith(workDir, serveContent, [
      announcement('u-water', '紧急通知：今日下午停水', ['因供水管网抢修，今日14时至18时白鹤街沿线停水，请提前储水。'], {
        publishAt: '2026-11-25T09:05',
        expireAt: '2026-11-25T10:05',
        urgent: true,
      }),
      announcement('a-normal', '医保缴费提醒', ['请于年底前完成缴费。'], { publishAt: '2026-11-20T08:00' }),
    ]);
    await openDisplay(page, url, '2026-11-25T09:00');
    await expect(page.locator('.marquee')).not.toHaveAttribute('aria-label', /紧急通知/);
    await runUntil(page, '2026-11-25T09:04:58', 10_000);
    expect((await front(page))!.slide).not.toBe('ann:u-water');
    await page.clock.runFor(2100); // 09:05:00.1
    await expect(page.locator('.dsp-layer.is-front .slide')).toHaveAttribute('data-slide', 'ann:u-water');
    await expect(page.locator('.dsp-layer.is-front .slide-tag')).toHaveText('紧急通知');
    await expect(page.locator('.marquee')).toHaveAttribute('aria-label', /【紧急通知】紧急通知：今日下午停水/);
    await page.waitForTimeout(900);
    await shot('display-urgent');

    await runFor(page, 70 * 60_000); // until 10:15
    const log = await playLog(page);
    const urgent = log.filter((e) => e.slide === 'announcement:u-water');
    expect(urgent[0].at).toBe(at('2026-11-25T09:05:00') + 5); // the boundary timer fires 5 ms after the instant
    // Recurs: after every 3 regular slides while live.
    const live = log.filter((e) => e.at >= at('2026-11-25T09:05') && e.at < at('2026-11-25T10:05'));
    let since = 0;
    for (const e of live) {
      if (e.slide === 'announcement:u-water') since = 0;
      else if (!/#[2-9]/.test(e.slide)) since++; // count slides, not later pages
      expect(since).toBeLessThanOrEqual(3);
    }
    expect(urgent.length).toBeGreaterThan(5);
    // Gone at expiry, from the loop and from the footer.
    expect(urgent.every((e) => e.at + e.ms <= at('2026-11-25T10:05'))).toBe(true);
    await expect(page.locator('.marquee')).not.toHaveAttribute('aria-label', /紧急通知/);
  });

  test('outside opening hours shows the closed layout with the next opening, and resumes at opening time', async ({
    page,
    workDir,
    serveContent,
    shot,
  }) => {
    const { url, bundle } = await serveWith(workDir, serveContent, []);
    await openDisplay(page, url, '2026-11-25T20:30'); // Wednesday evening
    const closed = page.locator('.dsp-layer.is-front .closed');
    await expect(closed).toBeVisible();
    await expect(closed.getByText('非办公时间')).toBeVisible();
    await expect(closed).toContainText('下次开放：明天 08:30');
    await expect(closed).toContainText(bundle.county.hotline.number);
    await expect(closed).toContainText(bundle.site.phones.supervision.number);
    await page.waitForTimeout(900);
    await shot('display-closed');
    // Midnight: "明天" becomes "今天".
    await runFor(page, 4 * 3600_000, 10 * 60_000); // 00:30
    await expect(closed).toContainText('下次开放：今天 08:30');
    // Opening time: the loop starts.
    await runFor(page, 8 * 3600_000, 10 * 60_000); // 08:30
    await page.clock.runFor(1000);
    await expect(page.locator('.dsp-layer.is-front .slide')).toBeVisible();
    // Lunch break.
    await runFor(page, 3.5 * 3600_000 + 1000, 60_000); // 12:00
    await expect(closed).toContainText('下次开放：今天 14:00');
  });

  test('a new content version is taken at the next slide boundary, without cutting the slide', async ({ page, workDir, serveContent }) => {
    const { url, dir, bundle } = await serveWith(workDir, serveContent, [
      announcement('a-long-enough', '关于冬季作息时间的通知', ['办'.repeat(150)], { publishAt: '2026-11-20T08:00' }),
    ]);
    await openDisplay(page, url, '2026-11-25T09:00', '&poll=5');
    const first = (await front(page))!;
    expect(first.slide).toBe('ann:a-long-enough');
    expect(first.seconds).toBeGreaterThan(20);

    const updated = await editPublished(dir, {
      sites: [SITE],
      editBundle: (b) => {
        b.site.name = '白鹤镇便民服务中心（新版）';
        b.announcements.push({
          id: 'a-fresh',
          title: '新发布的公告',
          html: '<p>内容更新后显示。</p>',
          text: '内容更新后显示。',
          publishAt: new Date(at('2026-11-25T08:59')).toISOString(),
          priority: 'normal',
        });
        return b;
      },
    });
    // Let the kiosk poll (fake time), fetch and verify (real time).
    // (The demo content copied into this test may be at any version: wait for the one just published,
    // stored and waiting for the slide boundary.)
    const version = () => page.locator('html').getAttribute('data-content-pending');
    for (let i = 0; i < 100 && (await version()) !== String(updated.version); i++) {
      await page.clock.runFor(1000);
      await page.waitForTimeout(100);
    }
    expect(await version()).toBe(String(updated.version));
    // Same slide, same page, old header until the boundary.
    await page.waitForTimeout(300);
    expect(await front(page)).toEqual(first);
    await expect(page.locator('.dsp-name')).toHaveText(bundle.site.name);
    // Until the page's time is up: the same page and the old header; then the new content.
    let next = first;
    for (let i = 0; i < first.seconds + 2 && next.slide === first.slide; i++) {
      await expect(page.locator('.dsp-name')).toHaveText(bundle.site.name);
      await page.clock.runFor(1000);
      await page.waitForTimeout(80);
      next = (await front(page))!;
    }
    expect(next.slide).toBe('ann:a-fresh'); // a fresh cycle of the new content, newest first
    await expect(page.locator('.dsp-name')).toHaveText('白鹤镇便民服务中心（新版）');
    const log = await playLog(page);
    expect(log[0]).toMatchObject({ slide: 'announcement:a-long-enough', ms: first.seconds * 1000 });
  });
});

test.describe('display transitions and play log export', () => {
  test('the next slide fades in over the previous one: no empty, white or black frame between them', async ({
    page,
    workDir,
    serveContent,
  }) => {
    const { url } = await serveWith(workDir, serveContent, [
      announcement('a-1', '医保缴费提醒', ['请于年底前完成缴费。'], { publishAt: '2026-11-24T08:00', displaySeconds: 10 }),
    ]);
    await openDisplay(page, url, '2026-11-25T09:00');
    const bg = await page.evaluate(() => [
      getComputedStyle(document.documentElement).backgroundColor,
      getComputedStyle(document.body).backgroundColor,
    ]);
    for (const c of bg) {
      const [r, g, b] = c.match(/\d+/g)!.map(Number);
      expect(0.2126 * r + 0.7152 * g + 0.0722 * b, `page background ${c} is dark`).toBeLessThan(60);
      expect(r + g + b, `page background ${c} is not black`).toBeGreaterThan(20);
    }
    const first = (await front(page))!;
    await page.clock.runFor(first.seconds * 1000);
    // Sample the layers while the fade runs (real time: CSS transitions are not on the fake clock).
    const samples: { front: number; behind: number; behindHasSlide: boolean }[] = [];
    for (let i = 0; i < 30; i++) {
      samples.push(
        await page.evaluate(() => {
          const f = document.querySelector<HTMLElement>('.dsp-layer.is-front');
          const b = document.querySelector<HTMLElement>('.dsp-layer.is-behind');
          return {
            front: f ? Number(getComputedStyle(f).opacity) : -1,
            behind: b ? Number(getComputedStyle(b).opacity) : -1,
            behindHasSlide: !!b?.querySelector('.slide'),
          };
        }),
      );
      await page.waitForTimeout(25);
    }
    const fading = samples.filter((x) => x.front > 0 && x.front < 1);
    expect(fading.length, 'the new slide fades in (opacity between 0 and 1 for a while)').toBeGreaterThan(0);
    for (const s of fading) {
      expect(s.behind, 'the previous slide stays fully opaque under the incoming one').toBe(1);
      expect(s.behindHasSlide).toBe(true);
    }
    expect(
      samples.every((x) => x.front !== 0 || x.behind === 1),
      'never an empty frame',
    ).toBe(true);
    const next = await nextShown(page, first);
    expect(next.slide).not.toBe(first.slide);
    // While fading, the previous slide is still there, opaque, under the new one.
    const layers = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.dsp-stage > .dsp-layer:not(.dsp-measure)')).map((l) => ({
        cls: l.className,
        opacity: getComputedStyle(l).opacity,
        z: getComputedStyle(l).zIndex,
        transition: getComputedStyle(l).transitionProperty + ' ' + getComputedStyle(l).transitionDuration,
        slide: l.querySelector<HTMLElement>('.slide')?.dataset.slide ?? '',
      })),
    );
    const frontLayer = layers.find((l) => l.cls.includes('is-front'))!;
    expect(frontLayer.slide).toBe(next.slide);
    expect(frontLayer.transition).toContain('opacity');
    const behind = layers.find((l) => l.cls.includes('is-behind'));
    if (behind) {
      expect(behind.slide).toBe(first.slide);
      expect(behind.opacity).toBe('1');
      expect(Number(behind.z)).toBeLessThan(Number(frontLayer.z));
    }
    // After the fade the old layer is emptied: the DOM holds one slide.
    await page.waitForTimeout(900);
    await page.clock.runFor(1000);
    await expect(page.locator('.dsp-stage > .dsp-layer:not(.dsp-measure) .slide')).toHaveCount(1);
    await expect(page.locator('.dsp-measure *')).toHaveCount(0);
  });

  test('the play log can be exported as CSV and JSON', async ({ page, workDir, serveContent, shot }) => {
    const { url } = await serveWith(workDir, serveContent, [
      announcement('a-1', '医保缴费提醒', ['请于年底前完成缴费。'], { publishAt: '2026-11-24T08:00', displaySeconds: 10 }),
    ]);
    await openDisplay(page, url, '2026-11-25T09:00');
    await runFor(page, 5 * 60_000, 30_000);
    const n = (await playLog(page)).length;
    expect(n).toBeGreaterThan(3);
    await page.goto(`${url}/?site=${SITE}&mode=display&export=playlog`);
    await until(page, async () => (await page.getByText(/共 \d+ 条记录/).count()) > 0);
    await expect(page.getByRole('heading', { name: '播放记录导出' })).toBeVisible();
    await expect(page.getByText(`共 ${n} 条记录`)).toBeVisible();
    await expect(page.getByRole('cell', { name: 'announcement:a-1' })).toBeVisible();
    await shot('display-playlog-export');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: '下载 CSV' }).click();
    const file = await (await download).path();
    const csv = (await import('node:fs')).readFileSync(file, 'utf8');
    expect(csv.split('\n')[0]).toBe('\ufeff时间,站点,内容,标题,显示毫秒,内容版本');
    expect(csv).toContain(',baihe,announcement:a-1,医保缴费提醒,10000,');
    expect(csv.split('\n')).toHaveLength(n + 1);
  });
});
