/**
 * A person's photo, or — when there is none — the first character of their name in its place
 * (staff screen, agent card, wall-display staff slide). `src` is the photo's address (assetUrl).
 */
import './PhotoOrInitial.css';
export function PhotoOrInitial({
  name,
  src,
  alt,
  imgClass,
  initialClass,
  width,
  height,
  hideInitial = true,
}: {
  name: string;
  src: string | undefined;
  alt: string;
  imgClass?: string;
  initialClass: string;
  width?: number;
  height?: number;
  /** The initial repeats the name next to it: hidden from screen readers (default). */
  hideInitial?: boolean;
}) {
  return src ? (
    <img class={imgClass} src={src} alt={alt} width={width} height={height} />
  ) : (
    <span class={initialClass} aria-hidden={hideInitial ? 'true' : undefined}>
      {name.slice(0, 1)}
    </span>
  );
}
