/** 窗口人员 (挂牌上岗): per window, its A and B post, who is on duty today and who covers an absent A post. */
import type { StaffMember } from '../bundle/schema.ts';
import { useAssets } from '../state/assets-context.ts';
import { isOnDuty, windowCover } from '../bundle/roster.ts';
import { zonedParts } from '../time/zoned.ts';
import { Empty, ScreenTitle } from './common.tsx';
import type { ScreenProps } from './context.ts';
import { CardSection } from '../ui/CardSection.tsx';
import { Icon } from '../ui/icons.tsx';
import { PhotoOrInitial } from '../ui/PhotoOrInitial.tsx';
import './Staff.css';

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

function StaffPhoto({ name, photo, url }: { name: string; photo?: string; url: (path: string) => string }) {
  return (
    <PhotoOrInitial
      name={name}
      src={photo ? url(photo) : undefined}
      alt={`${name}的照片`}
      imgClass="photo"
      initialClass="photo photo-none"
      width={120}
      height={150}
    />
  );
}

function Person({ s, partner, on, note }: { s: StaffMember; partner?: StaffMember; on: boolean; note?: string }) {
  const assets = useAssets();
  return (
    <li class={`person ${on ? '' : 'absent'}`}>
      <StaffPhoto url={assets.url} name={s.name} photo={s.photo} />
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
        <CardSection heading="本站代办员">
          <ul class="people">
            <li class="person">
              <StaffPhoto url={assets.url} name={agent.name} photo={agent.photo} />
              <span class="person-body">
                <span class="person-name">{agent.name}</span>
                <span>村(社区)便民服务代办员</span>
                <span>
                  电话 <span class="phone">{agent.phone}</span>
                </span>
              </span>
            </li>
          </ul>
        </CardSection>
      )}
      {bundle.site.parent && (
        <CardSection heading="上级便民服务中心">
          <p>
            {bundle.site.parent.name}，{bundle.site.parent.address}，电话 <span class="phone">{bundle.site.parent.phone.number}</span>
          </p>
        </CardSection>
      )}
      <div class="window-list">
        {windows.map((w) => {
          const cover = windowCover(bundle.staff, w.number, p.isoDate, p.weekday);
          const members = bundle.staff.filter((s) => s.window === w.number).sort((a, b) => a.post.localeCompare(b.post));
          const aAbsent = cover.a && !isOnDuty(cover.a, p.isoDate, p.weekday);
          return (
            <CardSection
              key={w.number}
              class="window-card"
              heading={
                <>
                  <span class="win-no">{w.number}号窗口</span> {w.name}
                </>
              }
            >
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
            </CardSection>
          );
        })}
      </div>
      {windows.length === 0 && !agent && <Empty>本站暂未公布窗口人员。</Empty>}
    </>
  );
}
