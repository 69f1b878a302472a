/**
 * One JSON POST to the hub, classified: answered with data, answered with an error status, or
 * not answered at all (network down, timeout, hub not running). Never throws.
 */
import type { ApiError } from './api.ts';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export type HubResult<T> =
  | { kind: 'ok'; status: number; data: T }
  | { kind: 'http'; status: number; error: ApiError | null; retryAfterMs: number | null }
  | { kind: 'network'; message: string };

export const REQUEST_TIMEOUT_MS = 20_000;

/** `path` ("api/device/enrol") resolved against the hub's base URL. */
export function hubUrl(base: string, path: string): string {
  return new URL(path.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`).href;
}

function retryAfter(res: Response): number | null {
  const v = res.headers.get('retry-after');
  if (!v) return null;
  const s = Number(v);
  if (Number.isFinite(s) && s >= 0) return Math.min(s, 3600) * 1000;
  const t = Date.parse(v);
  return Number.isFinite(t) ? Math.max(0, Math.min(t - Date.now(), 3_600_000)) : null;
}

export async function postJson<T>(
  fetchFn: FetchLike,
  base: string,
  path: string,
  body: unknown,
  token: string | null,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<HubResult<T>> {
  const controller = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = controller ? setTimeout(() => controller.abort(), timeoutMs) : undefined;
  try {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetchFn(hubUrl(base, path), {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      signal: controller?.signal,
    });
    let data: unknown = null;
    try {
      data = await res.json();
    } catch {
      data = null;
    }
    if (res.ok) {
      if (data === null) return { kind: 'http', status: res.status, error: null, retryAfterMs: null };
      return { kind: 'ok', status: res.status, data: data as T };
    }
    const error = data && typeof data === 'object' && typeof (data as ApiError).message === 'string' ? (data as ApiError) : null;
    return { kind: 'http', status: res.status, error, retryAfterMs: retryAfter(res) };
  } catch (e) {
    return { kind: 'network', message: e instanceof Error ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
  }
}

/** A short Chinese description of a failed call, for staff. */
export function failureText(r: Exclude<HubResult<unknown>, { kind: 'ok' }>): string {
  if (r.kind === 'network') return '连不上县级管理平台（网络不通或平台未运行）';
  if (r.status === 401) return '设备授权无效或已被注销，请重新登记设备';
  if (r.error?.message) return `县级管理平台拒绝：${r.error.message}`;
  if (r.status >= 500) return `县级管理平台出错（${r.status}），稍后自动重试`;
  return `县级管理平台返回 ${r.status}`;
}
