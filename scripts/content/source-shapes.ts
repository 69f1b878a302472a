/**
 * Structural shapes of the content files, mirroring source-types.ts field by
 * field (keep the two in step: a field added there must be added here, or it
 * is reported as an unknown key).
 */
import {
  ANNOUNCEMENT_PRIORITIES,
  ITEM_LEVELS,
  ITEM_MODES,
  ITEM_TYPES,
  MATERIAL_FORMS,
  TOWNSHIP_CLASSES,
} from '../../kiosk/src/bundle/schema.ts';
import { bool, int, list, obj, oneOf, opt, req, str } from './shape.ts';

const phone = obj({
  label: req('名称', str()),
  number: req('号码', str({ numeric: true })),
});

export const countyShape = obj({
  code: req('县编码', str()),
  name: req('县名称', str()),
  serviceCentre: req('县政务服务中心名称', str()),
  publicItemUrl: req('事项网址前缀', str()),
  hotline: req('便民热线', phone),
  supervision: req('县监督举报电话', phone),
  demo: req('示例数据标记', bool()),
  timeZone: opt('时区', str()),
  hub: opt('县级管理平台地址', str()),
});

export const departmentShape = obj({
  id: req('部门编码', str()),
  name: req('部门简称', str()),
  fullName: req('部门全称', str()),
  icon: req('图标文字', str()),
  phone: opt('部门电话', str({ numeric: true })),
});

export const departmentsFileShape = obj({
  departments: req('部门列表', list(departmentShape, true)),
});

const hours = obj({
  days: req('办公日', list(int(1, 7), true)),
  periods: req('办公时段', list(obj({ open: req('开始时间', str()), close: req('结束时间', str()) }), true)),
  note: opt('说明', str()),
});

export const siteShape = obj({
  code: req('站点编码', str()),
  kind: req('站点类型', oneOf(['township', 'village'])),
  name: req('站点名称', str()),
  class: opt('乡镇类别', oneOf(TOWNSHIP_CLASSES)),
  population: opt('人口', int(0)),
  parent: opt('所属乡镇', str()),
  address: req('地址', str()),
  hours: opt('办公时间', hours),
  phones: req('电话', obj({ consultation: req('咨询电话', phone), supervision: opt('监督举报电话', phone) })),
  opinionBox: req('意见箱位置', str()),
  maintenancePin: opt('维护密码', str()),
  windows: opt(
    '窗口',
    list(
      obj({
        number: req('窗口号', str({ numeric: true })),
        name: req('窗口名称', str()),
        departments: req('窗口受理部门', list(str(), true)),
        position: opt('平面图位置', obj({ x: req('列', int(0)), y: req('行', int(0)) })),
      }),
    ),
  ),
  agent: opt(
    '代办员',
    obj({ name: req('代办员姓名', str()), phone: req('代办员电话', str({ numeric: true })), photo: opt('照片', str()) }),
  ),
});

export const staffShape = obj({
  id: req('工作人员编号', str()),
  name: req('姓名', str()),
  photo: opt('照片', str()),
  position: req('职务', str()),
  window: req('窗口号', str({ numeric: true })),
  post: req('岗位（A岗/B岗）', oneOf(['A', 'B'])),
  partner: req('AB岗搭档', str()),
  phone: opt('电话', str({ numeric: true })),
  dutyDays: opt('值班日', list(int(1, 7))),
  roster: opt('排班例外', list(obj({ date: req('日期', str()), onDuty: req('是否在岗', bool()), note: opt('说明', str()) }))),
});

export const staffFileShape = obj({ staff: req('工作人员列表', list(staffShape, true)) });

const stepObject = obj({
  title: req('步骤名称', str()),
  detail: opt('步骤说明', str()),
  actor: opt('办理人', str()),
  days: opt('所需工作日', int(0)),
});

export const itemShape = obj({
  code: req('事项编码', str()),
  name: req('事项名称', str()),
  type: req('事项类型', oneOf(ITEM_TYPES)),
  department: req('主管部门', str()),
  subject: req('办理主体', str()),
  basis: req('办理依据', list(str(), true)),
  conditions: req('办理条件', list(str(), true)),
  materials: req(
    '申请材料',
    list(
      obj({
        name: req('材料名称', str()),
        form: req('材料形式', oneOf(MATERIAL_FORMS)),
        copies: opt('份数', int(1)),
        note: opt('材料说明', str()),
        optional: opt('是否按情况提供', bool()),
      }),
    ),
  ),
  steps: req('办理程序', list({ t: 'stringOrObject', object: stepObject }, true)),
  mode: req('办件类型', oneOf(ITEM_MODES)),
  promiseDays: opt('承诺时限', int(1)),
  legalDays: opt('法定时限', int(1)),
  result: req('办理结果', str()),
  fee: req('收费', obj({ charged: req('是否收费', bool()), basis: opt('收费依据', str()), standard: opt('收费标准', str()) })),
  supervision: opt('监督渠道', str()),
  phone: opt('咨询电话', str({ numeric: true })),
  level: req('办理层级', oneOf(ITEM_LEVELS)),
  sites: opt('适用站点', { t: 'sites' }),
  keywords: opt('关键词', list(str())),
  faq: opt('常见问题', list(obj({ q: req('问题', str()), a: req('回答', str()) }))),
  visits: opt('跑动次数', int(0)),
  popularity: opt('热度', int(0, 100)),
});

export const topicShape = obj({
  id: req('主题编号', str()),
  name: req('主题名称', str()),
  icon: req('图标文字', str()),
  description: req('主题说明', str()),
  items: req('事项编码列表', list(str(), true)),
});

export const topicsFileShape = obj({ topics: req('主题列表', list(topicShape, true)) });

export const announcementShape = obj({
  id: req('公告编号', str()),
  title: req('标题', str()),
  publishAt: req('发布时间', str()),
  expireAt: opt('截止时间', str()),
  priority: opt('优先级', oneOf(ANNOUNCEMENT_PRIORITIES)),
  sites: opt('适用站点', { t: 'sites' }),
  displaySeconds: opt('轮播秒数', int(1)),
});

export const documentShape = obj({
  id: req('文件编号', str()),
  title: req('标题', str()),
  issuer: req('发文机关', str()),
  number: req('文号', str()),
  date: req('成文日期', str()),
  sites: opt('适用站点', { t: 'sites' }),
});
