/** The attract screen: shown before the first touch and after every idle reset. */
import type { ReadonlySignal } from '@preact/signals';
import type { ServiceItem, SiteBundle } from '../bundle/schema.ts';
import type { KioskSession } from '../session/session.ts';
import { Clock, DemoMark } from './chrome.tsx';
import { everydayName } from '../present/names.ts';
import { LabelledSection } from '../ui/CardSection.tsx';
import { Icon } from '../ui/icons.tsx';
import './Attract.css';

export function Attract({
  bundle,
  session,
  now,
  popular,
}: {
  bundle: SiteBundle;
  session: KioskSession;
  now: ReadonlySignal<number>;
  popular: ServiceItem[];
}) {
  const examples = popular.slice(0, 6);
  const open = (e: Event, code: string) => {
    e.stopPropagation();
    session.start(false);
    session.go({ name: 'item', code });
  };
  return (
    <main class="attract" onClick={() => session.start(false)}>
      <div class="attract-top">
        <div class="attract-county">
          {bundle.county.name} <DemoMark bundle={bundle} />
        </div>
        <Clock now={now} timeZone={bundle.county.timeZone} />
      </div>
      <div class="attract-body">
        <h1 class="attract-title">{bundle.site.name}</h1>
        <p class="attract-lead">办事查询 · 材料清单 · 窗口指引</p>
        <button
          type="button"
          class="attract-start"
          onClick={(e) => {
            e.stopPropagation();
            session.start(false);
          }}
        >
          <Icon name="touch" />
          <span>点这里开始查询</span>
        </button>
        <button
          type="button"
          class="attract-elder"
          onClick={(e) => {
            e.stopPropagation();
            session.start(true);
          }}
        >
          <Icon name="elder" />
          <span>长辈模式开始（字更大）</span>
        </button>
        {examples.length > 0 && (
          <LabelledSection class="attract-examples" heading="大家常办，点一下直接看：">
            <ul>
              {examples.map((i) => (
                <li key={i.code}>
                  <button
                    type="button"
                    class="attract-chip"
                    onClick={(e) => open(e, i.code)}
                    aria-label={`${everydayName(i) ?? i.name}（${i.name}）`}
                  >
                    {everydayName(i) ?? i.name}
                  </button>
                </li>
              ))}
            </ul>
          </LabelledSection>
        )}
        <p class="attract-help">不会用？请找大厅工作人员，或拨打 {bundle.site.phones.consultation.number}</p>
      </div>
    </main>
  );
}
