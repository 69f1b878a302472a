/**
 * The shape of the county's editable content files (content/), as an editor
 * writes them. The publisher validates these and turns them into the bundle
 * format of kiosk/src/bundle/schema.ts. Keys are English; values a resident
 * sees are Chinese. content/README.md explains every field to editors in Chinese.
 *
 *   content/county.yaml                    CountySource
 *   content/departments.yaml               { departments: DepartmentSource[] }
 *   content/sites/<code>.yaml              SiteSource (township centre or village station)
 *   content/staff/<township code>.yaml     { staff: StaffSource[] }
 *   content/staff/photos/<file>            photos referenced by StaffSource.photo
 *   content/items/<department id>/<code>.yaml   ItemSource, one item per file
 *   content/topics.yaml                    { topics: TopicSource[] }
 *   content/announcements/<id>.md          front matter AnnouncementSource + Markdown body
 *   content/documents/<id>.md              front matter DocumentSource + Markdown body
 */
import type { AnnouncementPriority, ItemLevel, ItemMode, ItemType, MaterialForm, TownshipClass } from '../../kiosk/src/bundle/schema.ts';

export interface PhoneSource {
  label: string;
  number: string;
}

export interface CountySource {
  code: string; // e.g. "cx"
  name: string; // 示例县
  serviceCentre: string; // 示例县政务服务中心
  publicItemUrl: string; // https://zwfw.example.gov.cn/item/  (item code appended)
  hotline: PhoneSource; // 12345
  supervision: PhoneSource; // 县监督举报电话
  demo: boolean; // true: kiosk shows 示例数据
  timeZone?: string; // default Asia/Shanghai
  hub?: string; // county hub base URL (https://hub.example.gov.cn/ or "/" = the kiosk's own origin); absent = none
}

export interface DepartmentSource {
  id: string; // minzheng
  name: string; // 民政
  fullName: string; // 示例县民政局
  icon: string; // 民
  phone?: string;
}

export interface SiteSource {
  code: string; // must equal the file name without .yaml
  kind: 'township' | 'village';
  name: string;
  class?: TownshipClass; // required for townships
  population?: number; // townships: must agree with class
  parent?: string; // required for villages: township code
  address: string;
  hours?: {
    days: number[]; // 1..7
    periods: { open: string; close: string }[]; // "08:30"
    note?: string;
  }; // villages may omit: their township's hours apply
  phones: { consultation: PhoneSource; supervision?: PhoneSource }; // supervision defaults to county's
  opinionBox: string;
  /** Salted hash of the maintenance PIN (npm run hash-pin). */
  maintenancePin?: string;
  windows?: {
    number: string;
    name: string;
    departments: string[]; // department ids
    position?: { x: number; y: number };
  }[]; // townships
  agent?: { name: string; phone: string; photo?: string }; // villages: 代办员
}

export interface StaffSource {
  id: string;
  name: string;
  photo?: string; // file name in content/staff/photos/
  position: string;
  window: string; // window number at this township
  post: 'A' | 'B';
  partner: string; // staff id of the AB partner (same window, other post)
  phone?: string;
  /** Default duty days, 1..7; default Monday–Friday. */
  dutyDays?: number[];
  /** Dated exceptions: leave, holiday duty (节假日轮值), training. */
  roster?: { date: string; onDuty: boolean; note?: string }[];
}

export interface ItemSource {
  code: string; // 事项编码, unique, equals the file name without .yaml
  name: string; // 事项名称
  type: ItemType; // 事项类型
  department: string; // department id
  subject: string; // 办理主体
  basis: string[]; // 办理依据
  conditions: string[]; // 办理条件
  materials: {
    name: string;
    form: MaterialForm;
    copies?: number; // default 1
    note?: string;
    optional?: boolean;
  }[]; // 申请材料 (一次告知); [] means none needed
  steps: ({ title: string; detail?: string; actor?: string; days?: number } | string)[]; // 办理程序
  mode: ItemMode; // 办件类型
  promiseDays?: number; // 承诺时限 (working days), required for 承诺件
  legalDays?: number; // 法定时限 (working days), must be ≥ promiseDays
  result: string; // 办理结果
  fee: {
    charged: boolean; // 是否收费
    basis?: string; // 收费依据, required when charged
    standard?: string; // 收费标准, required when charged
  };
  supervision?: string; // 监督渠道; default: the site's supervision phone
  phone?: string; // 咨询电话; default: the department's phone
  level: ItemLevel; // 办理层级
  sites?: 'all' | string[]; // 适用站点: township codes (their villages follow by level); default all
  keywords?: string[]; // 关键词/别名
  faq?: { q: string; a: string }[];
  visits?: number; // 跑动次数
  popularity?: number; // 0..100
}

export interface TopicSource {
  id: string;
  name: string;
  icon: string;
  description: string;
  items: string[]; // item codes in the order a resident meets them
}

export interface AnnouncementSource {
  id: string; // equals the file name without .md
  title: string;
  publishAt: string; // "2026-11-01 08:00" or ISO; county time zone when no offset
  expireAt?: string;
  priority?: AnnouncementPriority; // default normal
  sites?: 'all' | string[]; // default all; a township code includes its villages
  displaySeconds?: number;
}

export interface DocumentSource {
  id: string;
  title: string;
  issuer: string;
  number: string;
  date: string; // YYYY-MM-DD
  sites?: 'all' | string[];
}
