/**
 * The maintenance panel (维护面板) for the centre's staff, over every mode and screen:
 * five taps in the top-left corner within 3 s (gesture.ts), then the site's PIN on an on-screen
 * keypad (pin.ts: salted hash from the site configuration, 5 wrong tries lock it for 5 minutes,
 * across reloads). It shows what a technician on the phone asks first and offers the few
 * actions that fix most problems without a keyboard.
 */
import { useEffect, useState } from 'preact/hooks';
import { MODES, rememberMode, type Mode } from '../config/config.ts';
import type { AppState } from '../state/app-state.ts';
import { listEvaluations } from '../store/evaluations.ts';
import { exportPlayLog } from '../store/play-log.ts';
import { readEvents, reloadWithReason } from '../watchdog/events.ts';
import { evaluationsCsv } from './csv.ts';
import { verifyPin } from '../bundle/pin-hash.ts';
import { LOCK_MS, lockRemaining, MAX_TRIES, readLock, recordTry } from './pin.ts';
import { TestPattern } from './TestPattern.tsx';
import './maintenance.css';

declare const __APP_BUILD__: string;
const APP_BUILD = typeof __APP_BUILD__ === 'string' ? __APP_BUILD__ : '开发版';

type PanelState = AppState;

/** Keys of the enrolment-code keypad: the hub's code alphabet (A–Z and 2–9 without I, O, 0, 1). */
const CODE_KEYS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'.split('');
const TOKEN_WORDS: Record<string, string> = { none: '未登记', enrolling: '正在登记', ok: '已登记', invalid: '登记已失效，请重新登记' };

const AUTO_CLOSE_MS = 3 * 60_000;
const MODE_NAMES: Record<Mode, string> = { kiosk: '触摸查询机', display: '电子显示屏', ticker: 'LED 滚动屏' };

function storage(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

function timeText(t: number | null | undefined): string {
  return t ? new Date(t).toLocaleString('zh-CN', { hour12: false }) : '—';
}

function ageText(ms: number): string {
  const h = Math.floor(ms / 3600_000);
  if (h >= 48) return `${Math.floor(h / 24)} 天`;
  if (h >= 1) return `${h} 小时`;
  return `${Math.max(0, Math.floor(ms / 60_000))} 分钟`;
}

function mb(bytes: number | undefined): string {
  return bytes === undefined ? '—' : `${(bytes / 1048576).toFixed(1)} MB`;
}

function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function Keypad({ pinHash, onOk, onCancel }: { pinHash: string; onOk: () => void; onCancel: () => void }) {
  const [digits, setDigits] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(Date.now());
  const lock = readLock(storage());
  const left = lockRemaining(lock, now);
  useEffect(() => {
    if (left <= 0) return;
    const t = setTimeout(() => setNow(Date.now()), 1000);
    return () => clearTimeout(t);
  }, [left, now]);

  const submit = async () => {
    if (busy || left > 0 || digits.length < 4) return;
    setBusy(true);
    const ok = await verifyPin(digits, pinHash);
    const s = recordTry(storage(), ok, Date.now());
    setBusy(false);
    setDigits('');
    setNow(Date.now());
    if (ok) return onOk();
    setMessage(s.lockedUntil ? null : `密码错误，还可以再试 ${MAX_TRIES - s.failures} 次`);
  };

  const press = (d: string) => {
    if (left > 0 || busy) return;
    setMessage(null);
    setDigits((x) => (x.length < 8 ? x + d : x));
  };

  return (
    <div class="mt-keypad" role="dialog" aria-label="维护密码">
      <h2>请输入维护密码</h2>
      <div class="mt-dots" aria-label={`已输入 ${digits.length} 位`}>
        {digits.length ? '●'.repeat(digits.length) : '　'}
      </div>
      {left > 0 ? (
        <p class="mt-warn" role="alert">
          密码连续输错 {MAX_TRIES} 次，已锁定 {LOCK_MS / 60_000} 分钟。请 {Math.floor(left / 60_000)} 分 {Math.ceil((left % 60_000) / 1000)}{' '}
          秒后再试。
        </p>
      ) : message ? (
        <p class="mt-warn" role="alert">
          {message}
        </p>
      ) : (
        <p class="mt-hint">4 到 8 位数字</p>
      )}
      <div class="mt-keys">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
          <button type="button" key={d} onClick={() => press(d)} disabled={left > 0}>
            {d}
          </button>
        ))}
        <button type="button" onClick={() => setDigits((x) => x.slice(0, -1))} disabled={left > 0}>
          删除
        </button>
        <button type="button" onClick={() => press('0')} disabled={left > 0}>
          0
        </button>
        <button type="button" class="mt-ok" onClick={() => void submit()} disabled={left > 0 || digits.length < 4 || busy}>
          确定
        </button>
      </div>
      <button type="button" class="mt-leave" onClick={onCancel}>
        取消
      </button>
    </div>
  );
}

interface StorageInfo {
  usage?: number;
  quota?: number;
  persisted: boolean | null;
}

