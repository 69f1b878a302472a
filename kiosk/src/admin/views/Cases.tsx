/** 差评整改: figures, the case list (overdue first and marked), and a case's detail with its handling. */
import { useState } from 'preact/hooks';
import { levelLabel } from '../../evaluation/levels.ts';
import { CASE_STATES, type CaseRow, type CaseState } from '../../uplink/api.ts';
import { caseRequest, isOpen, NEEDS_REASON, NEXT_STATES, sortCases, type CaseForm } from '../cases.ts';
import { filterQuery, TARGET_LABELS } from '../filters.ts';
import { dateTime, percent } from '../format.ts';
import type { AdminState } from '../state.ts';
import { AUTO_REFRESH_MS, attempt, Dialog, Empty, ErrorBox, ExportLink, Icon, Loading, useLoad } from './common.tsx';
import { FilterBar } from './FilterBar.tsx';

/** Cases listed before 显示更多 (open and overdue ones come first). */
const CASE_PAGE = 30;

export function Cases({ state }: { state: AdminState }) {
  const f = state.filter.value;
  const [stateFilter, setStateFilter] = useState<CaseState | ''>('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const [limit, setLimit] = useState(CASE_PAGE);
  const key = filterQuery(f, { s: stateFilter, o: overdueOnly ? '1' : '' });
  const list = useLoad(() => state.api.cases(f, { state: stateFilter || undefined, overdue: overdueOnly }), key, AUTO_REFRESH_MS);
  const figs = useLoad(() => state.api.caseFigures(f), filterQuery(f), AUTO_REFRESH_MS);
  const rows = list.data ? sortCases(list.data) : [];
  const open = rows.find((c) => c.id === openId) ?? null;
  const tz = state.timeZone.value;
  const reload = () => {
    list.reload();
    figs.reload();
  };

  return (
    <section class="ad-screen" aria-labelledby="cases-h">
      <div class="ad-screen-head">
        <h1 id="cases-h">差评整改</h1>
        <div class="ad-actions">
          <button type="button" class="ad-btn" onClick={reload}>
            <Icon name="refresh" />
            刷新
          </button>
          <ExportLink href={state.api.exportUrl('cases', f)} />
        </div>
      </div>
      <FilterBar state={state} targets={false} />
      {figs.error && <ErrorBox text={figs.error} onRetry={figs.reload} />}
      {figs.data && (
        <div class="ad-kpis" aria-label="整改指标">
          <div class="ad-kpi">
            <span>差评案件</span>
            <b>{figs.data.total}</b>
            <small>
              待核实 {figs.data.byState['待核实'] ?? 0} · 整改中 {figs.data.byState['整改中'] ?? 0} · 已办结{' '}
              {figs.data.byState['已办结'] ?? 0}
            </small>
          </div>
          <div class={`ad-kpi${figs.data.overdue ? ' bad' : ''}`}>
            <span>已超期</span>
            <b>{figs.data.overdue}</b>
            <small>件未按期办结</small>
          </div>
          <div class="ad-kpi">
            <span>回访率</span>
            <b>{percent(figs.data.callbackRate)}</b>
          </div>
          <div class="ad-kpi">
            <span>整改率</span>
            <b>{percent(figs.data.fixRate)}</b>
          </div>
          <div class="ad-kpi">
            <span>按时办结率</span>
            <b>{percent(figs.data.onTimeRate)}</b>
          </div>
        </div>
      )}
      <div class="ad-filters" aria-label="案件筛选">
        <label>
          状态
          <select aria-label="状态" value={stateFilter} onChange={(e) => setStateFilter(e.currentTarget.value as CaseState | '')}>
            <option value="">全部</option>
            {CASE_STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label class="ad-check">
          <input type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.currentTarget.checked)} />
          只看超期
        </label>
      </div>
      {list.error && <ErrorBox text={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && rows.length === 0 && <Empty>所选范围内没有差评案件。</Empty>}
      {rows.length > 0 && (
        <table class="ad-table ad-cases">
          <thead>
            <tr>
              <th>状态</th>
              <th>评价时间</th>
              <th>站点</th>
              <th>评价</th>
              <th>原因</th>
              <th>办结期限</th>
              <th>
                <span class="sr-only">操作</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, limit).map((c) => {
              const late = c.overdue && isOpen(c.state);
              return (
                <tr key={c.id} class={late ? 'overdue' : isOpen(c.state) ? '' : 'closed'} data-case={c.id}>
                  <td>
                    <StateTag s={c.state} />
                    {late && (
                      <b class="ad-tag bad">
                        <Icon name="clock" />
                        已超期
                      </b>
                    )}
                  </td>
                  <td>{dateTime(c.givenAt, tz)}</td>
                  <td>{c.siteName}</td>
                  <td class={`lv${c.level}`}>{levelLabel(c.level)}</td>
                  <td class="ad-reasons">{c.reasons.join('、') || (c.comment ? '（见留言）' : '—')}</td>
                  <td class={late ? 'bad' : ''}>{c.dueDate}</td>
                  <td>
                    <button type="button" class="ad-btn" onClick={() => setOpenId(c.id)}>
                      {isOpen(c.state) ? '处理' : '查看'}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {rows.length > limit && (
        <button type="button" class="ad-btn ad-more" onClick={() => setLimit(limit + CASE_PAGE)}>
          显示更多（还有 {rows.length - limit} 件）
        </button>
      )}
      {open && <CaseDetail state={state} c={open} onClose={() => setOpenId(null)} onSaved={reload} />}
    </section>
  );
}

function StateTag({ s }: { s: CaseState }) {
  const tone = s === '已办结' ? 'ok' : s === '整改中' ? 'warn' : s === '待核实' ? 'bad' : 'muted';
  return <b class={`ad-tag ${tone}`}>{s}</b>;
}

function CaseDetail({ state, c, onClose, onSaved }: { state: AdminState; c: CaseRow; onClose: () => void; onSaved: () => void }) {
  const tz = state.timeZone.value;
  const [form, setForm] = useState<CaseForm>({ state: '', note: '', calledBack: false });
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = NEXT_STATES[c.state];
  const target =
    c.target.kind === 'centre' ? TARGET_LABELS.centre : `${TARGET_LABELS[c.target.kind]}：${c.target.name ?? c.target.id ?? ''}`;

  const save = async (e: Event) => {
    e.preventDefault();
    const req = caseRequest(c.state, form);
    if (!req.ok) return setProblem(req.problem);
    setBusy(true);
    const err = await attempt(() => state.api.updateCase(c.id, req.body));
    setBusy(false);
    setProblem(err);
    if (!err) {
      setForm({ state: '', note: '', calledBack: false });
      onSaved();
    }
  };

  return (
    <Dialog title={`差评案件 #${c.id}`} onClose={onClose} wide>
      <div class="ad-case">
        <dl class="ad-facts">
          <div>
            <dt>状态</dt>
            <dd>
              <StateTag s={c.state} />
              {c.overdue && isOpen(c.state) && <b class="ad-tag bad">已超期</b>}
            </dd>
          </div>
          <div>
            <dt>评价</dt>
            <dd class={`lv${c.level}`}>{levelLabel(c.level)}</dd>
          </div>
          <div>
            <dt>评价时间</dt>
            <dd>{dateTime(c.givenAt, tz)}</dd>
          </div>
          <div>
            <dt>办结期限</dt>
            <dd>{c.dueDate}</dd>
          </div>
          <div>
            <dt>站点</dt>
            <dd>{c.siteName}</dd>
          </div>
          <div>
            <dt>评价对象</dt>
            <dd>{target}</dd>
          </div>
          <div class="wide">
            <dt>差评原因</dt>
            <dd>{c.reasons.join('、') || '—'}</dd>
          </div>
          <div class="wide">
            <dt>群众留言</dt>
            <dd class="ad-comment">{c.comment || '—'}</dd>
          </div>
          {c.callbackPhone && (
            <div class="wide">
              <dt>回访电话</dt>
              <dd class="ad-phone">{c.callbackPhone}</dd>
            </div>
          )}
        </dl>
        <section aria-label="处理记录">
          <h3>处理记录</h3>
          {c.notes.length === 0 ? (
            <Empty>还没有处理记录。</Empty>
          ) : (
            <ol class="ad-timeline">
              {c.notes.map((n, i) => (
                <li key={i}>
                  <div class="when">
                    {dateTime(n.at, tz)} · {n.by}
                    {n.state && <StateTag s={n.state} />}
                  </div>
                  <div class="what">{n.text}</div>
                </li>
              ))}
            </ol>
          )}
        </section>
        <form class="ad-form" onSubmit={save} aria-label="处理案件">
          <h3>{isOpen(c.state) ? '处理' : '补充记录或重新打开'}</h3>
          {next.length > 0 && (
            <fieldset class="ad-states">
              <legend>改变状态</legend>
              <label class="ad-radio">
                <input type="radio" name="st" checked={form.state === ''} onChange={() => setForm({ ...form, state: '' })} />
                不改变（只记录）
              </label>
              {next.map((s) => (
                <label class="ad-radio" key={s}>
                  <input type="radio" name="st" checked={form.state === s} onChange={() => setForm({ ...form, state: s })} />
                  {isOpen(c.state) || s !== '整改中' ? `改为“${s}”` : '重新打开（改为“整改中”）'}
                </label>
              ))}
            </fieldset>
          )}
          <label>
            {form.state && NEEDS_REASON.has(form.state) ? `${form.state}理由（必填）` : '处理情况（必填）'}
            <textarea rows={3} maxLength={1000} value={form.note} onInput={(e) => setForm({ ...form, note: e.currentTarget.value })} />
          </label>
          <label class="ad-check">
            <input type="checkbox" checked={form.calledBack} onChange={(e) => setForm({ ...form, calledBack: e.currentTarget.checked })} />
            已回访群众
          </label>
          {problem && <ErrorBox text={problem} />}
          <div class="ad-dialog-actions">
            <button type="button" class="ad-btn" onClick={onClose}>
              关闭
            </button>
            <button type="submit" class="ad-btn primary" disabled={busy}>
              保存
            </button>
          </div>
        </form>
      </div>
    </Dialog>
  );
}
