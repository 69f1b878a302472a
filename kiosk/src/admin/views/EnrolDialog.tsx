/** 新增设备: a one-time enrolment code for a site, shown large with its expiry, the address and a QR code. */
import { useState } from 'preact/hooks';
import { SCREEN_MODES, type EnrolmentCode, type ScreenMode } from '../../uplink/api.ts';
import { qrSvg } from '../../ui/qr.ts';
import { enrolUrl, MODE_LABELS } from '../devices.ts';
import { dateTime } from '../format.ts';
import type { AdminState } from '../state.ts';
import { attempt, Dialog, ErrorBox } from './common.tsx';

export function EnrolDialog({ state, onClose }: { state: AdminState; onClose: () => void }) {
  const sites = state.sites.value;
  const [site, setSite] = useState(sites[0]?.code ?? '');
  const [name, setName] = useState('');
  const [mode, setMode] = useState<ScreenMode>('kiosk');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState<EnrolmentCode | null>(null);

  if (code) {
    const url = enrolUrl(state.kioskBase, code.siteCode, code.code, mode);
    const qr = qrSvg(url);
    return (
      <Dialog title="设备登记码" onClose={onClose} wide>
        <div class="ad-enrol">
          <div>
            <p>
              站点：<b>{state.siteName(code.siteCode)}</b>（{MODE_LABELS[mode]}）
            </p>
            <p class="ad-code" aria-label="登记码">
              {code.code}
            </p>
            <p>
              有效期至 <b>{dateTime(code.expiresAt, state.timeZone.value)}</b>，只能使用一次。
            </p>
            <p>在设备上打开下面的地址（或扫右侧二维码）即可完成登记：</p>
            <p class="ad-url">
              <code>{url}</code>
            </p>
          </div>
          <svg class="ad-qr" viewBox={`0 0 ${qr.size} ${qr.size}`} role="img" aria-label="登记地址二维码" shape-rendering="crispEdges">
            <rect width={qr.size} height={qr.size} fill="#fff" />
            <path d={qr.path} fill="#000" />
          </svg>
        </div>
        <div class="ad-dialog-actions">
          <button type="button" class="ad-btn primary" onClick={onClose}>
            完成
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="新增设备" onClose={onClose}>
      <form
        class="ad-form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!site) return setError('请选择设备所在站点。');
          setBusy(true);
          let got: EnrolmentCode | null = null;
          const err = await attempt(async () => {
            got = await state.api.enrol(site, name.trim());
          });
          setBusy(false);
          setError(err);
          if (got) setCode(got);
        }}
      >
        <label>
          所在站点
          <select value={site} onChange={(e) => setSite(e.currentTarget.value)}>
            {sites.map((s) => (
              <option key={s.code} value={s.code}>
                {s.kind === 'village' ? `　${s.name}` : s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          设备类型
          <select value={mode} onChange={(e) => setMode(e.currentTarget.value as ScreenMode)}>
            {SCREEN_MODES.map((m) => (
              <option key={m} value={m}>
                {MODE_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        <label>
          设备名称（可不填）
          <input value={name} maxLength={60} placeholder="例如：大厅查询机 1" onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        {error && <ErrorBox text={error} />}
        <div class="ad-dialog-actions">
          <button type="button" class="ad-btn" onClick={onClose}>
            取消
          </button>
          <button type="submit" class="ad-btn primary" disabled={busy}>
            生成登记码
          </button>
        </div>
      </form>
    </Dialog>
  );
}
