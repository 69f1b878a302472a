/**
 * Freeze protection made visible: when the content shown is past the validity its entry point
 * was signed with (a stale mirror, a server that stopped publishing), it stays on screen — never
 * blank — with a small fixed mark "数据截至 <publish date>" so nobody takes it for current.
 */
import { useEffect, useState } from 'preact/hooks';
import { parseInstant } from '../bundle/validity.ts';
import type { AppState } from '../state/app-state.ts';
import { dateText } from '../present/dates.ts';
import { FALLBACK_TIME_ZONE } from '../time/zoned.ts';

export function ExpiredMark({ state }: { state: AppState }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(t);
  }, []);
  const tz = state.bundle.value?.county.timeZone ?? FALLBACK_TIME_ZONE;
  const until = parseInstant(state.expiresAt.value ?? undefined, tz);
  const published = state.publishedAt.value ?? undefined;
  if (until === null || !published || now < until) return null;
  return (
    <div class="expired-mark" role="status" data-expired="true">
      数据截至 {dateText(published, tz)}
    </div>
  );
}
