/**
 * Information screens: staff board (on duty today, AB cover), announcements
 * (validity respected with a controlled clock), centre information.
 */
import { isOnDuty, windowCover } from '../kiosk/src/bundle/roster.ts';
import { isLive, parseInstant } from '../kiosk/src/bundle/validity.ts';
import { addDays, zonedParts, zonedTimeToEpoch } from '../kiosk/src/time/zoned.ts';
import { demoBundle, homeTile, openHome, rowButton } from './kiosk-helpers.ts';
import { expect, test } from './support/fixtures.ts';

const TZ = 'Asia/Shanghai';

test('staff board: photo, name, post, partner, on duty today, and who covers an absent A post', async ({ page, shot }) => {
  const bundle = await demoBundle();
  test.skip(bundle.staff.length === 0, 'demo content has no staff');
  // Find a working day (10:00) within the next 90 days on which some window's A post is absent and B covers.
  const start = zonedParts(Date.now(), TZ).isoDate;
  let found: { epoch: number; window: string; a: string; b: string } | null = null;
  for (let d = 0; d < 90 && !found; d++) {
    const iso = addDays(start, d);
    const epoch = zonedTimeToEpoch(iso, '10:00', TZ);
    const { weekday } = zonedParts(epoch, TZ);
    for (const w of bundle.site.windows) {
      const c = windowCover(bundle.staff, w.number, iso, weekday);
      if (c.a && c.b && c.serving === c.b && !isOnDuty(c.a, iso, weekday)) {
        found = { epoch, window: w.number, a: c.a.name, b: c.b.name };
        break;
      }
    }
  }
  expect(found, 'the demo roster has a day with an absent A post covered by B').not.toBeNull();
  await page.clock.install({ time: found!.epoch });
  await openHome(page);
  await homeTile(page, '窗口人员').tap();
  await expect(page.getByRole('heading', { level: 1, name: '窗口人员' })).toBeVisible();

  const card = page.getByRole('region', { name: new RegExp(`^${found!.window}号窗口`) });
  await card.scrollIntoViewIfNeeded();
  await expect(card).toContainText(`今天A岗 ${found!.a} 不在，由B岗 ${found!.b} 代岗办理`);
  const person = (name: string) =>
    page.locator('.person').filter({ has: page.locator('.person-name', { hasText: new RegExp(`^${name}$`) }) });
  const a = card.locator('.person').filter({ has: page.locator('.person-name', { hasText: new RegExp(`^${found!.a}$`) }) });
  await expect(a).toContainText('今日不在岗');
  await expect(a).toContainText(`AB岗搭档：${found!.b}`);
  await expect(
    card.locator('.person').filter({ has: page.locator('.person-name', { hasText: new RegExp(`^${found!.b}$`) }) }),
  ).toContainText('今日在岗');

  // Every staff member is shown with name, position and the right duty state.
  const { isoDate, weekday } = zonedParts(found!.epoch, TZ);
  for (const s of bundle.staff) {
    await expect(person(s.name)).toContainText(s.position);
    await expect(person(s.name)).toContainText(isOnDuty(s, isoDate, weekday) ? '今日在岗' : '今日不在岗');
    if (s.photo) {
      await expect(person(s.name).getByRole('img', { name: `${s.name}的照片` })).toBeVisible();
      expect(
        await person(s.name)
          .getByRole('img')
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      ).toBe(true);
    }
  }
  await shot('kiosk-staff');
});

