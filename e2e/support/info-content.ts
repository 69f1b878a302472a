/**
 * The information screens' own content (kiosk-info.spec.ts): the published demo content with the
 * township's staff roster, announcements and opening hours, and a village's agent, replaced by
 * fixed test data — so the specs assert literal text instead of recomputing it with production code.
 *
 * The clock of these specs is county time (+08:00); 2026-11-25 is a Wednesday.
 */
import { join } from 'node:path';
import type { Announcement, SiteBundle, StaffMember } from '../../kiosk/src/bundle/schema.ts';
import { copyPublished, editPublished } from './content.ts';
import type { RunningServer } from './server.ts';

/** County time "2026-11-25T10:00" → epoch ms. */
export const countyTime = (local: string) => Date.parse(`${local}:00+08:00`);

export const WEDNESDAY_10 = countyTime('2026-11-25T10:00');
export const SUNDAY_10 = countyTime('2026-11-29T10:00');

const weekdays = (days: number[]) => ({ weekdays: days, onDuty: true });

function staff(
  id: string,
  name: string,
  window: string,
  post: 'A' | 'B',
  partner: string,
  roster: StaffMember['roster'],
  photo?: string,
): StaffMember {
  return { id, name, position: post === 'A' ? '窗口负责人' : '综合服务员', window, post, partner, roster, photo };
}

function notice(id: string, title: string, text: string, publishAt: string, expireAt?: string, urgent = false): Announcement {
  return {
    id,
    title,
    html: `<p>${text}</p>`,
    text,
    publishAt: `${publishAt}:00+08:00`,
    expireAt: expireAt ? `${expireAt}:00+08:00` : undefined,
    priority: urgent ? 'urgent' : 'normal',
  };
}

/** Live on 2026-11-25: the urgent one first, then newest first. */
export const LIVE_NOTICES = ['明天上午停水通知', '冬季作息时间调整', '低保年审结果公示'];
/** Expired (2026-10-08) and not yet published (2026-12-20) on 2026-11-25. */
export const HIDDEN_NOTICES = ['国庆假期办公安排', '元旦放假通知'];

function township(b: SiteBundle): SiteBundle {
  // The demo photo of 刘建华 (a drawn face with 刘): given to 刘丽, so the picture matches the name.
  const photo = b.staff.find((s) => s.name === '刘建华')?.photo;
  b.site.windows = [
    { ...b.site.windows[0], number: '1', name: '民政服务窗口' },
    { ...b.site.windows[1], number: '2', name: '社保医保窗口' },
  ];
  b.staff = [
    staff('t-1a', '刘丽', '1', 'A', 't-1b', [weekdays([1, 2, 3, 4, 5]), { date: '2026-11-25', onDuty: false, note: '县里培训' }], photo),
    staff('t-1b', '李强', '1', 'B', 't-1a', [weekdays([1, 2, 3, 4, 5])]),
    staff('t-2a', '王芳', '2', 'A', 't-2b', [weekdays([1, 2, 3, 4, 5])]),
    staff('t-2b', '赵军', '2', 'B', 't-2a', [weekdays([2, 4])]),
  ];
  b.announcements = [
    notice('n-old', '低保年审结果公示', '本镇2026年低保年审结果公示如下，公示期十五天。', '2026-11-10T08:00', '2026-12-10T00:00'),
    notice('n-gone', '国庆假期办公安排', '国庆期间大厅轮值。', '2026-09-20T08:00', '2026-10-08T00:00'),
    notice('n-urgent', '明天上午停水通知', '因管道检修，明天上午八点至十二点镇区停水。', '2026-11-24T08:00', '2026-11-27T00:00', true),
    notice('n-later', '元旦放假通知', '元旦放假一天。', '2026-12-20T08:00'),
    notice('n-new', '冬季作息时间调整', '自十二月一日起，下午办公时间调整为十四点至十七点半。', '2026-11-20T08:00'),
  ];
  b.site.hours = {
    days: [1, 2, 3, 4, 5],
    periods: [
      { open: '08:30', close: '12:00' },
      { open: '14:00', close: '17:30' },
    ],
    note: '法定节假日按县政府安排轮值',
  };
  return b;
}

function village(b: SiteBundle): SiteBundle {
  b.site.agent = { name: '陈代办', phone: '13800001111' };
  return b;
}

/** Serves the edited copy (content only); open the kiosk with `contentQuery(url)`. */
export async function serveInfoContent(
  workDir: string,
  serveContent: (dir: string, opts?: { contentOnly?: boolean }) => Promise<RunningServer>,
): Promise<string> {
  const dir = await copyPublished(join(workDir, 'content'));
  await editPublished(dir, { sites: ['baihe'], editBundle: township });
  await editPublished(dir, { sites: ['baihe-qingshui'], editBundle: village });
  const server = await serveContent(dir, { contentOnly: true });
  return `&content=${encodeURIComponent(`${server.url}/`)}`;
}
