import { useEffect } from 'preact/hooks';

/**
 * Marks the document as a wall display while mounted: dark page background (so no
 * white can ever show between slides), no cursor, no scrollbars, no selection.
 */
export function useDisplayMode(mode: 'display' | 'ticker'): void {
  useEffect(() => {
    const root = document.documentElement;
    const cls = `mode-${mode}`;
    root.classList.add('wall-mode', cls);
    return () => root.classList.remove('wall-mode', cls);
  }, [mode]);
}
