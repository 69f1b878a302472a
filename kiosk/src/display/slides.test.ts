import { describe, expect, it } from 'vitest';
import { DISCLOSURE_FIELDS, type Announcement, type ServiceItem, type SiteBundle, type StaffMember } from '../bundle/schema.ts';
import { buildSlide, cycleKeys, keyIsValid, textToBlocks, urgentKeys } from './slides.ts';
import { tickerLine } from '../present/ticker.ts';
import { tickerSpeed } from './ticker-text.ts';
import { tickerItems } from './loop.ts';

const ann = (id: string, publishAt: string, extra: Partial<Announcement> = {}): Announcement => ({
  id,
  title: `公告${id}`,
  html: `<p>${id}</p>`,
  text: `正文${id}`,
  publishAt,
  priority: 'normal',
  ...extra,
});

const item = (code: string): ServiceItem => ({
  code,
  name: `事项${code}`,
  type: '公共服务',
  departmentId: 'mz',
  subject: '乡镇人民政府',
  basis: ['《条例》', '《办法》'],
  conditions: ['本乡镇户籍'],
  materials: [
    { name: '身份证', form: '原件', copies: 1 },
    { name: '户口簿', form: '复印件', copies: 2, optional: true, note: '户籍不在本地时' },
  ],
  steps: [
    { title: '申请', actor: '申请人' },
    { title: '审核', days: 5 },
  ],
  mode: '承诺件',
  promiseDays: 5,
  timeLimit: '承诺件，5个工作日',
  result: '审批表',
  charged: false,
  feeBasis: '不收费',
  feeStandard: '不收费',
  supervision: '0839-1',
  phone: '0839-2',
  level: '乡镇',
  where: '1号窗口',
  keywords: [],
});

const staff = (id: string, post: 'A' | 'B', partner: string, roster: StaffMember['roster']): StaffMember => ({
  id,
  name: id,
  position: '科员',
  window: '1',
  post,
  partner,
  roster,
});

function bundle(over: Partial<SiteBundle> = {}): SiteBundle {
  return {
    format: 2,
    county: {
      code: 'yx',
      name: '云溪县',
      serviceCentre: '云溪县政务服务中心',
      publicItemUrl: 'https://x/',
      hotline: { label: '便民热线', number: '12345' },
      supervision: { label: '县监督电话', number: '0839-9' },
      demo: true,
      timeZone: 'Asia/Shanghai',
    },
    site: {
      code: 'baihe',
      kind: 'township',
      name: '白鹤镇便民服务中心',
      address: '白鹤街1号',
      hours: { days: [1, 2, 3, 4, 5], periods: [{ open: '08:30', close: '17:30' }] },
      phones: { consultation: { label: '咨询', number: '0839-1' }, supervision: { label: '监督', number: '0839-3' } },
      opinionBox: '大厅入口',
      windows: [{ number: '1', name: '民政窗口', departments: ['mz'] }],
    },
    departments: [{ id: 'mz', name: '民政', fullName: '云溪县民政局', icon: '民' }],
    items: ['A', 'B', 'C', 'D'].map(item),
    topics: [],
    announcements: [
      ann('old', '2026-11-01T08:00:00+08:00'),
      ann('new', '2026-11-20T08:00:00+08:00'),
      ann('gone', '2026-10-01T08:00:00+08:00', { expireAt: '2026-10-10T00:00:00+08:00' }),
      ann('later', '2026-12-01T08:00:00+08:00'),
      ann('urgent', '2026-11-24T08:00:00+08:00', { priority: 'urgent' }),
    ],
    documents: [],
    staff: [
      staff('a', 'A', 'b', [
        { weekdays: [1, 2, 3, 4, 5], onDuty: true },
        { date: '2026-11-26', onDuty: false },
      ]),
      staff('b', 'B', 'a', [{ weekdays: [1, 2, 3, 4, 5], onDuty: true }]),
    ],
    search: [],
    ...over,
  };
}

const WED = Date.parse('2026-11-25T10:00:00+08:00');
const THU = Date.parse('2026-11-26T10:00:00+08:00');
const SAT = Date.parse('2026-11-28T10:00:00+08:00');