test('announcements: expired ones hidden, future ones not yet shown, urgent first', async ({ page, shot }) => {
  const bundle = await demoBundle();
  test.skip(bundle.announcements.length === 0, 'demo content has no announcements');
  // A moment at which at least one announcement has expired and, when possible, another is still to come.
  const candidates = bundle.announcements
    .flatMap((a) => [parseInstant(a.publishAt, TZ), parseInstant(a.expireAt, TZ)])
    .filter((t): t is number => t !== null)
    .sort((x, y) => x - y);
  let when = Date.now();
  let best = -1;
  for (const t of candidates) {
    const at = t + 60_000;
    const live = bundle.announcements.filter((a) => isLive(a, at, TZ)).length;
    const expired = bundle.announcements.some((a) => parseInstant(a.expireAt, TZ) !== null && parseInstant(a.expireAt, TZ)! <= at);
    const future = bundle.announcements.some((a) => parseInstant(a.publishAt, TZ)! > at);
    const score = (live > 0 ? 4 : 0) + (expired ? 2 : 0) + (future ? 1 : 0);
    if (score > best) [best, when] = [score, at];
  }
  const live = bundle.announcements.filter((a) => isLive(a, when, TZ));
  const hidden = bundle.announcements.filter((a) => !isLive(a, when, TZ));
  expect(live.length).toBeGreaterThan(0);
  expect(hidden.length).toBeGreaterThan(0);

  await page.clock.install({ time: when });
  await openHome(page);
  await homeTile(page, '公示公告').tap();
  await expect(page.getByRole('heading', { level: 1, name: '公示公告' })).toBeVisible();
  for (const a of live) await expect(rowButton(page, a.title)).toBeVisible();
  for (const a of hidden) await expect(rowButton(page, a.title)).toHaveCount(0);
  const titles = await page.locator('.row-list .row-title').allTextContents();
  const urgent = live.filter((a) => a.priority === 'urgent');
  if (urgent.length) expect(titles[0]).toContain('紧急');
  await shot('kiosk-announcements');

  const a = live[0];
  await rowButton(page, a.title).tap();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(a.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })).toBeVisible();
  const firstLine = a.text
    .split('\n')
    .find((l) => l.trim().length > 4)
    ?.trim()
    .slice(0, 12);
  if (firstLine) await expect(page.locator('.rich')).toContainText(firstLine);
  await expect(page.locator('.rich script')).toHaveCount(0);
  await shot('kiosk-announcement');
});

test('centre information: address, today open or closed, phones, opinion box, floor plan, stations', async ({ page, shot }) => {
  const bundle = await demoBundle();
  // A Wednesday 10:00 (open on a Monday–Friday schedule) and a Sunday 10:00 (closed).
  const base = zonedParts(Date.now(), TZ);
  const wednesday = addDays(base.isoDate, (3 - base.weekday + 7) % 7);
  await page.clock.install({ time: zonedTimeToEpoch(wednesday, '10:00', TZ) });
  await openHome(page);
  await homeTile(page, '办事指南/中心介绍').tap();
  const site = bundle.site;
  await expect(page.getByRole('heading', { level: 1, name: site.name })).toBeVisible();
  await expect(page.getByText(site.address)).toBeVisible();
  const openNow = site.hours.days.includes(3);
  await expect(page.locator('.open-state')).toContainText(openNow ? '现在正在办公' : '现在不办公');
  await expect(page.getByText(site.phones.consultation.number).first()).toBeVisible();
  await expect(page.getByText(site.phones.supervision.number).first()).toBeVisible();
  await expect(page.getByText(site.opinionBox)).toBeVisible();
  const plan = page.locator('.floor-plan');
  for (const w of site.windows.filter((x) => x.position)) await expect(plan).toContainText(`${w.number}号`);
  for (const s of site.stations ?? []) await expect(page.getByText(s.name).first()).toBeVisible();
  await shot('kiosk-centre');

  await page.clock.setSystemTime(zonedTimeToEpoch(addDays(wednesday, 4), '10:00', TZ));
  await page.getByRole('navigation', { name: '导航' }).getByRole('button', { name: /返回/ }).tap();
  await homeTile(page, '办事指南/中心介绍').tap();
  await expect(page.locator('.open-state')).toContainText(site.hours.days.includes(7) ? '现在正在办公' : '现在不办公');
});

test('a village station: where to go names its 代办员 and phone; the staff screen shows the agent and the township centre', async ({
  page,
  shot,
}) => {
  const bundle = await demoBundle('baihe-qingshui');
  const agent = bundle.site.agent!;
  const item = [...bundle.items].sort((a, b) => (b.popularity ?? 0) - (a.popularity ?? 0))[0];
  await openHome(page, { site: 'baihe-qingshui' });
  await expect(page.locator('.top-bar')).toContainText(bundle.site.name);
  await page.getByRole('region', { name: '大家常办' }).getByRole('button', { name: item.name }).tap();
  const where = page.getByRole('region', { name: '去哪里办' });
  await expect(where).toContainText(agent.name);
  await expect(where).toContainText(agent.phone);
  await shot('kiosk-village-item');
  await page.getByRole('navigation', { name: '导航' }).getByRole('button', { name: /首页/ }).tap();
  await homeTile(page, '窗口人员').tap();
  await expect(page.getByRole('region', { name: '本站代办员' })).toContainText(agent.name);
  if (bundle.site.parent) await expect(page.getByRole('region', { name: '上级便民服务中心' })).toContainText(bundle.site.parent.name);
  await shot('kiosk-village-staff');
});