function Panel({ state, onLeave, onPattern }: { state: PanelState; onLeave: () => void; onPattern: () => void }) {
  const [store, setStore] = useState<StorageInfo | null>(null);
  const [unexported, setUnexported] = useState<number | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [enrolCode, setEnrolCode] = useState('');
  const [, setTick] = useState(0);
  useEffect(() => {
    void (async () => {
      const est = await navigator.storage?.estimate?.().catch(() => undefined);
      // Ask again: the answer is shown (granted silently or refused in kiosk Chromium).
      const persisted = (await navigator.storage?.persist?.().catch(() => null)) ?? null;
      setStore({ usage: est?.usage, quota: est?.quota, persisted });
    })();
    void state
      .openDb()
      .then((db) => listEvaluations(db))
      .then((l) => setUnexported(l.filter((e) => !e.exportedAt).length))
      .catch(() => setUnexported(null));
    const t = setInterval(() => setTick((x) => x + 1), 5000);
    return () => clearInterval(t);
  }, [state]);

  const m = state.entry.value;
  const sync = state.syncStatus.value;
  const bundle = state.bundle.value;
  const published = m ? Date.parse(m.publishedAt) : null;
  const expires = state.expiresAt.value;
  const expired = expires ? Date.now() > Date.parse(expires) : false;
  const pending = state.gate.pendingVersion.value;
  const events = readEvents().slice(-8).reverse();
  const uplink = state.uplink;

  const exportCsv = async (what: 'playlog' | 'ratings') => {
    try {
      const stamp = new Date().toISOString().slice(0, 10);
      const site = state.siteCode.value ?? 'site';
      const db = await state.openDb();
      if (what === 'playlog') download(`播放记录-${site}-${stamp}.csv`, await exportPlayLog(db, 'csv'), 'text/csv;charset=utf-8');
      else download(`好差评-${site}-${stamp}.csv`, evaluationsCsv(await listEvaluations(db)), 'text/csv;charset=utf-8');
      setNote(what === 'playlog' ? '播放记录已导出，请在下载文件夹（U 盘）中查看' : '评价记录已导出，请在下载文件夹（U 盘）中查看');
    } catch (err) {
      setNote(`导出失败：${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const switchMode = (mode: Mode) => {
    rememberMode(storage(), mode);
    const url = new URL(location.href);
    url.searchParams.set('mode', mode);
    history.replaceState(history.state, '', url.href);
    reloadWithReason(`维护面板切换为${MODE_NAMES[mode]}模式`);
  };

  const rows: [string, string][] = [
    ['站点', bundle ? `${bundle.site.name}（${bundle.site.code}）` : (state.siteCode.value ?? '未选择')],
    ['运行模式', MODE_NAMES[state.mode]],
    ['设备名称', uplink.hub.value ? `${uplink.deviceName.value ?? '（未命名）'}（${TOKEN_WORDS[uplink.token.value]}）` : '未接入汇聚平台'],
    ['应用版本', APP_BUILD + (state.appUpdateReady.value ? '（新版本已下载，等待启用）' : '')],
    ['内容版本', m ? `${m.version}${pending ? `（新版本 ${pending} 已下载，等待无人使用时启用）` : ''}` : '无'],
    ['内容发布时间', published ? `${timeText(published)}（${ageText(Date.now() - published)}前）` : '—'],
    ['内容有效期', expires ? `${timeText(Date.parse(expires))}${expired ? '（已过期：服务器上没有更新的内容）' : ''}` : '未设置'],
    ['上次检查更新', `${timeText(sync.lastCheckAt)}${sync.checking ? '（正在检查）' : ''}`],
    ['检查结果', sync.lastError ?? (sync.lastSuccessAt ? '成功' : '—')],
    ['本机时钟', state.clockIssue.value ?? '正常'],
    [
      '本机存储',
      store
        ? `已用 ${mb(store.usage)} / 可用 ${mb(store.quota)}；持久保存：${store.persisted === null ? '不支持' : store.persisted ? '已获准' : '未获准'}`
        : '正在读取…',
    ],
    ['未导出的评价', unexported === null ? '—' : `${unexported} 条`],
    [
      '待上传',
      uplink.hub.value
        ? `评价 ${uplink.queuedRatings.value} 条，心跳 ${uplink.queuedHeartbeats.value} 条，播放记录 ${uplink.queued.value.playLog} 条${uplink.ratingQueueFull.value ? '（评价队列已满，请尽快联网上传）' : ''}${uplink.lastError.value ? `；${uplink.lastError.value}` : ''}`
        : '未接入汇聚平台',
    ],
  ];

  return (
    <div class="mt-panel" role="dialog" aria-label="维护面板">
      <header class="mt-head">
        <h2>维护面板</h2>
        <button type="button" class="mt-leave" onClick={onLeave}>
          退出维护
        </button>
      </header>
      <div class="mt-body">
        <table class="mt-info">
          <tbody>
            {rows.map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {note ? (
          <p class="mt-note" role="status">
            {note}
          </p>
        ) : null}
        <section class="mt-actions" aria-label="操作">
          <button type="button" onClick={() => (state.actions.checkNow(), setNote('正在检查更新…'))}>
            立即检查更新
          </button>
          {pending ? (
            <button type="button" onClick={() => (state.gate.flush(), setNote(`已启用内容版本 ${pending}`))}>
              立即启用新内容
            </button>
          ) : null}
          {state.hasPrevious.value ? (
            <button
              type="button"
              onClick={() => void state.actions.rollback().then((done) => setNote(done ? '已回退到上一个可用版本' : '没有可回退的版本'))}
            >
              回退到上一个版本
            </button>
          ) : null}
          <button type="button" onClick={onPattern}>
            屏幕测试图
          </button>
          <button type="button" onClick={() => void exportCsv('playlog')}>
            导出播放记录（CSV）
          </button>
          <button type="button" onClick={() => void exportCsv('ratings')}>
            导出评价记录（CSV）
          </button>
        </section>
        <section class="mt-choose" aria-label="切换站点">
          <h3>切换站点</h3>
          <div class="mt-chips">
            {state.sites.value.map((s) => (
              <button
                type="button"
                key={s.code}
                aria-pressed={s.code === state.siteCode.value}
                onClick={() => (state.actions.selectSite(s.code), setNote(`已切换到 ${s.name}`))}
              >
                {s.name}
              </button>
            ))}
          </div>
        </section>
        <section class="mt-choose" aria-label="切换模式">
          <h3>切换模式</h3>
          <div class="mt-chips">
            {MODES.map((mode) => (
              <button type="button" key={mode} aria-pressed={mode === state.mode} onClick={() => mode !== state.mode && switchMode(mode)}>
                {MODE_NAMES[mode]}
              </button>
            ))}
          </div>
        </section>
        {uplink.hub.value ? (
          <section class="mt-choose" aria-label="接入汇聚平台">
            <h3>接入汇聚平台</h3>
            <div class="mt-enrol">
              <span class="mt-code">{enrolCode || '请输入登记码'}</span>
              <div class="mt-chips">
                {CODE_KEYS.map((d) => (
                  <button type="button" key={d} onClick={() => setEnrolCode((c) => (c.length < 8 ? c + d : c))}>
                    {d}
                  </button>
                ))}
                <button type="button" onClick={() => setEnrolCode((c) => c.slice(0, -1))}>
                  删除
                </button>
                <button
                  type="button"
                  disabled={enrolCode.length !== 8}
                  onClick={() =>
                    void state.actions
                      .enrol(enrolCode)
                      .then((ok) => setNote(ok ? '已登记到汇聚平台' : `登记失败：${uplink.enrolError.value ?? '请检查登记码和网络'}`))
                      .catch((e: unknown) => setNote(`登记失败：${e instanceof Error ? e.message : String(e)}`))
                  }
                >
                  登记
                </button>
              </div>
            </div>
          </section>
        ) : null}
        <section class="mt-events" aria-label="最近的错误和重启">
          <h3>最近的错误和重启</h3>
          {events.length === 0 ? (
            <p>没有记录</p>
          ) : (
            <ul>
              {events.map((e) => (
                <li key={`${e.at}-${e.message}`}>
                  <time>{timeText(e.at)}</time> {e.message}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}

type Phase = 'closed' | 'pin' | 'no-pin' | 'panel' | 'pattern';

/**
 * The panel after the hidden gesture (MaintenanceGate.tsx loads this module only then): the PIN
 * keypad, then the panel or the test pattern. `onClose` hides it again.
 */
export function MaintenancePanel({ state, onClose }: { state: AppState; onClose: () => void }) {
  const [phase, setPhase] = useState<Phase>('pin');
  const closed = phase === 'closed';
  useEffect(() => {
    if (closed) onClose();
  }, [closed, onClose]);
  // Never left open on a public screen: closes after AUTO_CLOSE_MS without a touch.
  useEffect(() => {
    if (closed) return;
    let timer = setTimeout(() => setPhase('closed'), AUTO_CLOSE_MS);
    const onTouch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setPhase('closed'), AUTO_CLOSE_MS);
    };
    addEventListener('pointerdown', onTouch, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      removeEventListener('pointerdown', onTouch, { capture: true });
    };
  }, [closed]);
  if (closed) return null;
  const pinHash = state.bundle.value?.site.maintenancePin;
  const close = () => setPhase('closed');
  let body;
  if (phase === 'pattern') return <TestPattern onDone={() => setPhase('panel')} />;
  if (phase === 'panel') body = <Panel state={state as PanelState} onLeave={close} onPattern={() => setPhase('pattern')} />;
  else if (!pinHash)
    body = (
      <div class="mt-keypad" role="dialog" aria-label="维护密码">
        <h2>无法打开维护面板</h2>
        <p class="mt-warn">本站点的配置中没有维护密码。请县政务服务中心在站点文件中设置 maintenancePin 后重新发布。</p>
        <button type="button" class="mt-leave" onClick={close}>
          返回
        </button>
      </div>
    );
  else body = <Keypad pinHash={pinHash} onOk={() => setPhase('panel')} onCancel={close} />;
  return <div class="mt-overlay">{body}</div>;
}
