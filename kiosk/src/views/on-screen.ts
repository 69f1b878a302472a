/** What the kiosk shows now, in a few Chinese words for the hub's 设备状态 screen (heartbeat `onScreen`). */
import type { Route } from '../session/routes.ts';
import type { Lookups } from './context.ts';

export function screenLabel(
  route: Route,
  look: Lookups,
  bundle: { announcements: { id: string; title: string }[]; documents: { id: string; title: string }[] },
): string {
  switch (route.name) {
    case 'home':
      return '首页';
    case 'departments':
      return '按部门查找';
    case 'department':
      return `部门：${look.department.get(route.id)?.name ?? route.id}`;
    case 'topics':
      return '按主题查找';
    case 'topic':
      return `主题：${look.topic.get(route.id)?.name ?? route.id}`;
    case 'item':
      return `事项详情：${look.item.get(route.code)?.name ?? route.code}`;
    case 'search':
      return '搜索';
    case 'announcements':
      return '通知公告';
    case 'announcement':
      return `公告：${bundle.announcements.find((a) => a.id === route.id)?.title ?? route.id}`;
    case 'documents':
      return '政策文件';
    case 'document':
      return `文件：${bundle.documents.find((d) => d.id === route.id)?.title ?? route.id}`;
    case 'staff':
      return '工作人员';
    case 'centre':
      return '中心信息';
    case 'evaluate':
      return '好差评';
    case 'thanks':
      return '评价完成';
  }
}
