/**
 * Full screens for every state in which there is no content to show: loading, no content and
 * no server, unknown site, and an unexpected error. Plain Chinese: what is wrong, what to do.
 * Never a blank screen.
 */
import { reloadWithReason } from '../watchdog/events.ts';
import { useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { AppState } from '../state/app-state.ts';
import type { SiteSummary } from '../bundle/schema.ts';
import { clockText, FALLBACK_TIME_ZONE, zonedParts } from '../time/zoned.ts';
import './StatusScreen.css';

/** County hotline shown while no content (which would name the real one) has ever arrived. */
export const FALLBACK_HOTLINE = '12345';

function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

/** "09:05:07" on the county's clock (its zone comes with the bundle; none has arrived on these screens yet). */
function formatTime(ms: number | null, state: AppState): string {
  if (ms === null) return '—';
  return clockText(zonedParts(ms, state.bundle.value?.county.timeZone ?? FALLBACK_TIME_ZONE), true);
}

function Frame(props: { tone: 'info' | 'warn'; title: string; children: ComponentChildren; alert?: boolean }) {
  return (
    <main class={`status-screen status-${props.tone}`} aria-busy={props.tone === 'info'}>
      <div class="status-brand">便民服务自助查询</div>
      <div class="status-body" role={props.alert ? 'alert' : 'status'}>
        <h1 class="status-title">{props.title}</h1>
      </div>
      {props.children}
    </main>
  );
}

export function LoadingScreen() {
  return (
    <Frame tone="info" title="正在加载办事信息…">
      <div class="status-spinner" aria-hidden="true" />
      <p class="status-text">请稍候</p>
    </Frame>
  );
}

export function NoContentScreen({ state }: { state: AppState }) {
  const now = useNow();
  const sync = state.syncStatus.value;
  const seconds = sync.nextCheckAt === null ? null : Math.max(0, Math.ceil((sync.nextCheckAt - now) / 1000));
  return (
    <Frame tone="warn" title="暂时无法获取办事信息" alert>
      <p class="status-text">本机还没有收到办事指南内容，目前也无法连接内容服务器。</p>
      <p class="status-text status-strong">
        请联系大厅工作人员，或拨打政务服务热线 <span class="status-phone">{FALLBACK_HOTLINE}</span>
      </p>
      <p class="status-countdown" aria-live="polite">
        {sync.checking ? '正在重新连接…' : seconds === null ? '稍后自动重试' : `${seconds} 秒后自动重试`}
      </p>
      <button type="button" class="status-button" onClick={() => state.actions.checkNow()} disabled={sync.checking}>
        立即重试
      </button>
      <p class="status-detail">
        工作人员请检查网络连接和内容服务器地址。最近一次尝试：{formatTime(sync.lastCheckAt, state)}
        {sync.lastError ? `；原因：${sync.lastError}` : ''}
      </p>
    </Frame>
  );
}

function SiteButtons({ sites, onPick }: { sites: SiteSummary[]; onPick: (code: string) => void }) {
  const townships = sites.filter((s) => s.kind === 'township');
  const villagesOf = (code: string) => sites.filter((s) => s.kind === 'village' && s.parent === code);
  const orphans = sites.filter((s) => s.kind === 'village' && !townships.some((t) => t.code === s.parent));
  return (
    <div class="status-sites">
      {townships.map((t) => (
        <section class="status-site-group" key={t.code}>
          <button type="button" class="status-site status-site-main" onClick={() => onPick(t.code)}>
            {t.name}
          </button>
          {villagesOf(t.code).map((v) => (
            <button type="button" class="status-site" key={v.code} onClick={() => onPick(v.code)}>
              {v.name}
            </button>
          ))}
        </section>
      ))}
      {orphans.map((v) => (
        <button type="button" class="status-site" key={v.code} onClick={() => onPick(v.code)}>
          {v.name}
        </button>
      ))}
    </div>
  );
}

export function UnknownSiteScreen({ state }: { state: AppState }) {
  const code = state.siteCode.value ?? '';
  return (
    <Frame tone="warn" title="站点设置有误" alert>
      <p class="status-text">
        本机设置的站点代码“<span class="status-code">{code}</span>”不存在，无法显示办事信息。
      </p>
      <p class="status-text status-strong">请选择本机所在的便民服务中心或代办站：</p>
      <SiteButtons sites={state.sites.value} onPick={(c) => state.actions.selectSite(c)} />
    </Frame>
  );
}

export function ErrorScreen({ error, reloadInSeconds }: { error: unknown; reloadInSeconds: number }) {
  const [left, setLeft] = useState(reloadInSeconds);
  useEffect(() => {
    const t = setInterval(() => setLeft((s) => s - 1), 1000);
    return () => clearInterval(t);
  }, []);
  useEffect(() => {
    if (left <= 0) reloadWithReason('页面出错后自动重新启动');
  }, [left]);
  return (
    <Frame tone="warn" title="页面出现错误" alert>
      <p class="status-text">查询机遇到意外问题，正在自动恢复。</p>
      <p class="status-countdown">{Math.max(0, left)} 秒后重新启动</p>
      <button type="button" class="status-button" onClick={() => location.reload()}>
        立即重新启动
      </button>
      <p class="status-text">如果问题反复出现，请联系大厅工作人员。</p>
      <p class="status-detail">{error instanceof Error ? error.message : String(error)}</p>
    </Frame>
  );
}

export function StatusScreen({ state }: { state: AppState }) {
  switch (state.status.value) {
    case 'no-content':
      return <NoContentScreen state={state} />;
    case 'unknown-site':
      return <UnknownSiteScreen state={state} />;
    default:
      return <LoadingScreen />;
  }
}
