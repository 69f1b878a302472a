/** 办事指南/中心介绍: address, hours with today's state, phones, opinion box, floor plan of the windows, village stations. */
import { publicPhones } from '../present/phones.ts';
import { hoursText, openState } from '../time/opening-hours.ts';
import { ScreenTitle } from './common.tsx';
import type { ScreenProps } from './context.ts';
import { CardSection } from '../ui/CardSection.tsx';
import { Icon } from '../ui/icons.tsx';
import './Centre.css';

export function Centre({ bundle, look, session, now }: ScreenProps) {
  const site = bundle.site;
  const st = openState(site.hours, now.value, bundle.county.timeZone);
  const placed = site.windows.filter((w) => w.position);
  const cols = Math.max(1, ...placed.map((w) => w.position!.x + 1));
  const rows = Math.max(1, ...placed.map((w) => w.position!.y + 1));
  return (
    <>
      <ScreenTitle sub={site.class ? `${site.class}乡镇便民服务中心` : site.kind === 'village' ? '村(社区)便民服务代办站' : undefined}>
        {site.name}
      </ScreenTitle>
      <div class="info-grid">
        <CardSection
          heading={
            <>
              <Icon name="place" />
              地址
            </>
          }
        >
          <p>{site.address}</p>
        </CardSection>
        <CardSection
          heading={
            <>
              <Icon name="clock" />
              开放时间
            </>
          }
        >
          <p class={`open-state ${st.open ? 'is-open' : 'is-closed'}`}>
            <Icon name={st.open ? 'check' : 'cross'} />
            {st.open ? `现在正在办公，${st.closesAt} 下班` : `现在不办公${st.nextOpen ? `，${st.nextOpen.label} 开门` : ''}`}
          </p>
          <p>{hoursText(site.hours)}</p>
          {site.hours.note && <p class="note">{site.hours.note}</p>}
        </CardSection>
        <CardSection
          heading={
            <>
              <Icon name="phone" />
              电话
            </>
          }
        >
          <ul class="plain-list">
            {publicPhones(bundle).map((p) => (
              <li key={p.label}>
                {p.label}：<span class="phone">{p.number}</span>
              </li>
            ))}
          </ul>
        </CardSection>
        <CardSection heading="意见箱">
          <p>{site.opinionBox}</p>
          <button
            type="button"
            class="action-btn"
            onClick={() => session.go({ name: 'evaluate', target: { kind: 'centre', id: site.code, name: site.name } })}
          >
            <Icon name="rate" />
            在这里评价
          </button>
        </CardSection>
      </div>

      {placed.length > 0 && (
        <CardSection heading="大厅窗口分布图">
          <ol class="floor-plan" style={{ gridTemplateColumns: `repeat(${cols}, 1fr)`, gridTemplateRows: `repeat(${rows}, auto)` }}>
            {placed.map((w) => (
              <li key={w.number} class="plan-window" style={{ gridColumn: w.position!.x + 1, gridRow: w.position!.y + 1 }}>
                <span class="plan-no">{w.number}号</span>
                <span class="plan-name">{w.name}</span>
                <span class="plan-depts">{w.departments.map((d) => look.department.get(d)?.name ?? d).join('、')}</span>
              </li>
            ))}
          </ol>
          <p class="note">图上位置按大厅实际窗口排列，面向窗口时从左往右看。</p>
        </CardSection>
      )}

      {site.stations && site.stations.length > 0 && (
        <CardSection heading="村(社区)便民服务代办站">
          <p>不想跑镇上？很多事项可以在村里找代办员代办：</p>
          <ul class="station-list">
            {site.stations.map((s) => (
              <li key={s.code}>
                <strong>{s.name}</strong> 代办员 {s.agent} 电话 <span class="phone">{s.phone}</span>
              </li>
            ))}
          </ul>
        </CardSection>
      )}
      {site.parent && (
        <CardSection heading="上级便民服务中心">
          <p>
            {site.parent.name}，{site.parent.address}，电话 <span class="phone">{site.parent.phone.number}</span>
          </p>
        </CardSection>
      )}

      <CardSection heading="办事小贴士">
        <ul class="field-list">
          <li>
            <strong>一次告知：</strong>每个事项要带的材料都在事项页上列全了，可以打印或扫码带走。
          </li>
          <li>
            <strong>即办件</strong>材料齐全当场办好；<strong>承诺件</strong>在写明的工作日内办好。
          </li>
          <li>
            <strong>代办：</strong>在村(社区)代办站交材料，由代办员帮您送到镇上办理。
          </li>
          <li>
            <strong>AB岗：</strong>窗口人员不在时由替补人员办理，不让您白跑。
          </li>
        </ul>
      </CardSection>
    </>
  );
}
