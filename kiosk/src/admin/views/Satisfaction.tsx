/** 满意率测评: count, the five levels, 满意率, trend by month, 差评 reasons ranked, township ranking. */
import { LEVELS } from '../../evaluation/levels.ts';
import { filterQuery } from '../filters.ts';
import { monthLabel, percent } from '../format.ts';
import type { AdminState } from '../state.ts';
import { Empty, ErrorBox, ExportLink, Loading, useLoad } from './common.tsx';
import { BarChart, TrendChart } from './charts.tsx';
import { FilterBar } from './FilterBar.tsx';

export function Satisfaction({ state }: { state: AdminState }) {
  const f = state.filter.value;
  const r = useLoad(() => state.api.satisfaction(f), filterQuery(f));
  const rep = r.data;
  const poor = rep ? rep.levels[0] + rep.levels[1] : 0;
  const ranking = rep ? [...rep.townships].sort((a, b) => (b.satisfaction ?? -1) - (a.satisfaction ?? -1) || b.total - a.total) : [];
  return (
    <section class="ad-screen" aria-labelledby="sat-h">
      <div class="ad-screen-head">
        <h1 id="sat-h">满意率测评</h1>
        <div class="ad-actions">
          <ExportLink href={state.api.exportUrl('satisfaction', f)} />
        </div>
      </div>
      <FilterBar state={state} />
      {r.error && <ErrorBox text={r.error} onRetry={r.reload} />}
      {r.loading && !rep && <Loading />}
      {rep && (
        <div class={`ad-report${r.loading ? ' busy' : ''}`}>
          <div class="ad-kpis">
            <div class="ad-kpi big">
              <span>满意率</span>
              <b data-testid="satisfaction-rate">{percent(rep.satisfaction)}</b>
              <small>（非常满意 + 满意 + 基本满意）÷ 评价总数</small>
            </div>
            <div class="ad-kpi">
              <span>评价总数</span>
              <b>{rep.total}</b>
              <small>条</small>
            </div>
            <div class={`ad-kpi${poor ? ' bad' : ''}`}>
              <span>差评</span>
              <b>{poor}</b>
              <small>条（不满意 + 非常不满意）</small>
            </div>
          </div>
          {rep.total === 0 ? (
            <Empty>所选时间和范围内没有评价。</Empty>
          ) : (
            <div class="ad-panels">
              <section class="ad-panel">
                <h2>五级评价</h2>
                <BarChart
                  label="五级评价分布"
                  items={LEVELS.map((l) => ({ label: l.label, value: rep.levels[l.value - 1] }))}
                  tones={LEVELS.map((l) => `lv${l.value}`)}
                />
              </section>
              <section class="ad-panel">
                <h2>月度趋势</h2>
                {rep.byMonth.length ? (
                  <TrendChart
                    months={rep.byMonth.map((m) => ({ label: monthLabel(m.month, true), value: m.satisfaction, total: m.total }))}
                  />
                ) : (
                  <Empty>没有按月数据。</Empty>
                )}
              </section>
              <section class="ad-panel">
                <h2>差评原因排行</h2>
                {rep.reasons.length ? (
                  <BarChart
                    label="差评原因排行"
                    items={[...rep.reasons].sort((a, b) => b.count - a.count).map((x) => ({ label: x.reason, value: x.count }))}
                  />
                ) : (
                  <Empty>没有差评原因。</Empty>
                )}
              </section>
              <section class="ad-panel">
                <h2>乡镇排名</h2>
                <table class="ad-table" aria-label="乡镇满意率排名">
                  <thead>
                    <tr>
                      <th>名次</th>
                      <th>乡镇</th>
                      <th class="num">评价数</th>
                      <th class="num">满意率</th>
                    </tr>
                  </thead>
                  <tbody>
                    {ranking.map((t, i) => (
                      <tr key={t.code}>
                        <td>{i + 1}</td>
                        <td>{t.name}</td>
                        <td class="num">{t.total}</td>
                        <td class="num">{percent(t.satisfaction)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
