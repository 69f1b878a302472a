/** The kiosk's dialogs: idle prompt, QR to take an item away, read-aloud not available. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { SiteBundle } from '../bundle/schema.ts';
import type { KioskSession } from '../session/session.ts';
import type { Lookups } from './context.ts';
import { Icon } from '../ui/icons.tsx';
import { itemPublicUrl } from '../present/item-url.ts';
import { qrSvg } from '../ui/qr.ts';
import './Dialogs.css';

function Modal({
  title,
  children,
  onClose,
  alert = false,
  id,
}: {
  title: string;
  children: ComponentChildren;
  onClose: () => void;
  alert?: boolean;
  id: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('button')?.focus();
  }, []);
  return (
    <div class="modal-backdrop" onClick={onClose}>
      <div
        ref={ref}
        class="modal"
        role={alert ? 'alertdialog' : 'dialog'}
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        {children}
      </div>
    </div>
  );
}

export function IdlePrompt({ session }: { session: KioskSession }) {
  const left = session.idlePrompt.value;
  if (left === null) return null;
  return (
    <Modal id="idle" title="还在使用吗？" alert onClose={() => (session.idlePrompt.value = null)}>
      <p class="idle-count">
        <strong>{left}</strong> 秒后回到开始画面
      </p>
      <p>为了保护您的信息，您查看的内容会被清除。</p>
      <button type="button" class="primary-btn" onClick={() => (session.idlePrompt.value = null)}>
        继续使用
      </button>
    </Modal>
  );
}

export function DialogHost({ session, bundle, look }: { session: KioskSession; bundle: SiteBundle; look: Lookups }) {
  const d = session.dialog.value;
  if (!d) return null;
  const close = () => (session.dialog.value = null);
  if (d.kind === 'qr') {
    const item = look.item.get(d.itemCode);
    const url = itemPublicUrl(bundle, d.itemCode);
    const qr = qrSvg(url);
    return (
      <Modal id="qr" title="用手机扫码带走" onClose={close}>
        <p>{item?.name}</p>
        <svg
          class="qr"
          data-qr-text={url}
          viewBox={`0 0 ${qr.size} ${qr.size}`}
          role="img"
          aria-label={`二维码，内容是 ${url}`}
          shape-rendering="crispEdges"
        >
          <rect width={qr.size} height={qr.size} fill="#fff" />
          <path d={qr.path} fill="#000" />
        </svg>
        <p class="qr-url">{url}</p>
        <p>打开手机微信或浏览器“扫一扫”，对准上面的方块，就能在手机上看到办事指南和材料清单。</p>
        <button type="button" class="primary-btn" onClick={close}>
          <Icon name="close" />
          关闭
        </button>
      </Modal>
    );
  }
  return (
    <Modal id="speech" title="暂时不能朗读" onClose={close}>
      <p>{d.reason}</p>
      <button type="button" class="primary-btn" onClick={close}>
        知道了
      </button>
    </Modal>
  );
}
