/**
 * Loads a mode's view module on demand (the display loop never downloads the touch views and
 * vice versa) and renders its component. The module may export the component by name or as default.
 * `props` are passed to the view besides `state`. Once a module has loaded, later mounts render
 * it at once (no fallback frame).
 */
import { useEffect, useState } from 'preact/hooks';
import type { ComponentChildren, ComponentType } from 'preact';
import type { AppState } from '../state/app-state.ts';

export type ViewProps = { state: AppState };
type ViewModule = Record<string, unknown>;
type AnyView = ComponentType<any>;

const loaded = new WeakMap<() => Promise<ViewModule>, Map<string, AnyView>>();

export function LazyView(props: {
  state: AppState;
  load: () => Promise<ViewModule>;
  exportName: string;
  fallback: ComponentChildren;
  props?: Record<string, unknown>;
}) {
  const known = loaded.get(props.load)?.get(props.exportName) ?? null;
  const [View, setView] = useState<AnyView | null>(() => known);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (known) return;
    let alive = true;
    props.load().then(
      (m) => {
        const C = (m[props.exportName] ?? m.default) as AnyView | undefined;
        if (!alive) return;
        if (C) {
          const byName = loaded.get(props.load) ?? new Map<string, AnyView>();
          byName.set(props.exportName, C);
          loaded.set(props.load, byName);
          setView(() => C);
        } else setError(new Error(`模块没有导出 ${props.exportName}`));
      },
      (err: unknown) => alive && setError(err),
    );
    return () => {
      alive = false;
    };
  }, [props.load]);
  if (error) throw error instanceof Error ? error : new Error(String(error));
  const C = View ?? known;
  return C ? <C {...props.props} state={props.state} /> : <>{props.fallback}</>;
}
