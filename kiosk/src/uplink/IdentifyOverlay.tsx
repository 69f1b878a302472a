/**
 * The hub's identify command: this device's name in large type over whatever is on screen, for
 * 30 s, so staff walking the hall can tell which screen is which. Touching it closes it.
 */
import { useEffect } from 'preact/hooks';
import type { UplinkStatus } from '../state/uplink-status.ts';
import './identify.css';

export function IdentifyOverlay({ status }: { status: UplinkStatus }) {
  const shown = status.identify.value;
  useEffect(() => {
    if (!shown) return;
    const t = setTimeout(() => (status.identify.value = null), Math.max(0, shown.until - Date.now()));
    return () => clearTimeout(t);
  }, [shown, status]);
  if (!shown) return null;
  return (
    <div class="identify" role="alert" onClick={() => (status.identify.value = null)}>
      <div class="identify-kicker">本设备名称</div>
      <div class="identify-name">{shown.name || '（未命名设备）'}</div>
      <div class="identify-note">县级管理平台正在查找这台设备，30 秒后自动消失，点一下即可关闭</div>
    </div>
  );
}
