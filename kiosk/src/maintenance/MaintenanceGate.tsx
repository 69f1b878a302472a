/**
 * The hidden way into the maintenance panel: the corner gesture (gesture.ts) is always listening,
 * the panel itself (Maintenance.tsx, its keypad, test pattern and exports) is loaded only when the
 * gesture is made, so it costs the kiosk's start-up nothing.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { AppState } from '../state/app-state.ts';
import { LazyView } from '../ui/LazyView.tsx';
import { cornerTaps } from './gesture.ts';

const loadPanel = () => import('./Maintenance.tsx');

export function MaintenanceGate({ state }: { state: AppState }) {
  const [open, setOpen] = useState(false);
  useEffect(() => cornerTaps(() => setOpen(true)), []);
  const onClose = useCallback(() => setOpen(false), []);
  if (!open) return null;
  return <LazyView state={state} load={loadPanel} exportName="MaintenancePanel" props={{ onClose }} fallback={null} />;
}
