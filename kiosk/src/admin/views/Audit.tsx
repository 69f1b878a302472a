/** 操作记录: who changed what and when (logins, enrolments, devices, commands, cases), newest first. */
import { useState } from 'preact/hooks';
import { dateTime } from '../format.ts';
import type { AdminState } from '../state.ts';
import { Empty, ErrorBox, Icon, Loading, useLoad } from './common.tsx';

const PAGE = 50;

export function Audit({ state }: { state: AdminState }) {
  const r = useLoad(() => state.api.audit(), 'audit');
  const [limit, setLimit] = useState(PAGE);
  const rows = r.data ?? [];
  const tz = state.timeZone.value;
  return (
    <section class="ad-screen" aria-labelledby="audit-h">
      <div class="ad-screen-head">
        <h1 id="audit-h">操作记录</h1>
        <div class="ad-actions">
          <button type="button" class="ad-btn" onClick={r.reload}>
            <Icon name="refresh" />
            刷新
          </button>
        </div>
      </div>
      {r.error && <ErrorBox text={r.error} onRetry={r.reload} />}
      {r.loading && !r.data && <Loading />}
      {r.data && rows.length === 0 && <Empty>还没有操作记录。</Empty>}
      {rows.length > 0 && (
        <table class="ad-table ad-audit">
          <thead>
            <tr>
              <th>时间</th>
              <th>账号</th>
              <th>操作</th>
              <th>内容</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, limit).map((a, i) => (
              <tr key={`${a.at}-${i}`}>
                <td>{dateTime(a.at, tz)}</td>
                <td>{a.username}</td>
                <td>
                  <b>{a.action}</b>
                </td>
                <td>{a.detail || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows.length > limit && (
        <button type="button" class="ad-btn ad-more" onClick={() => setLimit(limit + PAGE)}>
          显示更多（还有 {rows.length - limit} 条）
        </button>
      )}
    </section>
  );
}
