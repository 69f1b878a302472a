/**
 * 设备状态: every kiosk and display by township, what needs a person first; commands, rename,
 * revoke, and 新增设备 (one-time enrolment code with the kiosk address and a QR code).
 */
import { useState } from 'preact/hooks';
import type { CommandKind, DeviceRow } from '../../uplink/api.ts';
import { groupByTownship, HEALTH, healthCounts, MODE_LABELS, needsAttention } from '../devices.ts';
import { ago, dateTime } from '../format.ts';
import type { AdminState } from '../state.ts';
import { AUTO_REFRESH_MS, attempt, Dialog, Empty, ErrorBox, ExportLink, Icon, Loading, useLoad } from './common.tsx';
import { EnrolDialog } from './EnrolDialog.tsx';

/** Above this many devices, each township's healthy devices start folded away. */
const FOLD_FLEET = 40;

const COMMANDS: { kind: CommandKind; label: string; done: string }[] = [
  { kind: 'check-content', label: '立即检查更新', done: '已发送“立即检查更新”，设备下次联系时执行。' },
  { kind: 'reload', label: '空闲时重新加载', done: '已发送“空闲时重新加载”，设备空闲时执行。' },
  { kind: 'identify', label: '显示设备名称', done: '已发送“显示设备名称”，设备将大字显示名称 30 秒。' },
];

const FLAG_WORDS: Record<string, string> = {
  'clock-behind': '设备时钟不准',
  'content-expired': '内容已过有效期',
  'rating-queue-full': '评价待上传队列已满',
};

