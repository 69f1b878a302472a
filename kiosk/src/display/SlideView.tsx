/** One page of a slide, and the closed-hours screen. Pure rendering of what the loop hands over. */
import type { Block, FieldBlock, StaffCard } from './blocks.ts';
import type { PageView } from './loop.ts';
import { useAssets } from '../state/assets-context.ts';
import { PhotoOrInitial } from '../ui/PhotoOrInitial.tsx';
import './SlideView.css';

function FieldView({ b, leading }: { b: FieldBlock; leading: boolean }) {
  const assets = useAssets();
  const showLabel = b.label && (b.first || leading);
  const cls = `blk blk-${b.style}${b.first ? '' : ' blk-cont'}${b.label ? ' has-label' : ''}`;
  return (
    <div class={cls}>
      {b.label ? <div class="blk-label">{showLabel ? (b.first ? b.label : `${b.label}（续）`) : ''}</div> : null}
      <div class="blk-lines">
        {b.lines.map((l) => (
          <div class={l.marker !== undefined ? 'ln has-marker' : 'ln'} key={l.lineId}>
            {l.marker !== undefined ? <span class="ln-marker">{l.marker}</span> : null}
            {l.html !== undefined && !b.level ? (
              <span class="ln-text" dangerouslySetInnerHTML={{ __html: assets.html(l.html) }} />
            ) : (
              <span class="ln-text">{l.text}</span>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}

function CardView({ c }: { c: StaffCard }) {
  const assets = useAssets();
  return (
    <div class="card">
      <div class="card-photo">
        <PhotoOrInitial
          name={c.name}
          src={c.photo ? assets.url(c.photo) : undefined}
          alt={c.name}
          initialClass="card-initial"
          hideInitial={false}
        />
      </div>
      <div class="card-name">{c.name}</div>
      <div class="card-post">
        <span class={`post post-${c.post}`}>{c.post}岗</span> {c.window}号窗口
      </div>
      <div class="card-pos">{c.windowName ?? c.position}</div>
      {c.note ? <div class="card-note">{c.note}</div> : null}
    </div>
  );
}

export function BlocksView({ blocks }: { blocks: Block[] }) {
  const assets = useAssets();
  return (
    <>
      {blocks.map((b, i) =>
        b.kind === 'field' ? (
          <FieldView b={b} leading={i === 0} key={b.group + ':' + i} />
        ) : b.kind === 'card' ? (
          <CardView c={b.card} key={b.group} />
        ) : (
          <div class="blk blk-html" key={b.group} dangerouslySetInnerHTML={{ __html: assets.html(b.html) }} />
        ),
      )}
    </>
  );
}

export function SlideView({ view }: { view: Pick<PageView, 'spec' | 'blocks' | 'index' | 'count'> & { seconds?: number } }) {
  const { spec, blocks, index, count, seconds } = view;
  return (
    <section
      class={`slide kind-${spec.kind}${spec.urgent ? ' urgent' : ''}`}
      data-slide={spec.key}
      data-page={`${index}/${count}`}
      data-seconds={seconds}
    >
      <div class="slide-head">
        <span class="slide-tag">{spec.tag}</span>
        <h2 class="slide-title">{spec.title}</h2>
        {spec.subtitle ? <div class="slide-sub">{spec.subtitle}</div> : null}
      </div>
      <div class={`slide-body${spec.kind === 'staff' ? ' body-cards' : ''}`}>
        <BlocksView blocks={blocks} />
      </div>
      <div class="slide-foot">
        <span class="pager" aria-label="页码">
          {count > 1 ? `${index}/${count}` : ''}
        </span>
        {count > 1 && index < count ? <span class="pager-more">下页续</span> : null}
      </div>
    </section>
  );
}
