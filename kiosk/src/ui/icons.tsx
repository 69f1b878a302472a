/**
 * Line icons drawn inline (no icon font, no image requests). Always decorative: aria-hidden.
 *
 * The table holds path data, not elements: Preact writes the DOM node and parent of every vnode
 * it renders into that vnode, so a module-level <path/> reused by every Icon would keep the
 * last screen it was drawn on (the whole detached tree) alive after that screen was left.
 */

const PATHS: Record<string, string> = {
  back: 'M15 5 8 12l7 7M8 12h13',
  home: 'M3 11 12 4l9 7M6 9.5V20h4.5v-6h3v6H18V9.5',
  elder: 'M4 19 9 5h1l5 14M6 14h7M16 19l2.5-7h1L22 19M17 16.5h4',
  dept: 'M3 21h18M5 21V9l7-5 7 5v12M9 21v-6h6v6M9 11h.01M15 11h.01',
  topic: 'M4 6h16M4 12h10M4 18h13M18 14l2 2-2 2',
  search: 'M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13ZM15.5 15.5 21 21',
  notice: 'M4 10v4h3l6 4V6L7 10H4ZM16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12',
  doc: 'M6 3h9l4 4v14H6V3ZM15 3v4h4M9 12h7M9 16h7',
  staff: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8ZM4 21c1-4 4-6 8-6s7 2 8 6',
  info: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18ZM12 11v6M12 7.5h.01',
  rate: 'M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9L12 3Z',
  speak: 'M4 10v4h3l5 4V6l-5 4H4ZM16 9a4 4 0 0 1 0 6M18.5 6.5a7.5 7.5 0 0 1 0 11',
  qr: 'M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h2v2h-2zM18 18h2v2h-2zM14 18h2M18 14h2',
  print: 'M7 9V3h10v6M7 17H4v-7h16v7h-3M7 14h10v7H7z',
  phone: 'M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2Z',
  place: 'M12 21s-7-6.2-7-11.5A7 7 0 0 1 19 9.5C19 14.8 12 21 12 21ZM12 12a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5Z',
  clock: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18ZM12 7v5l3 2',
  check: 'M5 12.5 10 17l9-10',
  cross: 'M6 6l12 12M18 6 6 18',
  warn: 'M12 3 2 20h20L12 3ZM12 10v4.5M12 17.5h.01',
  close: 'M6 6l12 12M18 6 6 18',
  right: 'm9 5 7 7-7 7',
  del: 'M9 5h11v14H9l-6-7 6-7ZM12 9l5 6M17 9l-5 6',
  touch:
    'M9 11V5a1.5 1.5 0 0 1 3 0v5M12 10V8.5a1.5 1.5 0 0 1 3 0V11M15 10.5a1.5 1.5 0 0 1 3 0V15a6 6 0 0 1-6 6h-1a6 6 0 0 1-5-2.7L3.5 14a1.5 1.5 0 0 1 2.5-1.6L9 15',
};

export type IconName = keyof typeof PATHS;

export function Icon({ name, class: cls }: { name: string; class?: string }) {
  return (
    <svg
      class={`icon ${cls ?? ''}`}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      <path d={PATHS[name] ?? PATHS.info} />
    </svg>
  );
}
