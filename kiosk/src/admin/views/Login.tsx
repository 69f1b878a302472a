/** 登录: username and password; the hub answers wrong passwords and lockouts with Chinese messages. */
import { useState } from 'preact/hooks';
import { ApiFailure } from '../api.ts';
import type { AdminState } from '../state.ts';
import { ErrorBox } from './common.tsx';

export function Login({ state, onLoggedIn }: { state: AdminState; onLoggedIn: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!username.trim() || !password) return setError('请输入用户名和密码。');
    setBusy(true);
    try {
      state.user.value = await state.api.login(username.trim(), password);
      setError(null);
      onLoggedIn();
    } catch (err) {
      setPassword('');
      if (err instanceof ApiFailure && err.status === 401 && err.code === 'http_401') setError('用户名或密码错误。');
      else if (err instanceof ApiFailure && (err.status === 423 || err.status === 429) && err.code.startsWith('http_'))
        setError('密码错误次数过多，账号已锁定 5 分钟，请稍后再试。');
      else setError(err instanceof ApiFailure ? err.message : '登录失败，请稍后重试。');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="ad-login">
      <form class="ad-form ad-login-box" onSubmit={submit} aria-labelledby="login-h">
        <h1 id="login-h">
          县级管理平台
          <small>便民服务中心 · 好差评 · 设备 · 公示</small>
        </h1>
        <label>
          用户名
          <input name="username" autoComplete="username" value={username} onInput={(e) => setUsername(e.currentTarget.value)} autoFocus />
        </label>
        <label>
          密码
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {error && <ErrorBox text={error} />}
        <button type="submit" class="ad-btn primary big" disabled={busy}>
          {busy ? '正在登录…' : '登录'}
        </button>
        <p class="ad-small">连续输错 5 次密码，账号将锁定 5 分钟。</p>
      </form>
    </main>
  );
}
