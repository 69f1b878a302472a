/**
 * The dashboard's client of the hub API (types from kiosk/src/uplink/api.ts, the one contract).
 * Same origin: the session is an HttpOnly cookie the browser sends by itself. Every failure
 * becomes an ApiFailure with a Chinese message that is safe to show.
 */
import type {
  AdminSite,
  ApiError,
  AuditRow,
  CaseFigures,
  CaseRow,
  CaseUpdate,
  CommandKind,
  DeviceRow,
  EnrolmentCode,
  PublicityRow,
  SatisfactionReport,
  SessionUser,
} from '../uplink/api.ts';
import { filterQuery, type Filter } from './filters.ts';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Chinese message for a status when the server sent none we can show. */
function fallbackMessage(status: number): string {
  if (status === 0) return '无法连接管理平台服务器，请检查网络后重试。';
  if (status === 401) return '登录已过期，请重新登录。';
  if (status === 403) return '没有权限查看或修改这些数据。';
  if (status === 404) return '没有找到要查看的数据（可能已被删除）。';
  if (status === 423 || status === 429) return '操作过于频繁，请稍后再试。';
  if (status >= 500) return '服务器出错，请稍后重试；如一直出错请联系县级管理员。';
  return '请求未被接受，请检查填写的内容。';
}

const HAN = /[\u4e00-\u9fff]/;

export interface Api {
  /** Base URL of the API, ending in "/api/". */
  readonly base: string;
  me(): Promise<SessionUser>;
  login(username: string, password: string): Promise<SessionUser>;
  logout(): Promise<void>;
  sites(): Promise<AdminSite[]>;
  devices(): Promise<DeviceRow[]>;
  enrol(siteCode: string, name: string): Promise<EnrolmentCode>;
  rename(id: string, name: string): Promise<void>;
  revoke(id: string): Promise<void>;
  command(id: string, kind: CommandKind): Promise<void>;
  satisfaction(f: Filter): Promise<SatisfactionReport>;
  cases(f: Filter, extra?: { state?: string; overdue?: boolean }): Promise<CaseRow[]>;
  caseFigures(f: Filter): Promise<CaseFigures>;
  updateCase(id: number, update: CaseUpdate): Promise<void>;
  publicity(f: Filter): Promise<PublicityRow[]>;
  /** 操作记录: the latest changes (the hub limits a township account to its township). */
  audit(): Promise<AuditRow[]>;
  /** Address of a report's Excel export with the same filter as on screen. */
  exportUrl(report: 'satisfaction' | 'cases' | 'publicity' | 'devices', f: Filter | null): string;
}

/**
 * True when a response holds demo data (示例数据): rows with `demo: true`, reports counting
 * `demoRatings` / `demoCases` above 0 (the contract's fields), or an `X-Bianmin-Demo: 1` header.
 */
export function isDemo(headers: Headers, json: unknown): boolean {
  if (headers.get('x-bianmin-demo') === '1') return true;
  if (Array.isArray(json)) return json.some((r) => (r as { demo?: unknown } | null)?.demo === true);
  const o = (json ?? {}) as { demo?: unknown; demoRatings?: unknown; demoCases?: unknown };
  return (
    o.demo === true || (typeof o.demoRatings === 'number' && o.demoRatings > 0) || (typeof o.demoCases === 'number' && o.demoCases > 0)
  );
}

export interface ApiHooks {
  /** A response carried demo data. */
  onDemo?: () => void;
  /** The session ended (401 on anything but login). */
  onSignedOut?: () => void;
}

export function createApi(base: string, hooks: ApiHooks = {}, fetchImpl: typeof fetch = (...a) => fetch(...a)): Api {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetchImpl(base + path, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiFailure(0, 'network', fallbackMessage(0));
    }
    const text = await res.text().catch(() => '');
    let json: unknown = null;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
    }
    if (!res.ok) {
      if (res.status === 401 && path !== 'admin/login' && path !== 'admin/me') hooks.onSignedOut?.();
      const err = (json ?? {}) as Partial<ApiError>;
      const message = typeof err.message === 'string' && HAN.test(err.message) ? err.message : fallbackMessage(res.status);
      throw new ApiFailure(res.status, typeof err.error === 'string' ? err.error : `http_${res.status}`, message);
    }
    if (isDemo(res.headers, json)) hooks.onDemo?.();
    return json as T;
  }

  const q = (f: Filter, extra: Record<string, string> = {}) => {
    const s = filterQuery(f, extra);
    return s ? `?${s}` : '';
  };

  return {
    base,
    me: () => call('GET', 'admin/me'),
    login: (username, password) => call('POST', 'admin/login', { username, password }),
    logout: async () => {
      await call('POST', 'admin/logout', {});
    },
    sites: () => call('GET', 'admin/sites'),
    devices: () => call('GET', 'admin/devices'),
    enrol: (siteCode, name) => call('POST', 'admin/enrolments', name ? { siteCode, name } : { siteCode }),
    rename: async (id, name) => {
      await call('PATCH', `admin/devices/${encodeURIComponent(id)}`, { name });
    },
    revoke: async (id) => {
      await call('POST', `admin/devices/${encodeURIComponent(id)}/revoke`, {});
    },
    command: async (id, kind) => {
      await call('POST', `admin/devices/${encodeURIComponent(id)}/commands`, { kind });
    },
    satisfaction: (f) => call('GET', `admin/reports/satisfaction${q(f)}`),
    cases: (f, extra = {}) => {
      const x: Record<string, string> = {};
      if (extra.state) x.state = extra.state;
      if (extra.overdue) x.overdue = '1';
      return call('GET', `admin/cases${q(f, x)}`);
    },
    caseFigures: (f) => call('GET', `admin/reports/cases${q(f)}`),
    updateCase: async (id, update) => {
      await call('POST', `admin/cases/${id}`, update);
    },
    publicity: (f) => call('GET', `admin/reports/publicity${q(f)}`),
    audit: () => call('GET', 'admin/audit'),
    exportUrl: (report, f) => `${base}admin/reports/${report}.xlsx${f ? q(f) : ''}`,
  };
}
