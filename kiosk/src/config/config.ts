/**
 * Start-up configuration of a kiosk, read from its URL:
 *
 *   /?site=<code>&mode=kiosk|display|ticker&content=<url>&poll=<seconds>&idle=<seconds>
 *     &speed=<px/s>      ticker mode: scrolling speed (default scales with the strip height)
 *     &export=playlog    display mode: the play-log export page instead of the loop
 *     &reset-sw=1        unregister the service worker and clear its caches, then reload without it
 *     &hub=<url>&enrol=<code>&heartbeat=<seconds>
 *
 * This is the only place that reads the URL's parameters: everything else takes AppConfig.
 *
 * `site` is remembered in localStorage (once it proved valid) so a kiosk that is restarted
 * without parameters shows the same site; without either, the first township of the manifest.
 */
export type Mode = 'kiosk' | 'display' | 'ticker';
export const MODES: readonly Mode[] = ['kiosk', 'display', 'ticker'];

export interface AppConfig {
  /** Site code from `?site=` or localStorage; null = not chosen (first township of the manifest). */
  site: string | null;
  mode: Mode;
  /** Absolute URL of the content folder, ending in "/". */
  contentBase: string;
  /** Seconds between update checks (`?poll=`, default 300). */
  pollSeconds: number;
  /** Seconds without a touch before the kiosk returns home (`?idle=`, default 90). */
  idleSeconds: number;
  /** Ticker scrolling speed in px/s from `?speed=` (bounded to 10…5000); null = scale with the strip height. */
  tickerSpeed: number | null;
  /** `?export=playlog`: the display shows the play-log export page. */
  exportPlayLog: boolean;
  /** `?reset-sw`: remove the service worker and its caches, then reload without the parameter. */
  resetServiceWorker: boolean;
  /** County hub address from `?hub=` (else county.yaml `hub`, read by the uplink); null = not given. */
  hub: string | null;
  /** One-time enrolment code from `&enrol=` (upper case), removed from the address once used. */
  enrolCode: string | null;
  /** Seconds between heartbeats (`?heartbeat=`); null = what the hub says (default 300). */
  heartbeatSeconds: number | null;
  /** Local time "HH:MM" of a nightly reload at a quiet hour (`?nightly=03:30`), or null. */
  nightly: string | null;
}

export const SITE_STORAGE_KEY = 'bianmin.site';
/** The mode chosen in the maintenance panel, used when the address has no `?mode=`. */
export const MODE_STORAGE_KEY = 'bianmin.mode';
const NIGHTLY = /^([01]?\d|2[0-3]):[0-5]\d$/;
export const DEFAULT_POLL_SECONDS = 300;
export const DEFAULT_IDLE_SECONDS = 90;
const SITE_CODE = /^[a-z0-9][a-z0-9-]{0,63}$/;

function positiveSeconds(raw: string | null, fallback: number): number {
  if (raw === null || raw.trim() === '') return fallback;
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

function boundedSpeed(raw: string | null): number | null {
  const n = Number(raw);
  return raw !== null && raw.trim() !== '' && Number.isFinite(n) && n > 0 ? Math.min(5000, Math.max(10, n)) : null;
}

function readStorage(storage: Pick<Storage, 'getItem'> | null, key = SITE_STORAGE_KEY): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null; // storage disabled
  }
}

/** An http(s) hub address (relative = the kiosk's own origin); anything else is ignored. */
function hubParam(raw: string | null, url: URL): string | null {
  const v = raw?.trim();
  if (!v) return null;
  try {
    const u = new URL(v, url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

export function parseConfig(url: URL, storage: Pick<Storage, 'getItem'> | null): AppConfig {
  const q = url.searchParams;
  const siteParam = q.get('site')?.trim().toLowerCase() || null;
  const stored = readStorage(storage);
  const site = siteParam ?? (stored && SITE_CODE.test(stored) ? stored : null);
  const modeParam = q.get('mode')?.trim().toLowerCase() || readStorage(storage, MODE_STORAGE_KEY) || undefined;
  const mode = (MODES as readonly string[]).includes(modeParam ?? '') ? (modeParam as Mode) : 'kiosk';
  let contentBase = new URL(q.get('content')?.trim() || './content/', url).href;
  if (!contentBase.endsWith('/')) contentBase += '/';
  return {
    site,
    mode,
    contentBase,
    pollSeconds: positiveSeconds(q.get('poll'), DEFAULT_POLL_SECONDS),
    idleSeconds: positiveSeconds(q.get('idle'), DEFAULT_IDLE_SECONDS),
    tickerSpeed: boundedSpeed(q.get('speed')),
    exportPlayLog: q.get('export') === 'playlog',
    resetServiceWorker: q.has('reset-sw'),
    hub: hubParam(q.get('hub'), url),
    enrolCode: q.get('enrol')?.trim().toUpperCase() || null,
    heartbeatSeconds: q.get('heartbeat') ? Math.max(5, positiveSeconds(q.get('heartbeat'), 300)) : null,
    nightly: NIGHTLY.test(q.get('nightly')?.trim() ?? '') ? q.get('nightly')!.trim() : null,
  };
}

/** Remembers the mode chosen in the maintenance panel (used when the address has no `?mode=`). */
export function rememberMode(storage: Pick<Storage, 'setItem'> | null, mode: Mode): void {
  try {
    storage?.setItem(MODE_STORAGE_KEY, mode);
  } catch {
    /* storage disabled */
  }
}

export function rememberSite(storage: Pick<Storage, 'setItem'> | null, code: string): void {
  try {
    storage?.setItem(SITE_STORAGE_KEY, code);
  } catch {
    /* storage disabled: the URL parameter still works */
  }
}
