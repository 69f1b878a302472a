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

function cached(load: () => Promise<ViewModule>, exportName: string): AnyView | null {
  return loaded.get(load)?.get(exportName) ?? null;
}

export function LazyView(props: {
  state: AppState;
  load: () => Promise<ViewModule>;
  exportName: string;
  fallback: ComponentChildren;
  props?: Record<string, unknown>;
}) {
  const { load, exportName } = props;
  // The component lives in state (resolved once per module, never made during render); a
  // module that has loaded before is there from the first render.
  const [View, setView] = useState<AnyView | null>(() => cached(load, exportName));
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const known = cached(load, exportName);
    if (known) {
      setView(() => known);
      return;
    }
    let alive = true;
    load().then(
      (m) => {
        const C = (m[exportName] ?? m.default) as AnyView | undefined;
        if (!alive) return;
        if (C) {
          const byName = loaded.get(load) ?? new Map<string, AnyView>();
          byName.set(exportName, C);
          loaded.set(load, byName);
          setView(() => C);
        } else setError(new Error(`模块没有导出 ${exportName}`));
      },
      (err: unknown) => alive && setError(err),
    );
    return () => {
      alive = false;
    };
  }, [load, exportName]);
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return View ? <View {...props.props} state={props.state} /> : <>{props.fallback}</>;
}
