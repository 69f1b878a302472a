/**
 * A section named by its heading: the heading's id is generated (preact's useId) and the
 * section points at it with aria-labelledby, so screen readers announce the section by its
 * title — no hand-written ids to keep unique.
 *
 *   <CardSection heading="地址">…</CardSection>            section.card (the usual white card)
 *   <LabelledSection class="popular" heading="大家常办">    any other labelled part of a page
 */
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import './CardSection.css';

interface SectionProps {
  heading: ComponentChildren;
  /** Or a function of the heading's id, for a group inside that the same heading names. */
  children: ComponentChildren | ((headingId: string) => ComponentChildren);
  class?: string;
  /** h2 (default) or h3 (a part inside a card). */
  level?: 2 | 3;
  [attr: `data-${string}`]: string | undefined;
}

export function LabelledSection({ heading, children, class: cls, level = 2, ...rest }: SectionProps) {
  const id = useId();
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <section class={cls} aria-labelledby={id} {...rest}>
      <H id={id}>{heading}</H>
      {typeof children === 'function' ? children(id) : children}
    </section>
  );
}

/** A white card (`section.card`, plus `class`) with its heading. */
export function CardSection({ class: cls, ...props }: SectionProps) {
  return <LabelledSection {...props} class={cls ? `card ${cls}` : 'card'} />;
}
