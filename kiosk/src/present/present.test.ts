import { describe, expect, it } from 'vitest';
import type { Announcement, Material, ServiceItem, SiteBundle } from '../bundle/schema.ts';
import { liveAnnouncements, noticeSpeechText } from './announcements.ts';
import { dateText, validityTexts } from './dates.ts';
import { itemSpeechText } from './item-speech.ts';
import { itemPublicUrl } from './item-url.ts';
import { materialForm, materialSpeech, materialTags, materialText } from './materials.ts';
import { everydayName, otherNames, otherNamesText } from './names.ts';
import { phoneText, publicPhones } from './phones.ts';
import { tickerLine } from './ticker.ts';

const TZ = 'Asia/Shanghai';
const id: Material = { name: '身份证', form: '原件', copies: 1 };
const hukou: Material = { name: '户口簿', form: '复印件', copies: 2, optional: true, note: '户籍不在本地时' };
const form: Material = { name: '申请书', form: '填写', copies: 1 };

const ann = (id: string, publishAt: string, extra: Partial<Announcement> = {}): Announcement => ({
  id,
  title: `公告${id}`,
  html: '',
  text: `正文${id}`,
  publishAt,
  priority: 'normal',
  ...extra,
});

const item = (over: Partial<ServiceItem> = {}): ServiceItem =>
  ({
    code: 'MZ-001',
    name: '最低生活保障申请',
    timeLimit: '承诺件，5个工作日',
    where: '1号窗口',
    materials: [id, hukou],
    conditions: ['本乡镇户籍'],
    steps: [{ title: '申请', detail: '带齐材料' }, { title: '审核' }],
    charged: false,
    feeStandard: '不收费',
    phone: '0839-2',
    keywords: ['低保', '最低生活', '救助金', '生活保障', '困难'],
    ...over,
  }) as ServiceItem;

const bundle = (announcements: Announcement[] = []) =>
  ({
    county: {
      timeZone: TZ,
      publicItemUrl: 'https://zw.example/item/',
      hotline: { label: '政务服务便民热线', number: '12345' },
      supervision: { label: '县监督举报电话', number: '0839-9' },
    },
    site: {
      phones: { consultation: { label: '咨询电话', number: '0839-1' }, supervision: { label: '镇监督举报电话', number: '0839-3' } },
    },
    announcements,
  }) as unknown as SiteBundle;

describe('materials: one wording on screen, paper, wall and in speech', () => {
  it('says form and copies together, a form filled in on site without copies', () => {
    expect([materialForm(id), materialForm(hukou), materialForm(form)]).toEqual(['原件 1份', '复印件 2份', '填写']);
  });
  it('gives the tags of the screen', () => {
    expect(materialTags(hukou)).toEqual({ form: '复印件', copies: '2份', need: '视情况提供', optional: true });
    expect(materialTags(form)).toEqual({ form: '填写', copies: undefined, need: '必须带', optional: false });
  });
  it('writes one line for paper and the wall, and a spoken form', () => {
    expect(materialText(id)).toBe('身份证（原件 1份）');
    expect(materialText(hukou)).toBe('户口簿（复印件 2份，视情况提供）：户籍不在本地时');
    expect(materialSpeech(hukou, 1)).toBe('第2，户口簿，复印件 2份，视情况提供，户籍不在本地时');
  });
});

describe('announcements', () => {
  const list = [
    ann('old', '2026-11-01T08:00:00+08:00'),
    ann('new', '2026-11-20 08:00'),
    ann('gone', '2026-10-01', { expireAt: '2026-10-10' }),
    ann('later', '2026-12-01T08:00:00+08:00'),
    ann('urgent', '2026-11-02T08:00:00+08:00', { priority: 'urgent' }),
  ];
  it('shows the live ones, urgent first, then newest first', () => {
    expect(liveAnnouncements(list, Date.parse('2026-11-25T10:00:00+08:00'), TZ).map((a) => a.id)).toEqual(['urgent', 'new', 'old']);
  });
  it('reads a bare time in the given zone', () => {
    const at = Date.parse('2026-11-20T08:30:00+08:00');
    expect(liveAnnouncements([list[1]], at, TZ).length).toBe(1);
    expect(liveAnnouncements([list[1]], at, 'UTC').length).toBe(0);
  });
  it('reads a notice aloud as title then text', () => {
    expect(noticeSpeechText({ title: '停水通知', text: '明天停水。' })).toBe('停水通知。明天停水。');
  });
});

