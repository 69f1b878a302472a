/** Home: the popular matters one tap away, and the large tiles to every part of the kiosk. */
import { everydayName } from '../present/names.ts';
import type { Route } from '../session/routes.ts';
import { LabelledSection } from '../ui/CardSection.tsx';
import { Icon } from '../ui/icons.tsx';
import { TileButton } from '../ui/TileButton.tsx';
import type { ScreenProps } from './context.ts';
import './Home.css';

interface Tile {
  label: string;
  sub: string;
  icon: string;
  route: Route;
}

export function Home({ session, bundle, look }: ScreenProps) {
  const deptSample = bundle.departments
    .slice(0, 4)
    .map((d) => d.name.replace(/（.*）/, ''))
    .join('、');
  const topicSample = bundle.topics
    .slice(0, 4)
    .map((t) => t.name)
    .join('、');
  const tiles: Tile[] = [
    { label: '按部门查询', sub: deptSample ? `${deptSample}……` : '民政、社保、医保……', icon: 'dept', route: { name: 'departments' } },
    { label: '按主题查询', sub: topicSample ? `${topicSample}……` : '生孩子、养老、建房……', icon: 'topic', route: { name: 'topics' } },
    { label: '搜索', sub: '按拼音字母查找，如 dibao', icon: 'search', route: { name: 'search' } },
    { label: '公示公告', sub: '通知、公示、政策', icon: 'notice', route: { name: 'announcements' } },
    { label: '政府信息公开', sub: '政府文件、文号查询', icon: 'doc', route: { name: 'documents' } },
    { label: '窗口人员', sub: '挂牌上岗、今天谁在岗', icon: 'staff', route: { name: 'staff' } },
    { label: '办事指南/中心介绍', sub: '地址、开放时间、窗口分布', icon: 'info', route: { name: 'centre' } },
    {
      label: '意见与评价',
      sub: '好差评，不留个人信息',
      icon: 'rate',
      route: { name: 'evaluate', target: { kind: 'centre', id: bundle.site.code, name: bundle.site.name } },
    },
  ];
  const popular = look.popular.slice(0, 8);
  return (
    <div class="home">
      <h1 class="home-title">您好！请点一下您要办的事</h1>
      {popular.length > 0 && (
        <LabelledSection class="popular" heading="大家常办">
          <ul class="pop-list">
            {popular.map((i) => {
              const common = everydayName(i);
              return (
                <li key={i.code}>
                  <button type="button" class="pop-btn" onClick={() => session.go({ name: 'item', code: i.code })}>
                    <span class="pop-common">{common ?? i.name}</span>
                    {common && <span class="pop-name">{i.name}</span>}
                  </button>
                </li>
              );
            })}
          </ul>
        </LabelledSection>
      )}
      <ul class="tile-grid home-tiles">
        {tiles.map((t) => (
          <li key={t.label}>
            <TileButton
              kind={`tile-${t.icon}`}
              icon={{ svg: <Icon name={t.icon} /> }}
              label={t.label}
              sub={t.sub}
              onClick={() => session.go(t.route)}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}
