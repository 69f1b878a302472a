/**
 * Loads a mode's view module on demand (the display loop never downloads the touch views and
 * vice versa) and renders its component. The module may export the component by name or as default.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ComponentChildren, ComponentType } from 'preact';
import type { AppState } from '../state/app-state.ts';

export type ViewProps = { state: AppState };
type ViewModule = Record<string, unknown>;

export function LazyView(props: { state: AppState; load: () => Promise<ViewModule>; exportName: string; fallback: ComponentChildren }) {
  const [View, setView] = useState<ComponentType<ViewProps> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let alive = true;
    props.load().then(
      (m) => {
        const C = (m[props.exportName] ?? m.default) as ComponentType<ViewProps> | undefined;
        if (!alive) return;
        if (C) setView(() => C);
        else setError(new Error(`模块没有导出 ${props.exportName}`));
      },
      (err: unknown) => alive && setError(err),
    );
    return () => {
      alive = false;
    };
  }, [props.load]);
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return View ? <View state={props.state} /> : <>{props.fallback}</>;
}