describe('dates', () => {
  it('writes Chinese dates in the county zone', () => {
    expect(dateText('2026-11-24T20:00:00Z', TZ)).toBe('2026年11月25日');
    expect(dateText('2026-11-24T20:00:00Z', 'UTC')).toBe('2026年11月24日');
    expect(dateText(undefined, TZ)).toBe('');
    expect(dateText('soon', TZ)).toBe('');
  });
  it('words a validity window', () => {
    expect(validityTexts({ publishAt: '2026-11-01', expireAt: '2026-12-01' }, TZ)).toEqual([
      '发布日期：2026年11月1日',
      '有效期至：2026年12月1日',
    ]);
    expect(validityTexts({ publishAt: '2026-11-01' }, TZ)).toEqual(['发布日期：2026年11月1日']);
  });
});

describe('other names', () => {
  it('lists keywords not inside the official name, at most three', () => {
    expect(otherNames(item())).toEqual(['低保', '救助金', '困难']);
    expect(otherNamesText(item())).toBe('也叫：低保、救助金、困难');
    expect(otherNamesText(item({ keywords: ['生活保障'] }))).toBe('');
  });
  it('takes the first keyword as the everyday name when it is shorter and not just the beginning of the name', () => {
    expect(everydayName(item())).toBe('低保');
    expect(everydayName(item({ keywords: ['生活保障', '低保'] }))).toBe('生活保障');
    expect(everydayName(item({ keywords: ['最低生活', '低保'] }))).toBeUndefined();
    expect(everydayName(item({ keywords: [] }))).toBeUndefined();
  });
});

describe('phones and the ticker', () => {
  it('lists the public phones in one order', () => {
    expect(publicPhones(bundle()).map(phoneText)).toEqual([
      '咨询电话：0839-1',
      '镇监督举报电话：0839-3',
      '政务服务便民热线：12345',
      '县监督举报电话：0839-9',
    ]);
  });
  it('puts urgent titles first; the strip adds the other titles; both end with the same phones', () => {
    const b = bundle([ann('n', '2026-11-01'), ann('u', '2026-11-02', { priority: 'urgent' })]);
    const now = Date.parse('2026-11-25T10:00:00+08:00');
    const phones = ['咨询电话：0839-1', '镇监督举报电话：0839-3', '政务服务便民热线：12345', '县监督举报电话：0839-9'];
    expect(tickerLine(b, now, { withNotices: true })).toEqual({ urgent: true, items: ['【紧急通知】公告u', '【公告】公告n', ...phones] });
    expect(tickerLine(b, now, { withNotices: false })).toEqual({ urgent: true, items: ['【紧急通知】公告u', ...phones] });
    expect(tickerLine(bundle(), now, { withNotices: true }).urgent).toBe(false);
  });
});

describe('item texts', () => {
  it('reads an item aloud in the order a resident needs it', () => {
    expect(itemSpeechText(item())).toBe(
      '最低生活保障申请。承诺件，5个工作日。去哪里办：1号窗口。需要带的材料：第1，身份证，原件 1份；第2，户口簿，复印件 2份，视情况提供，户籍不在本地时。' +
        '办理条件：本乡镇户籍。办理步骤：第1步，申请，带齐材料；第2步，审核。收费：不收费。咨询电话：0839-2',
    );
    expect(itemSpeechText(item({ materials: [] }))).toContain('需要带的材料：不需要材料');
  });
  it('builds the public address of an item', () => {
    expect(itemPublicUrl(bundle(), 'MZ 001')).toBe('https://zw.example/item/MZ%20001');
  });
});
