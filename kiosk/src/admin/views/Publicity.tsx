/** 公示留痕: per announcement and site, when it was on screen, for how long, and how much of its 公示 period. */
import type { PublicityRow } from '../../uplink/api.ts';
import { filterQuery } from '../filters.ts';
import { dateTime, duration, isoDay, percent } from '../format.ts';
import type { AdminState } from '../state.ts';
import { Empty, ErrorBox, ExportLink, Icon, Loading, useLoad } from './common.tsx';
import { FilterBar } from './FilterBar.tsx';

/** Below this share of its 公示 period an announcement counts as not properly displayed. */
export const LOW_COVERAGE = 0.8;

function low(r: PublicityRow): boolean {
  return r.coverage !== null && r.coverage < LOW_COVERAGE;
}

export function Publicity({ state }: { state: AdminState }) {
  const f = state.filter.value;
  const r = useLoad(() => state.api.publicity(f), filterQuery(f));
  const tz = state.timeZone.value;
  const rows = r.data
    ? [...r.data].sort(
        (a, b) =>
          Number(low(b)) - Number(low(a)) ||
          (a.coverage ?? 2) - (b.coverage ?? 2) ||
          a.title.localeCompare(b.title, 'zh-CN') ||
          a.siteName.localeCompare(b.siteName, 'zh-CN'),
      )
    : [];
  const lowCount = rows.filter(low).length;
  return (
    <section class="ad-screen" aria-labelledby="pub-h">
      <div class="ad-screen-head">
        <h1 id="pub-h">公示留痕</h1>
        <div class="ad-actions">
          <ExportLink href={state.api.exportUrl('publicity', f)} />
        </div>
      </div>
      <FilterBar state={state} targets={false} />
      {r.error && <ErrorBox text={r.error} onRetry={r.reload} />}
      {r.loading && !r.data && <Loading />}
      {r.data && rows.length === 0 && <Empty>所选范围内没有公示播放记录。</Empty>}
      {rows.length > 0 && (
        <>
          <p class={`ad-notice ${lowCount ? 'bad' : 'ok'}`}>
            <Icon name={lowCount ? 'alert' : 'check'} />
            {lowCount
              ? `${lowCount} 条公示在公示期内展示不足 ${percent(LOW_COVERAGE, 0)} 的天数，请核查对应站点的显示屏。`
              : `全部公示在公示期内展示天数均达到 ${percent(LOW_COVERAGE, 0)} 以上。`}
          </p>
          <table class="ad-table ad-publicity">
            <thead>
              <tr>
                <th>公告</th>
                <th>站点</th>
                <th>公示期</th>
                <th>首次展示</th>
                <th>最后展示</th>
                <th class="num">累计展示</th>
                <th class="num">公示期展示天数占比</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={`${p.announcementId}|${p.siteCode}`} class={low(p) ? 'overdue' : ''}>
                  <td>{p.title}</td>
                  <td>{p.siteName}</td>
                  <td>
                    {isoDay(p.validFrom)} 至 {p.validTo ? isoDay(p.validTo) : '长期'}
                  </td>
                  <td>{dateTime(p.firstShownAt, tz)}</td>
                  <td>{dateTime(p.lastShownAt, tz)}</td>
                  <td class="num">{duration(p.totalShownMs)}</td>
                  <td class="num ad-coverage">
                    {low(p) && (
                      <b class="ad-tag bad">
                        <Icon name="alert" />
                        不足
                      </b>
                    )}
                    <span class="ad-meter" aria-hidden="true">
                      <span style={{ width: `${Math.round((p.coverage ?? 0) * 100)}%` }} />
                    </span>
                    <b>{percent(p.coverage, 0)}</b>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
