/** 窗口人员 (挂牌上岗): per window, its A and B post, who is on duty today and who covers an absent A post. */
import type { StaffMember } from '../bundle/schema.ts';
import { useAssets } from '../state/assets-context.ts';
import { isOnDuty, windowCover } from '../bundle/roster.ts';
import { zonedParts } from '../time/zoned.ts';
import { Empty, ScreenTitle } from './common.tsx';
import type { ScreenProps } from './context.ts';
import { Icon } from './icons.tsx';

function DutyMark({ on, note }: { on: boolean; note?: string }) {
  return on ? (
    <span class="duty duty-on">
      <Icon name="check" />
      今日在岗
    </span>
  ) : (
    <span class="duty duty-off">
      <Icon name="cross" />
      今日不在岗{note ? `（${note}）` : ''}
    </span>
  );
}

function Person({ s, partner, on, note }: { s: StaffMember; partner?: StaffMember; on: boolean; note?: string }) {
  const assets = useAssets();
  return (
    <li class={`person ${on ? '' : 'absent'}`}>
      {s.photo ? (
        <img class="photo" src={assets.url(s.photo)} alt={`${s.name}的照片`} width={120} height={150} />
      ) : (
        <span class="photo photo-none" aria-hidden="true">
          {s.name.slice(0, 1)}
        </span>
      )}
      <span class="person-body">
        <span class="person-name">{s.name}</span>
        <span>{s.position}</span>
        <span class="post">{s.post === 'A' ? 'A岗（主办）' : 'B岗（替补）'}</span>
        {partner && <span>AB岗搭档：{partner.name}</span>}
        <DutyMark on={on} note={note} />
      </span>
    </li>
  );
}

export function Staff({ bundle, look, now }: ScreenProps) {
  const assets = useAssets();
  const p = zonedParts(now.value, bundle.county.timeZone);
  const note = (s: StaffMember) => s.roster.find((r) => r.date === p.isoDate)?.note;
  const windows = bundle.site.windows.filter((w) => bundle.staff.some((s) => s.window === w.number));
  const agent = bundle.site.agent;
  return (
    <>
      <ScreenTitle
        sub={
          bundle.site.kind === 'village'
            ? '本站由代办员为您服务：材料交给代办员，由代办员送到镇便民服务中心办理'
            : '工作人员挂牌上岗，实行AB岗：A岗不在时由B岗办理，不让您白跑'
        }
      >
        窗口人员
      </ScreenTitle>
      {agent && (
        <section class="card" aria-labelledby="agent-h">
          <h2 id="agent-h">本站代办员</h2>
          <ul class="people">
            <li class="person">
              {agent.photo ? (
                <img class="photo" src={assets.url(agent.photo)} alt={`${agent.name}的照片`} width={120} height={150} />
              ) : (
                <span class="photo photo-none" aria-hidden="true">
                  {agent.name.slice(0, 1)}
                </span>
              )}
              <span class="person-body">
                <span class="person-name">{agent.name}</span>
                <span>村(社区)便民服务代办员</span>
                <span>
                  电话 <span class="phone">{agent.phone}</span>
                </span>
              </span>
            </li>
          </ul>
        </section>
      )}
      {bundle.site.parent && (
        <section class="card" aria-labelledby="parent-h">
          <h2 id="parent-h">上级便民服务中心</h2>
          <p>
            {bundle.site.parent.name}，{bundle.site.parent.address}，电话 <span class="phone">{bundle.site.parent.phone.number}</span>
          </p>
        </section>
      )}
      <div class="window-list">
        {windows.map((w) => {
          const cover = windowCover(bundle.staff, w.number, p.isoDate, p.weekday);
          const members = bundle.staff.filter((s) => s.window === w.number).sort((a, b) => a.post.localeCompare(b.post));
          const aAbsent = cover.a && !isOnDuty(cover.a, p.isoDate, p.weekday);
          return (
            <section key={w.number} class="card window-card" aria-labelledby={`w-${w.number}`}>
              <h2 id={`w-${w.number}`}>
                <span class="win-no">{w.number}号窗口</span> {w.name}
              </h2>
              <p class={`cover ${!cover.serving ? 'cover-none' : aAbsent ? 'cover-warn' : ''}`}>
                {cover.serving ? (
                  aAbsent ? (
                    <>
                      <Icon name="warn" />
                      今天A岗 {cover.a!.name} 不在，由B岗 <strong>{cover.serving.name}</strong> 代岗办理
                    </>
                  ) : (
                    <>
                      <Icon name="check" />
                      今天由 <strong>{cover.serving.name}</strong> 为您办理
                    </>
                  )
                ) : (
                  <>
                    <Icon name="warn" />
                    今天本窗口没有人值班，请到咨询台或拨打 {bundle.site.phones.consultation.number}
                  </>
                )}
              </p>
              <ul class="people">
                {members.map((s) => (
                  <Person key={s.id} s={s} partner={look.staff.get(s.partner)} on={isOnDuty(s, p.isoDate, p.weekday)} note={note(s)} />
                ))}
              </ul>
            </section>
          );
        })}
      </div>
      {windows.length === 0 && !agent && <Empty>本站暂未公布窗口人员。</Empty>}
    </>
  );
}
