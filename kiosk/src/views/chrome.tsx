/** The frame around every screen: header (centre, date, time, 示例数据) and the bottom bar (返回, 首页, 长辈模式). */
import type { ReadonlySignal } from '@preact/signals';
import type { SiteBundle } from '../bundle/schema.ts';
import type { KioskSession } from '../session/session.ts';
import { chineseDate, clockText, lunarDateText, WEEKDAY_NAMES, zonedParts } from '../time/zoned.ts';
import { Icon } from '../ui/icons.tsx';
import './chrome.css';

export function DemoMark({ bundle }: { bundle: SiteBundle }) {
  if (!bundle.county.demo) return null;
  return (
    <span class="demo-mark" title="本机显示的是演示用的示例数据，不是真实办事信息">
      示例数据
    </span>
  );
}

export function Clock({ now, timeZone }: { now: ReadonlySignal<number>; timeZone: string }) {
  const p = zonedParts(now.value, timeZone);
  const lunar = lunarDateText(now.value, timeZone);
  return (
    <div class="clock" aria-label={`现在是${chineseDate(p)}${WEEKDAY_NAMES[p.weekday]}${clockText(p)}`}>
      <span class="clock-time">{clockText(p)}</span>
      <span class="clock-date">
        {chineseDate(p)} {WEEKDAY_NAMES[p.weekday]}
        {lunar && <span class="clock-lunar"> {lunar}</span>}
      </span>
    </div>
  );
}

export function Header({ bundle, now }: { bundle: SiteBundle; now: ReadonlySignal<number> }) {
  return (
    <header class="top-bar">
      <div class="top-title">
        <div class="site-name">{bundle.site.name}</div>
        <div class="county-name">
          {bundle.county.name} · 自助查询 <DemoMark bundle={bundle} />
        </div>
      </div>
      <Clock now={now} timeZone={bundle.county.timeZone} />
    </header>
  );
}

export function ElderToggle({ session }: { session: KioskSession }) {
  const on = session.elder.value;
  return (
    <button type="button" class={`bar-btn elder-toggle ${on ? 'on' : ''}`} aria-pressed={on} onClick={() => (session.elder.value = !on)}>
      <Icon name="elder" />
      <span>长辈模式</span>
      <span class="bar-sub">{on ? '已开启' : '字更大'}</span>
    </button>
  );
}

export function BottomBar({ session }: { session: KioskSession }) {
  const atHome = session.route.value.name === 'home';
  return (
    <nav class="bottom-bar" aria-label="导航">
      <button type="button" class="bar-btn" onClick={() => session.back()} disabled={atHome}>
        <Icon name="back" />
        <span>返回</span>
        <span class="bar-sub">上一页</span>
      </button>
      <button type="button" class="bar-btn bar-home" onClick={() => session.home()}>
        <Icon name="home" />
        <span>首页</span>
        <span class="bar-sub">回到开始</span>
      </button>
      <ElderToggle session={session} />
    </nav>
  );
}
