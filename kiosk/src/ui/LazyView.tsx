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

/** Keeps a loaded module's component so that the first LazyView of it renders at once. */
function keep(load: () => Promise<ViewModule>, exportName: string, m: ViewModule): AnyView | undefined {
  const C = (m[exportName] ?? m.default) as AnyView | undefined;
  if (C) {
    const byName = loaded.get(load) ?? new Map<string, AnyView>();
    byName.set(exportName, C);
    loaded.set(load, byName);
  }
  return C;
}

/**
 * Starts loading a view module before any LazyView of it mounts (main.tsx: the mode's view,
 * while the stored content is read), so that the first screen renders it without a fallback
 * frame. A failure is left to the LazyView, which loads again and shows it.
 */
export function preloadView(load: () => Promise<ViewModule>, exportName: string): void {
  load().then(
    (m) => void keep(load, exportName, m),
    () => {},
  );
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
        if (!alive) return;
        const C = keep(load, exportName, m);
        if (C) setView(() => C);
        else setError(new Error(`模块没有导出 ${exportName}`));
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
