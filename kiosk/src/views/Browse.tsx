/** Browsing: departments → items of a department; life-event topics → their items in order. */
import { Empty, ItemRow, ScreenTitle } from './common.tsx';
import type { ScreenProps } from './context.ts';
import { Icon } from '../ui/icons.tsx';
import { TileButton } from '../ui/TileButton.tsx';

export function Departments({ session, bundle, look }: ScreenProps) {
  const depts = bundle.departments.filter((d) => (look.itemsOf.get(d.id)?.length ?? 0) > 0);
  return (
    <>
      <ScreenTitle sub="请点您要找的部门">按部门查询</ScreenTitle>
      <ul class="tile-grid dept-grid">
        {depts.map((d) => (
          <li key={d.id}>
            <TileButton
              kind="tile-dept"
              icon={{ glyph: d.icon }}
              label={d.name}
              sub={`${look.itemsOf.get(d.id)?.length ?? 0} 项事项`}
              onClick={() => session.go({ name: 'department', id: d.id })}
            />
          </li>
        ))}
      </ul>
      {depts.length === 0 && <Empty>本站暂时没有可查询的事项。</Empty>}
    </>
  );
}

export function DepartmentItems({ session, look, id }: ScreenProps & { id: string }) {
  const dept = look.department.get(id);
  const items = look.itemsOf.get(id) ?? [];
  return (
    <>
      <ScreenTitle sub={dept ? `${dept.fullName}${dept.phone ? ` · 咨询电话 ${dept.phone}` : ''}` : undefined}>
        {dept?.name ?? '部门'}的事项
      </ScreenTitle>
      <ul class="row-list">
        {items.map((i) => (
          <ItemRow key={i.code} item={i} onOpen={() => session.go({ name: 'item', code: i.code })} />
        ))}
      </ul>
      {items.length === 0 && <Empty>这个部门在本站暂时没有事项。请点下方“首页”换一种方式查找。</Empty>}
    </>
  );
}

export function Topics({ session, bundle }: ScreenProps) {
  return (
    <>
      <ScreenTitle sub="按人生中遇到的事查找，一件事要办的都在一起">按主题查询</ScreenTitle>
      <ul class="tile-grid topic-grid">
        {bundle.topics.map((t) => (
          <li key={t.id}>
            <TileButton
              kind="tile-topic"
              icon={{ glyph: t.icon }}
              label={t.name}
              sub={t.description}
              onClick={() => session.go({ name: 'topic', id: t.id })}
            />
          </li>
        ))}
      </ul>
      {bundle.topics.length === 0 && <Empty>暂时没有主题。</Empty>}
    </>
  );
}

export function TopicItems({ session, look, id }: ScreenProps & { id: string }) {
  const topic = look.topic.get(id);
  const items = (topic?.items ?? []).map((c) => look.item.get(c)).filter((i) => i !== undefined);
  return (
    <>
      <ScreenTitle sub={topic?.description}>{topic?.name ?? '主题'}</ScreenTitle>
      <p class="hint">
        <Icon name="info" />
        按办理的先后顺序排列，一般从第1项办起。
      </p>
      <ol class="row-list">
        {items.map((i, n) => (
          <ItemRow key={i.code} item={i} step={n + 1} onOpen={() => session.go({ name: 'item', code: i.code })} />
        ))}
      </ol>
      {items.length === 0 && <Empty>本站暂时没有这个主题的事项。</Empty>}
    </>
  );
}
