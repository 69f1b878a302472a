/**
 * What a rating can be about at one site (its windows, staff and items), for the report filters.
 * Read from the published content the kiosks show (same origin: <kiosk>/content/), so the
 * dashboard lists exactly the names residents saw. Display only: nothing here is trusted.
 */
import type { ManifestEnvelope, ManifestPayload, SiteBundle } from '../bundle/schema.ts';
import type { RatingTarget } from '../uplink/api.ts';

export interface TargetOption {
  id: string;
  label: string;
}

export type SiteTargets = Partial<Record<RatingTarget, TargetOption[]>>;

export interface SiteContent {
  targets: SiteTargets;
  timeZone: string;
  demo: boolean;
}

/** Options per target kind from a site bundle (ids as the kiosk uploads them). */
export function targetsOf(bundle: Pick<SiteBundle, 'site' | 'staff' | 'items'>): SiteTargets {
  return {
    window: bundle.site.windows.map((w) => ({ id: w.number, label: `${w.number}号窗口 ${w.name}` })),
    staff: bundle.staff.map((s) => ({ id: s.id, label: `${s.name}（${s.window}号窗口）` })),
    item: bundle.items.map((i) => ({ id: i.code, label: i.name })),
  };
}

export function createContentReader(contentBase: string, fetchImpl: typeof fetch = (...a) => fetch(...a)) {
  let manifest: Promise<ManifestPayload | null> | null = null;
  const sites = new Map<string, Promise<SiteContent | null>>();

  async function json<T>(url: string): Promise<T | null> {
    try {
      const res = await fetchImpl(url, { cache: 'no-cache' });
      return res.ok ? ((await res.json()) as T) : null;
    } catch {
      return null;
    }
  }

  function readManifest(): Promise<ManifestPayload | null> {
    manifest ??= json<ManifestEnvelope>(new URL('manifest.json', contentBase).href).then((env) => {
      if (!env || typeof env.payload !== 'string') return null;
      try {
        return JSON.parse(env.payload) as ManifestPayload;
      } catch {
        return null;
      }
    });
    return manifest;
  }

  return {
    /** Targets, zone and demo flag of a site; null when the content cannot be read. */
    site(code: string): Promise<SiteContent | null> {
      let p = sites.get(code);
      if (!p) {
        p = readManifest().then(async (m) => {
          const ref = m?.sites.find((s) => s.code === code);
          if (!ref) return null;
          const b = await json<SiteBundle>(new URL(ref.path, contentBase).href);
          if (!b?.site || !Array.isArray(b.staff) || !Array.isArray(b.items)) return null;
          return { targets: targetsOf(b), timeZone: b.county.timeZone, demo: b.county.demo === true };
        });
        sites.set(code, p);
      }
      return p;
    },
  };
}

export type ContentReader = ReturnType<typeof createContentReader>;
