/**
 * What a rating can be about at one site (its windows, staff and items), for the report filters.
 * Asked of the hub (GET /api/admin/sites/:code/targets), which reads the published content the
 * kiosks show, so the dashboard lists exactly the names residents saw. Display only.
 */
import type { RatingTarget, SiteTargetsResponse } from '../uplink/api.ts';

export interface TargetOption {
  id: string;
  label: string;
}

export type SiteTargets = Partial<Record<RatingTarget, TargetOption[]>>;

export type SiteContent = SiteTargetsResponse;

/** `apiBase`: the hub API's address ending in "api/". Answers are cached per site for the page's life. */
export function createContentReader(apiBase: string, fetchImpl: typeof fetch = (...a) => fetch(...a)) {
  const sites = new Map<string, Promise<SiteContent | null>>();

  async function read(code: string): Promise<SiteContent | null> {
    try {
      const res = await fetchImpl(new URL(`admin/sites/${encodeURIComponent(code)}/targets`, apiBase).href, {
        credentials: 'same-origin',
      });
      if (!res.ok) return null;
      const body = (await res.json()) as SiteContent;
      return body && typeof body.targets === 'object' ? body : null;
    } catch {
      return null;
    }
  }

  return {
    /** Targets, zone and demo flag of a site; null when the hub cannot tell. */
    site(code: string): Promise<SiteContent | null> {
      let p = sites.get(code);
      if (!p) {
        p = read(code);
        sites.set(code, p);
      }
      return p;
    },
  };
}

export type ContentReader = ReturnType<typeof createContentReader>;
