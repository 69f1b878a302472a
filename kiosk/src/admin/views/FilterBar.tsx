/** The report filter: date range (with presets), township, site, and what the rating was about. */
import { useEffect, useState } from 'preact/hooks';
import { RATING_TARGETS, type RatingTarget } from '../../uplink/api.ts';
import { PRESETS, presetRange, rangeProblem, TARGET_LABELS, type Filter } from '../filters.ts';
import type { AdminState } from '../state.ts';
import type { SiteTargets } from '../targets.ts';

/** Merges `patch` into the filter; empty fields are dropped. */
function patchFilter(state: AdminState, patch: Partial<Filter>) {
  const next: Filter = { ...state.filter.peek(), ...patch };
  for (const k of Object.keys(next) as (keyof Filter)[]) if (next[k] === undefined || next[k] === '') delete next[k];
  state.filter.value = next;
}

export function FilterBar({ state, targets = true }: { state: AdminState; targets?: boolean }) {
  const f = state.filter.value;
  const [from, setFrom] = useState(f.fromDate);
  const [to, setTo] = useState(f.toDate);
  /** undefined: being read; null: the site's content could not be read. */
  const [siteTargets, setSiteTargets] = useState<SiteTargets | null | undefined>(undefined);
  const problem = rangeProblem({ fromDate: from, toDate: to });
  const user = state.user.value;
  const townships = state.sites.value.filter((s) => s.kind === 'township');
  const township = user?.role === 'township' ? user.township : (f.township ?? null);
  const sites = state.sites.value.filter((s) => !township || s.code === township || s.parent === township);

  const set = (patch: Partial<Filter>) => patchFilter(state, patch);

  // Pushes the typed dates into the filter when they change. The filter is peeked, not a
  // dependency: when it changes from outside, the next effect copies it into the inputs instead.
  useEffect(() => {
    const current = state.filter.peek();
    if (!rangeProblem({ fromDate: from, toDate: to }) && (from !== current.fromDate || to !== current.toDate)) {
      patchFilter(state, { fromDate: from, toDate: to });
    }
  }, [from, to, state]);
  useEffect(() => {
    setFrom(f.fromDate);
    setTo(f.toDate);
  }, [f.fromDate, f.toDate]);
  useEffect(() => {
    setSiteTargets(undefined);
    if (!f.site) return;
    let live = true;
    void state.content.site(f.site).then((c) => {
      if (!live) return;
      setSiteTargets(c ? c.targets : null);
      if (!c) return;
      if (c.demo) state.demo.value = true;
    });
    return () => {
      live = false;
    };
  }, [f.site, state]);

  const kind = f.targetKind;
  const options = kind ? siteTargets?.[kind] : undefined;

  return (
    <form class="ad-filters" onSubmit={(e) => e.preventDefault()} aria-label="筛选条件">
      <fieldset class="ad-range">
        <legend>日期</legend>
        <label>
          <span class="sr-only">开始日期</span>
          <input type="date" value={from} max={to || undefined} onInput={(e) => setFrom(e.currentTarget.value)} aria-label="开始日期" />
        </label>
        <span aria-hidden="true">至</span>
        <label>
          <span class="sr-only">结束日期</span>
          <input type="date" value={to} min={from || undefined} onInput={(e) => setTo(e.currentTarget.value)} aria-label="结束日期" />
        </label>
        <span class="ad-presets">
          {PRESETS.map((p) => {
            const r = presetRange(p.id, state.now.value, state.timeZone.value);
            const on = r.fromDate === f.fromDate && r.toDate === f.toDate;
            return (
              <button type="button" key={p.id} class={`ad-chip${on ? ' on' : ''}`} aria-pressed={on} onClick={() => set(r)}>
                {p.label}
              </button>
            );
          })}
        </span>
        {problem && (
          <span class="ad-field-error" role="alert">
            {problem}
          </span>
        )}
      </fieldset>
      {user?.role === 'county' && (
        <label>
          乡镇
          <select
            value={f.township ?? ''}
            onChange={(e) => set({ township: e.currentTarget.value || undefined, site: undefined, targetId: undefined })}
          >
            <option value="">全县</option>
            {townships.map((t) => (
              <option key={t.code} value={t.code}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        站点
        <select
          aria-label="站点"
          value={f.site ?? ''}
          onChange={(e) => set({ site: e.currentTarget.value || undefined, targetId: undefined })}
        >
          <option value="">{township ? '本乡镇全部站点' : '全部站点'}</option>
          {sites.map((s) => (
            <option key={s.code} value={s.code}>
              {s.kind === 'village' ? `　${s.name}` : s.name}
            </option>
          ))}
        </select>
      </label>
      {targets && (
        <label>
          评价对象
          <select
            aria-label="评价对象"
            value={kind ?? ''}
            onChange={(e) => set({ targetKind: (e.currentTarget.value || undefined) as RatingTarget | undefined, targetId: undefined })}
          >
            <option value="">全部</option>
            {RATING_TARGETS.map((k) => (
              <option key={k} value={k}>
                {TARGET_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
      )}
      {targets && kind && kind !== 'centre' && kind !== 'terminal' && (
        <label>
          {TARGET_LABELS[kind]}
          <select
            aria-label={TARGET_LABELS[kind]}
            value={f.targetId ?? ''}
            onChange={(e) => set({ targetId: e.currentTarget.value || undefined })}
            disabled={!options}
          >
            <option value="">{options ? '全部' : !f.site ? '先选择站点' : siteTargets === null ? '无法读取站点内容' : '正在读取…'}</option>
            {options?.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      )}
    </form>
  );
}
