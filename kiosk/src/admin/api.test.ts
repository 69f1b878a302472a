import { describe, expect, it } from 'vitest';
import { ApiFailure, createApi } from './api.ts';

function fakeFetch(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const f = (async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers });
  }) as unknown as typeof fetch;
  return { f, calls };
}

describe('dashboard api client', () => {
  it('shows the server message when it is Chinese, a Chinese fallback otherwise', async () => {
    const a = createApi('/api/', {}, fakeFetch(401, { error: 'bad_password', message: '用户名或密码错误' }).f);
    await expect(a.login('x', 'y')).rejects.toMatchObject({ status: 401, message: '用户名或密码错误' });
    const b = createApi('/api/', {}, fakeFetch(500, { error: 'x', message: 'TypeError: boom at line 3' }).f);
    const err = await b.devices().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiFailure);
    expect((err as ApiFailure).message).toBe('服务器出错，请稍后重试；如一直出错请联系县级管理员。');
  });

  it('reports a network failure in Chinese', async () => {
    const a = createApi('/api/', {}, (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch);
    await expect(a.me()).rejects.toMatchObject({ status: 0, message: '无法连接管理平台服务器，请检查网络后重试。' });
  });

  it('signals a lost session and demo data', async () => {
    let out = 0;
    let demo = 0;
    const hooks = { onSignedOut: () => out++, onDemo: () => demo++ };
    await createApi('/api/', hooks, fakeFetch(401, {}).f)
      .devices()
      .catch(() => {});
    await createApi('/api/', hooks, fakeFetch(401, {}).f)
      .login('a', 'b')
      .catch(() => {});
    expect(out).toBe(1);
    await createApi('/api/', hooks, fakeFetch(200, [{ demo: true }]).f).devices();
    await createApi('/api/', hooks, fakeFetch(200, { total: 0 }, { 'X-Bianmin-Demo': '1' }).f).satisfaction({
      fromDate: '2026-01-01',
      toDate: '2026-01-31',
    });
    await createApi('/api/', hooks, fakeFetch(200, { total: 0, demoRatings: 0 }).f).satisfaction({
      fromDate: '2026-01-01',
      toDate: '2026-01-31',
    });
    await createApi('/api/', hooks, fakeFetch(200, { total: 9, demoCases: 3 }).f).caseFigures({
      fromDate: '2026-01-01',
      toDate: '2026-01-31',
    });
    expect(demo).toBe(3);
  });

  it('sends filters and case updates where the contract says', async () => {
    const { f, calls } = fakeFetch(200, { ok: true });
    const a = createApi('/api/', {}, f);
    await a.cases({ fromDate: '2026-11-01', toDate: '2026-11-30', township: 'baihe' }, { overdue: true });
    await a.updateCase(7, { state: '已办结', note: '已电话回访' });
    expect(calls[0].url).toBe('/api/admin/cases?from=2026-11-01&to=2026-11-30&township=baihe&overdue=1');
    expect(calls[1].url).toBe('/api/admin/cases/7');
    expect(calls[1].init?.method).toBe('POST');
    expect(JSON.parse(String(calls[1].init?.body))).toEqual({ state: '已办结', note: '已电话回访' });
    expect(a.exportUrl('satisfaction', { fromDate: '2026-11-01', toDate: '2026-11-30' })).toBe(
      '/api/admin/reports/satisfaction.xlsx?from=2026-11-01&to=2026-11-30',
    );
  });
});
