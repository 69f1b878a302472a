/** The attract screen: shown before the first touch and after every idle reset. */
import type { ReadonlySignal } from '@preact/signals';
import type { ServiceItem, SiteBundle } from '../bundle/schema.ts';
import type { KioskSession } from '../session/session.ts';
import { Clock, DemoMark } from './chrome.tsx';
import { Icon } from './icons.tsx';

export function Attract({ bundle, session, now, popular }: { bundle: SiteBundle; session: KioskSession; now: ReadonlySignal<number>; popular: ServiceItem[] }) {
  const examples = popular.slice(0, 6).map((i) => i.keywords[0] ?? i.name);
  return (
    <main class="attract" onClick={() => session.start(false)}>
      <div class="attract-top">
        <div class="attract-county">
          {bundle.county.name} <DemoMark bundle={bundle} />
        </div>
        <Clock now={now} timeZone={bundle.county.timeZone} />
      </div>
      <h1 class="attract-title">{bundle.site.name}</h1>
      <p class="attract-lead">办事查询 · 材料清单 · 窗口指引</p>
      <button type="button" class="attract-start" onClick={(e) => { e.stopPropagation(); session.start(false); }}>
        <Icon name="touch" />
        <span>点这里开始查询</span>
      </button>
      <button type="button" class="attract-elder" onClick={(e) => { e.stopPropagation(); session.start(true); }}>
        <Icon name="elder" />
        <span>长辈模式开始（字更大）</span>
      </button>
      {examples.length > 0 && (
        <p class="attract-examples">
          可以查：{examples.join('、')}……
        </p>
      )}
      <p class="attract-help">
        不会用？请找大厅工作人员，或拨打 {bundle.site.phones.consultation.number}
      </p>
    </main>
  );
}
