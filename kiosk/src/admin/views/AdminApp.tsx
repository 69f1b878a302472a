/** The dashboard shell: session check, login, navigation between the four screens, 示例数据 banner. */
import { useEffect } from 'preact/hooks';
import { ROLES } from '../../uplink/api.ts';
import { SCREENS, type AdminState, type ScreenId } from '../state.ts';
import { Audit } from './Audit.tsx';
import { Cases } from './Cases.tsx';
import { Devices } from './Devices.tsx';
import { Loading } from './common.tsx';
import { Login } from './Login.tsx';
import { Publicity } from './Publicity.tsx';
import { Satisfaction } from './Satisfaction.tsx';

const ROLE_WORDS: Record<(typeof ROLES)[number], string> = { county: '县级管理员', township: '乡镇管理员' };

const VIEWS: Record<ScreenId, (p: { state: AdminState }) => preact.JSX.Element> = {
  devices: Devices,
  satisfaction: Satisfaction,
  cases: Cases,
  publicity: Publicity,
  audit: Audit,
};

function loadSites(state: AdminState) {
  return state.api.sites().then(
    (s) => {
      state.sites.value = s;
    },
    () => {},
  );
}

export function AdminApp({ state }: { state: AdminState }) {
  const user = state.user.value;

  // `state` is created once for the page, so this runs once, on mount.
  useEffect(() => {
    state.api.me().then(
      (u) => {
        state.user.value = u;
        void loadSites(state);
      },
      () => {
        state.user.value = null;
      },
    );
  }, [state]);

  if (user === undefined) return <Loading />;
  if (user === null) return <Login state={state} onLoggedIn={() => void loadSites(state)} />;

  const View = VIEWS[state.screen.value];
  const scope = user.role === 'township' ? state.siteName(user.township ?? '') : '全县';
  return (
    <div class="ad-app">
      <header class="ad-top">
        <div class="ad-brand">
          县级管理平台<small>{scope}</small>
        </div>
        <nav aria-label="功能">
          {SCREENS.map((s) => (
            <a
              key={s.id}
              href={`#/${s.id}`}
              class={s.id === state.screen.value ? 'on' : ''}
              aria-current={s.id === state.screen.value ? 'page' : undefined}
            >
              {s.label}
            </a>
          ))}
        </nav>
        <div class="ad-user">
          <span>
            {user.displayName}
            <small>{ROLE_WORDS[user.role]}</small>
          </span>
          <button
            type="button"
            class="ad-btn ghost"
            onClick={() => {
              void state.api.logout().finally(() => {
                state.user.value = null;
                state.demo.value = false;
              });
            }}
          >
            退出
          </button>
        </div>
      </header>
      {state.demo.value && (
        <p class="ad-demo" role="note">
          示例数据：当前显示的是演示县的模拟评价、心跳和播放记录，不是真实数据。
        </p>
      )}
      <main class="ad-main">
        <View state={state} />
      </main>
    </div>
  );
}
