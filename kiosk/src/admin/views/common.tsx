/** Small pieces every dashboard screen uses: loading data, errors, export links, dialogs, icons. */
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure } from '../api.ts';

/** Lists that change by themselves (devices, cases) reload this often while on screen. */
export const AUTO_REFRESH_MS = 30_000;

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

function messageOf(e: unknown): string {
  return e instanceof ApiFailure ? e.message : '数据读取失败，请稍后重试。';
}

/**
 * Loads `fn()` whenever `key` changes (and on reload, and every `everyMs` while the page is
 * visible: new cases and device states show up by themselves); older answers never overwrite newer ones.
 */
export function useLoad<T>(fn: () => Promise<T>, key: string, everyMs = 0): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  const seq = useRef(0);
  // Loads only when `key` (or `round`) changes, not whenever the caller passes a new closure;
  // the ref holds the closure of the latest render, the one whose `key` triggered the load.
  const latestFn = useRef(fn);
  latestFn.current = fn;
  useEffect(() => {
    const n = ++seq.current;
    setLoading(true);
    latestFn.current().then(
      (d) => {
        if (n !== seq.current) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (n !== seq.current) return;
        setError(messageOf(e));
        setLoading(false);
      },
    );
  }, [key, round]);
  useEffect(() => {
    if (!everyMs) return;
    const t = setInterval(() => {
      if (document.visibilityState === 'visible') setRound((r) => r + 1);
    }, everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return { data, error, loading, reload: useCallback(() => setRound((r) => r + 1), []) };
}

/** Runs an action, returns its Chinese error (or null). */
export async function attempt(fn: () => Promise<unknown>): Promise<string | null> {
  try {
    await fn();
    return null;
  } catch (e) {
    return messageOf(e);
  }
}

export function ErrorBox({ text, onRetry }: { text: string; onRetry?: () => void }) {
  return (
    <div class="ad-error" role="alert">
      <Icon name="alert" />
      <span>{text}</span>
      {onRetry && (
        <button type="button" class="ad-btn" onClick={onRetry}>
          重试
        </button>
      )}
    </div>
  );
}

export function Loading() {
  return (
    <p class="ad-loading" role="status">
      正在读取…
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="ad-empty">{children}</p>;
}

/** 导出 Excel: the server's .xlsx with the same filter as on screen. */
export function ExportLink({ href }: { href: string }) {
  return (
    <a class="ad-btn ad-export" href={href} download>
      <Icon name="download" />
      导出 Excel
    </a>
  );
}

export function Dialog({
  title,
  onClose,
  children,
  wide,
}: {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class={`ad-dialog${wide ? ' wide' : ''}`}
      aria-label={title}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header>
        <h2>{title}</h2>
        <button type="button" class="ad-btn ghost" onClick={onClose} aria-label="关闭">
          关闭
        </button>
      </header>
      {children}
    </dialog>
  );
}

export type IconName = 'check' | 'cross' | 'clock' | 'alert' | 'dash' | 'download' | 'refresh' | 'eye' | 'plus';

const PATHS: Record<IconName, string> = {
  check: 'M5 12.5l4.5 4.5L19 7.5',
  cross: 'M6 6l12 12M18 6L6 18',
  clock: 'M12 7v5l3.5 2M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0',
  alert: 'M12 3l10 18H2zM12 10v5M12 18v.5',
  dash: 'M6 12h12',
  download: 'M12 4v11M7 10l5 5 5-5M5 20h14',
  refresh: 'M20 11a8 8 0 1 0-2.3 5.7M20 5v6h-6',
  eye: 'M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12zM12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6',
  plus: 'M12 5v14M5 12h14',
};

export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      class="ad-icon"
      viewBox="0 0 24 24"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      stroke-width="2.4"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
