/** Small building blocks shared by the screens. */
import type { ComponentChildren } from 'preact';
import type { ServiceItem } from '../bundle/schema.ts';
import { otherNamesText } from '../present/names.ts';
import { highlightSegments } from '../search/match.ts';
import { Icon } from '../ui/icons.tsx';
import './common.css';

export function ScreenTitle({ children, sub }: { children: ComponentChildren; sub?: ComponentChildren }) {
  return (
    <div class="screen-title">
      <h1>{children}</h1>
      {sub && <p class="screen-sub">{sub}</p>}
    </div>
  );
}

export function Highlight({ text, hits }: { text: string; hits: readonly number[] }) {
  return <>{highlightSegments(text, hits).map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}</>;
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

/** One row of a list: a large button with a title, an optional meta line, and an arrow. */
export function RowButton({
  title,
  meta,
  lead,
  after,
  onClick,
  result,
}: {
  title: ComponentChildren;
  meta?: ComponentChildren;
  /** Before the text, e.g. a step number. */
  lead?: ComponentChildren;
  /** Below the meta line, e.g. aliases. */
  after?: ComponentChildren;
  onClick: () => void;
  /** A search result row. */
  result?: boolean;
}) {
  return (
    <button type="button" class={result ? 'row-btn result' : 'row-btn'} onClick={onClick}>
      {lead}
      <span class="row-main">
        <span class="row-title">{title}</span>
        {meta !== undefined && <span class="row-meta">{meta}</span>}
        {after}
      </span>
      <Icon name="right" class="row-arrow" />
    </button>
  );
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
      <RowButton
        onClick={onOpen}
        lead={
          step !== undefined && (
            <span class="row-step" aria-hidden="true">
              {step}
            </span>
          )
        }
        title={
          <>
            {step !== undefined && <span class="sr-only">第{step}步：</span>}
            {label ?? item.name}
          </>
        }
        meta={
          <>
            <ModeBadge item={item} />
            <span class="row-where">
              <Icon name="place" />
              {item.where}
            </span>
            {extra}
          </>
        }
        after={otherNamesText(item) && <span class="row-alias">{otherNamesText(item)}</span>}
      />
    </li>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}
