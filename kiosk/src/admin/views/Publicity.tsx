/** 公示留痕: per announcement and site, when it was on screen, for how long, and how much of its 公示 period. */
import { useState } from 'preact/hooks';
import type { PublicityRow } from '../../uplink/api.ts';
import { filterQuery } from '../filters.ts';
import { dateTime, duration, isoDay, percent } from '../format.ts';
import { groupPublicity, LOW_COVERAGE, screenSitesOf, standing, standingCounts } from '../publicity.ts';
import type { AdminState } from '../state.ts';
import { Empty, ErrorBox, ExportLink, Icon, Loading, useLoad } from './common.tsx';
import { FilterBar } from './FilterBar.tsx';

/** Announcement groups shown before 显示更多. */
const PAGE = 12;

export function Publicity({ state }: { state: AdminState }) {
  const f = state.filter.value;
  const r = useLoad(() => state.api.publicity(f), filterQuery(f));
  // Which sites have a screen at all: "never shown" there is a fault, elsewhere a missing screen.
  const devices = useLoad(() => state.api.devices(), 'devices');
  const screens = devices.data ? screenSitesOf(devices.data) : null;
  const [onlyShort, setOnlyShort] = useState(false);
  const [limit, setLimit] = useState(PAGE);
  const tz = state.timeZone.value;
  const rows = r.data ?? [];
  const counts = standingCounts(rows, screens);
  const groups = groupPublicity(rows, onlyShort, screens);
  const short = counts.never + counts.low;
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
      {r.data && rows.length === 0 && <Empty>所选范围内没有需要公示的公告。</Empty>}
      {rows.length > 0 && (
        <>
          <ul class="ad-summary" aria-label="公示概况">
            <li class={`tone-bad${counts.never ? '' : ' zero'}`}>
              <Icon name="cross" />
              <span class="word">从未展示</span>
              <b>{counts.never}</b>
            </li>
            <li class={`tone-bad${counts.low ? '' : ' zero'}`}>
              <Icon name="alert" />
              <span class="word">展示不足</span>
              <b>{counts.low}</b>
            </li>
            <li class={`tone-ok${counts.ok ? '' : ' zero'}`}>
              <Icon name="check" />
              <span class="word">达标</span>
              <b>{counts.ok}</b>
            </li>
            {counts.noscreen > 0 && (
              <li class="tone-muted">
                <Icon name="dash" />
                <span class="word">站点无显示屏</span>
                <b>{counts.noscreen}</b>
              </li>
            )}
            <li class="ad-summary-note">按“公告 × 站点”计；公示期内有展示的天数达到 {percent(LOW_COVERAGE, 0)} 为达标</li>
          </ul>
          <div class="ad-filters" aria-label="公示筛选">
            <label class="ad-check">
              <input
                type="checkbox"
                checked={onlyShort}
                onChange={(e) => {
                  setOnlyShort(e.currentTarget.checked);
                  setLimit(PAGE);
                }}
              />
              只看从未展示或展示不足的（{short} 处）
            </label>
          </div>
          {groups.length === 0 && <Empty>全部公示都已达标。</Empty>}
          {groups.length > 0 && (
            <table class="ad-table ad-publicity">
              <thead>
                <tr>
                  <th>站点</th>
                  <th>首次展示</th>
                  <th>最后展示</th>
                  <th class="num">累计展示</th>
                  <th class="num">公示期展示天数占比</th>
                </tr>
              </thead>
              {groups.slice(0, limit).map((g) => (
                <tbody key={g.id} data-announcement={g.id}>
                  <tr class="ad-group-row">
                    <th colSpan={5} scope="rowgroup">
                      <span class="title">{g.title}</span>
                      <span class="period">
                        公示期 {isoDay(g.validFrom)} 至 {g.validTo ? isoDay(g.validTo) : '长期'}
                      </span>
                      {g.short > 0 ? (
                        <b class="ad-tag bad">
                          <Icon name="alert" />
                          {g.short} 个站点未达标
                        </b>
                      ) : (
                        <b class="ad-tag ok">
                          <Icon name="check" />
                          全部达标
                        </b>
                      )}
                    </th>
                  </tr>
                  {g.rows
                    .filter((p) => standing(p, screens) !== 'noscreen')
                    .map((p) => (
                      <PublicitySiteRow key={p.siteCode} p={p} tz={tz} screens={screens} />
                    ))}
                  {(() => {
                    const none = g.rows.filter((p) => standing(p, screens) === 'noscreen');
                    return none.length ? (
                      <tr class="closed ad-noscreen">
                        <td colSpan={5}>
                          <Icon name="dash" /> 无显示屏的站点（{none.length} 个，不计入达标）：{none.map((p) => p.siteName).join('、')}
                        </td>
                      </tr>
                    ) : null;
                  })()}
                </tbody>
              ))}
            </table>
          )}
          {groups.length > limit && (
            <button type="button" class="ad-btn ad-more" onClick={() => setLimit(limit + PAGE)}>
              显示更多（还有 {groups.length - limit} 条公告）
            </button>
          )}
        </>
      )}
    </section>
  );
}

function PublicitySiteRow({ p, tz, screens }: { p: PublicityRow; tz: string; screens: ReadonlySet<string> | null }) {
  const s = standing(p, screens);
  return (
    <tr class={s === 'never' || s === 'low' ? 'overdue' : s === 'noscreen' ? 'closed' : ''}>
      <td>{p.siteName}</td>
      <td>{dateTime(p.firstShownAt, tz)}</td>
      <td>{dateTime(p.lastShownAt, tz)}</td>
      <td class="num">{duration(p.totalShownMs)}</td>
      <td class="num ad-coverage">
        {s === 'never' && (
          <b class="ad-tag bad">
            <Icon name="cross" />
            从未展示
          </b>
        )}
        {s === 'noscreen' && (
          <b class="ad-tag muted">
            <Icon name="dash" />
            无显示屏
          </b>
        )}
        {s === 'low' && (
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
  );
}