describe('cycleKeys', () => {
  it('lists live normal announcements newest first, the next items (wrapping), staff, centre', () => {
    expect(cycleKeys(bundle(), WED, 2, 3)).toEqual(['ann:new', 'ann:old', 'item:C', 'item:D', 'item:A', 'staff', 'centre']);
  });
  it('leaves out staff when nobody is on duty', () => {
    expect(cycleKeys(bundle(), SAT, 0, 1)).toEqual(['ann:new', 'ann:old', 'item:A', 'centre']);
  });
  it('is just the centre slide for an empty bundle', () => {
    expect(cycleKeys(bundle({ items: [], announcements: [], staff: [] }), WED, 0)).toEqual(['centre']);
  });
});

describe('urgentKeys and keyIsValid', () => {
  it('finds live urgent announcements', () => {
    expect(urgentKeys(bundle(), WED)).toEqual(['ann:urgent']);
    expect(urgentKeys(bundle(), Date.parse('2026-11-23T10:00:00+08:00'))).toEqual([]);
  });
  it('checks validity at the given time', () => {
    const b = bundle();
    expect(keyIsValid(b, 'ann:new', WED)).toBe(true);
    expect(keyIsValid(b, 'ann:gone', WED)).toBe(false);
    expect(keyIsValid(b, 'ann:later', WED)).toBe(false);
    expect(keyIsValid(b, 'item:A', WED)).toBe(true);
    expect(keyIsValid(b, 'item:Z', WED)).toBe(false);
    expect(keyIsValid(b, 'staff', SAT)).toBe(false);
    expect(keyIsValid(b, 'centre', SAT)).toBe(true);
  });
});

describe('buildSlide', () => {
  it('shows all nine disclosure elements of an item in the notice order, with materials after the conditions', () => {
    const s = buildSlide(bundle(), 'item:A', WED, textToBlocks)!;
    const labels = s.blocks.map((b) => (b.kind === 'field' ? b.label : ''));
    const nine = DISCLOSURE_FIELDS.map((f) => f.label);
    expect(labels.filter((l) => (nine as readonly string[]).includes(l!))).toEqual(nine);
    expect(labels.indexOf('申请材料')).toBe(labels.indexOf('办理条件') + 1);
    const materials = s.blocks.find((b) => b.kind === 'field' && b.label === '申请材料');
    expect(materials?.kind === 'field' && materials.lines.map((l) => [l.marker, l.text])).toEqual([
      ['1.', '身份证（原件 1份）'],
      ['2.', '户口簿（复印件 2份，视情况提供）：户籍不在本地时'],
    ]);
    expect(s.subtitle).toContain('云溪县民政局');
  });
  it('marks B covering for an absent A on the staff slide', () => {
    const s = buildSlide(bundle(), 'staff', THU, textToBlocks)!;
    expect(s.blocks.map((b) => b.kind === 'card' && [b.card.id, b.card.note])).toEqual([['b', '代A岗 a']]);
  });
  it('builds the centre slide with hours, phones and opinion box', () => {
    const s = buildSlide(bundle(), 'centre', WED, textToBlocks)!;
    const text = JSON.stringify(s.blocks);
    for (const t of ['周一至周五 08:30–17:30', '0839-1', '0839-3', '0839-9', '12345', '大厅入口', '1号窗口']) expect(text).toContain(t);
  });
  it('tags urgent announcements', () => {
    expect(buildSlide(bundle(), 'ann:urgent', WED, textToBlocks)).toMatchObject({ urgent: true, tag: '紧急通知', kind: 'announcement' });
  });
});

describe('ticker text', () => {
  it('puts urgent notices first, then current titles, then phones; nothing expired or future', () => {
    const line = tickerLine(bundle(), WED, { withNotices: true });
    expect(line.urgent).toBe(true);
    expect(line.items.slice(0, 3)).toEqual(['【紧急通知】公告urgent', '【公告】公告new', '【公告】公告old']);
    expect(line.items.join()).toContain('0839-3');
    expect(line.items.join()).not.toMatch(/gone|later/);
  });
  it('footer of the wall display: urgent titles and the phones only', () => {
    expect(tickerItems(bundle(), WED)[0]).toBe('【紧急通知】公告urgent');
    expect(tickerItems(bundle(), WED).join()).not.toContain('公告new');
  });
  it('uses the configured speed, else scales with the strip height', () => {
    expect(tickerSpeed(150, 160)).toBe(150);
    expect(tickerSpeed(null, 100)).toBe(160);
    expect(tickerSpeed(null, 96)).toBe(154);
  });
});
