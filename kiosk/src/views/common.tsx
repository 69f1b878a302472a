/** Small building blocks shared by the screens. */
import type { ComponentChildren } from 'preact';
import type { ServiceItem } from '../bundle/schema.ts';
import { highlightSegments } from '../search/match.ts';
import { Icon } from './icons.tsx';

export function ScreenTitle({ children, sub }: { children: ComponentChildren; sub?: ComponentChildren }) {
  return (
    <div class="screen-title">
      <h1>{children}</h1>
      {sub && <p class="screen-sub">{sub}</p>}
    </div>
  );
}

export function Highlight({ text, hits }: { text: string; hits: readonly number[] }) {
  return (
    <>
      {highlightSegments(text, hits).map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </>
  );
}

/** 即办件 / 承诺件 with its time limit, in words (never colour alone). */
export function ModeBadge({ item }: { item: ServiceItem }) {
  if (item.mode === '即办件') {
    return <span class="badge badge-now">即办件 · 当场办结</span>;
  }
  return <span class="badge badge-promise">承诺件 · {item.promiseDays ?? '?'}个工作日内办结</span>;
}

export function visitsText(visits: number | undefined): string {
  const v = visits ?? 1;
  return v === 0 ? '不用跑现场' : `最多跑${v}次`;
}

/** Everyday names of an item not already in its official name, for recognition in lists. */
export function aliases(item: ServiceItem, max = 3): string[] {
  return item.keywords.filter((k) => !item.name.includes(k)).slice(0, max);
}

/** One item in a list: a large button leading to its detail. */
export function ItemRow({
  item,
  onOpen,
  step,
  label,
  extra,
}: {
  item: ServiceItem;
  onOpen: () => void;
  step?: number;
  label?: ComponentChildren;
  extra?: ComponentChildren;
}) {
  return (
    <li>
      <button type="button" class="row-btn" onClick={onOpen}>
        {step !== undefined && (
          <span class="row-step" aria-hidden="true">
            {step}
          </span>
        )}
        <span class="row-main">
          <span class="row-title">
            {step !== undefined && <span class="sr-only">第{step}步：</span>}
            {label ?? item.name}
          </span>
          <span class="row-meta">
            <ModeBadge item={item} />
            <span class="row-where">
              <Icon name="place" />
              {item.where}
            </span>
            {extra}
          </span>
          {aliases(item).length > 0 && <span class="row-alias">也叫：{aliases(item).join('、')}</span>}
        </span>
        <Icon name="right" class="row-arrow" />
      </button>
    </li>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}