export function Devices({ state }: { state: AdminState }) {
  const list = useLoad(() => state.api.devices(), 'devices', AUTO_REFRESH_MS);
  const [enrolling, setEnrolling] = useState(false);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [renaming, setRenaming] = useState<DeviceRow | null>(null);
  const [revoking, setRevoking] = useState<DeviceRow | null>(null);
  const [onlyTrouble, setOnlyTrouble] = useState(false);
  const [unfolded, setUnfolded] = useState<ReadonlySet<string>>(new Set());
  const now = state.now.value;

  const act = async (fn: () => Promise<unknown>, done: string) => {
    const err = await attempt(fn);
    setNotice(err ? { ok: false, text: err } : { ok: true, text: done });
    list.reload();
  };

  const rows = list.data ?? [];
  const counts = healthCounts(rows);
  const troubled = rows.filter(needsAttention).length;
  const groups = groupByTownship(onlyTrouble ? rows.filter(needsAttention) : rows, state.siteName);

  return (
    <section class="ad-screen" aria-labelledby="devices-h">
      <div class="ad-screen-head">
        <h1 id="devices-h">设备状态</h1>
        <div class="ad-actions">
          <button type="button" class="ad-btn" onClick={list.reload}>
            <Icon name="refresh" />
            刷新
          </button>
          <ExportLink href={state.api.exportUrl('devices', null)} />
          <button type="button" class="ad-btn primary" onClick={() => setEnrolling(true)}>
            <Icon name="plus" />
            新增设备
          </button>
        </div>
      </div>
      {notice && (
        <p class={`ad-notice ${notice.ok ? 'ok' : 'bad'}`} role="status">
          <Icon name={notice.ok ? 'check' : 'alert'} />
          {notice.text}
        </p>
      )}
      {list.error && <ErrorBox text={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <>
          <ul class="ad-summary" aria-label="设备概况">
            {(['failing', 'offline', 'stale', 'never', 'online'] as const).map((h) => (
              <li key={h} class={`tone-${HEALTH[h].tone}${counts[h] ? '' : ' zero'}`}>
                <Icon name={HEALTH[h].icon} />
                <span class="word">{HEALTH[h].word}</span>
                <b>{counts[h]}</b>
                <span class="unit">台</span>
              </li>
            ))}
          </ul>
          {rows.length > 0 && (
            <div class="ad-filters" aria-label="设备筛选">
              <label class="ad-check">
                <input type="checkbox" checked={onlyTrouble} onChange={(e) => setOnlyTrouble(e.currentTarget.checked)} />
                只看需要处理的设备（{troubled} 台）
              </label>
            </div>
          )}
          {onlyTrouble && troubled === 0 && <Empty>所有设备都正常。</Empty>}
          {rows.length === 0 && <Empty>还没有登记任何设备。点击“新增设备”生成登记码，在查询机上打开登记地址即可。</Empty>}
          {groups.map((g) => (
            <section class="ad-group" key={g.township} aria-label={g.name}>
              <h2>
                {g.name}
                <small>
                  {g.devices.length} 台{g.attention ? `，${g.attention} 台需要处理` : '，全部正常'}
                </small>
              </h2>
              {(() => {
                const card = (d: DeviceRow) => (
                  <DeviceCard
                    key={d.id}
                    d={d}
                    now={now}
                    timeZone={state.timeZone.value}
                    onCommand={(c) => act(() => state.api.command(d.id, c.kind), `${d.name}：${c.done}`)}
                    onRename={() => setRenaming(d)}
                    onRevoke={() => setRevoking(d)}
                  />
                );
                const troubled = g.devices.filter(needsAttention);
                const rest = g.devices.filter((d) => !needsAttention(d));
                // In a large fleet the healthy devices of a township fold away (and are not even drawn).
                const folded = rows.length > FOLD_FLEET && rest.length > 0 && !unfolded.has(g.township);
                return (
                  <>
                    {troubled.length > 0 && <ul class="ad-devices">{troubled.map(card)}</ul>}
                    {rest.length > 0 && rows.length > FOLD_FLEET && (
                      <button
                        type="button"
                        class="ad-btn ghost ad-fold"
                        aria-expanded={!folded}
                        onClick={() => {
                          const next = new Set(unfolded);
                          if (folded) next.add(g.township);
                          else next.delete(g.township);
                          setUnfolded(next);
                        }}
                      >
                        {folded ? `显示其余 ${rest.length} 台（正常或已停用）` : `收起其余 ${rest.length} 台`}
                      </button>
                    )}
                    {rest.length > 0 && !folded && <ul class="ad-devices">{rest.map(card)}</ul>}
                  </>
                );
              })()}
            </section>
          ))}
        </>
      )}
      {enrolling && (
        <EnrolDialog
          state={state}
          onClose={() => {
            setEnrolling(false);
            list.reload();
          }}
        />
      )}
      {renaming && (
        <RenameDialog
          d={renaming}
          onClose={() => setRenaming(null)}
          onSave={async (name) => {
            const err = await attempt(() => state.api.rename(renaming.id, name));
            if (err) return err;
            setRenaming(null);
            setNotice({ ok: true, text: `已改名为“${name}”。` });
            list.reload();
            return null;
          }}
        />
      )}
      {revoking && (
        <Dialog title="停用设备" onClose={() => setRevoking(null)}>
          <p class="ad-confirm">
            确定停用 <b>{revoking.name}</b>（{revoking.siteName}）吗？停用后这台设备上传的评价、心跳和播放记录都不再被接收，
            需要重新登记才能恢复。
          </p>
          <div class="ad-dialog-actions">
            <button type="button" class="ad-btn" onClick={() => setRevoking(null)}>
              取消
            </button>
            <button
              type="button"
              class="ad-btn danger"
              onClick={() => {
                const d = revoking;
                setRevoking(null);
                void act(() => state.api.revoke(d.id), `已停用“${d.name}”。`);
              }}
            >
              确定停用
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

function DeviceCard({
  d,
  now,
  timeZone,
  onCommand,
  onRename,
  onRevoke,
}: {
  d: DeviceRow;
  now: number;
  timeZone: string;
  onCommand: (c: (typeof COMMANDS)[number]) => void;
  onRename: () => void;
  onRevoke: () => void;
}) {
  const revoked = d.revokedAt !== null;
  const look = HEALTH[d.health];
  const behind = d.contentVersion !== null && d.latestContentVersion !== null && d.contentVersion < d.latestContentVersion;
  return (
    <li class={`ad-device tone-${revoked ? 'muted' : look.tone}${revoked ? ' revoked' : ''}`} data-health={d.health}>
      <div class="ad-device-head">
        <span class="ad-health">
          <Icon name={revoked ? 'dash' : look.icon} />
          {revoked ? '已停用' : look.word}
        </span>
        <h3>{d.name}</h3>
        <span class="ad-device-site">
          {d.siteName} · {MODE_LABELS[d.mode]}
        </span>
      </div>
      {!revoked && look.hint && <p class="ad-hint">{look.hint}</p>}
      <dl class="ad-facts">
        <div>
          <dt>最后联系</dt>
          <dd>
            {ago(d.lastSeenAt, now)}
            {d.lastSeenAt !== null && <small> {dateTime(d.lastSeenAt, timeZone)}</small>}
          </dd>
        </div>
        <div class={behind ? 'warn' : ''}>
          <dt>内容版本</dt>
          <dd>
            {d.contentVersion ?? '—'} / 最新 {d.latestContentVersion ?? '—'}
            {behind && <b class="ad-tag warn">落后 {d.latestContentVersion! - d.contentVersion!} 版</b>}
          </dd>
        </div>
        <div>
          <dt>程序版本</dt>
          <dd>{d.appBuild ?? '—'}</dd>
        </div>
        <div class="wide">
          <dt>当前画面</dt>
          <dd>{d.onScreen ?? '—'}</dd>
        </div>
        {d.lastError && (
          <div class="wide bad">
            <dt>最近错误</dt>
            <dd>{d.lastError}</dd>
          </div>
        )}
        {d.flags.length > 0 && (
          <div class="wide warn">
            <dt>提示</dt>
            <dd>{d.flags.map((f) => FLAG_WORDS[f] ?? f).join('；')}</dd>
          </div>
        )}
      </dl>
      {!revoked && (
        <div class="ad-device-actions">
          {COMMANDS.map((c) => {
            const pending = d.pendingCommands.includes(c.kind);
            return (
              <button type="button" class="ad-btn" key={c.kind} disabled={pending} onClick={() => onCommand(c)}>
                {pending ? `${c.label}（待执行）` : c.label}
              </button>
            );
          })}
          <button type="button" class="ad-btn ghost" onClick={onRename}>
            改名
          </button>
          <button type="button" class="ad-btn ghost danger" onClick={onRevoke}>
            停用
          </button>
        </div>
      )}
    </li>
  );
}

function RenameDialog({ d, onClose, onSave }: { d: DeviceRow; onClose: () => void; onSave: (name: string) => Promise<string | null> }) {
  const [name, setName] = useState(d.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title="设备改名" onClose={onClose}>
      <form
        class="ad-form"
        onSubmit={async (e) => {
          e.preventDefault();
          const n = name.trim();
          if (!n) return setError('请填写设备名称。');
          if (n.length > 60) return setError('设备名称最多 60 个字。');
          setBusy(true);
          setError(await onSave(n));
          setBusy(false);
        }}
      >
        <label>
          新名称
          <input value={name} maxLength={60} onInput={(e) => setName(e.currentTarget.value)} autoFocus />
        </label>
        {error && <ErrorBox text={error} />}
        <div class="ad-dialog-actions">
          <button type="button" class="ad-btn" onClick={onClose}>
            取消
          </button>
          <button type="submit" class="ad-btn primary" disabled={busy}>
            保存
          </button>
        </div>
      </form>
    </Dialog>
  );
}
