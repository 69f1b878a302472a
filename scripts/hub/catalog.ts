/**
 * What the hub knows about the county's content — sites, townships, item names, windows, staff,
 * announcements and their 公示 periods — read from the PUBLISHED content folder (the same files
 * the kiosks fetch), after checking the signatures of the index and every entry point and every part's hash with the
 * publisher's verifier. ALL knowledge of the published format lives in this module: the rest of
 * the hub asks it questions.
 *
 * The folder is re-read when manifest.json changes (checked at most every `recheckMs`).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { INDEX_PATH, type IndexPayload, type SiteBundle } from '../../kiosk/src/bundle/schema.ts';
import { readSiteBundle } from '../publish/read-published.ts';
import { verifyPublishedFolder } from '../publish/verify.ts';
import type { AdminSite } from '../../kiosk/src/uplink/api.ts';

export interface CatalogSite extends AdminSite {
  /** The township responsible for this site (itself for a township centre). */
  township: string;
  items: Map<string, string>;
  windows: Map<string, string>;
  staff: Map<string, string>;
  announcements: CatalogAnnouncement[];
}

export interface CatalogAnnouncement {
  id: string;
  title: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface CatalogSnapshot {
  version: number;
  publishedAt: string;
  county: { code: string; name: string; demo: boolean; timeZone: string };
  sites: Map<string, CatalogSite>;
}

export interface Catalog {
  /** The latest verified content; throws CatalogUnavailable when there never was any. */
  current(): Promise<CatalogSnapshot>;
  /** Problems of the last attempt to read the folder (empty when fine). */
  problems(): string[];
}

export class CatalogUnavailable extends Error {}

function snapshotOf(payload: IndexPayload, bundles: SiteBundle[]): CatalogSnapshot {
  const sites = new Map<string, CatalogSite>();
  let county = { code: payload.county.code, name: payload.county.name, demo: false, timeZone: 'Asia/Shanghai' };
  for (const b of bundles) {
    county = { ...county, demo: b.county.demo === true, timeZone: b.county.timeZone || county.timeZone };
    const ref = payload.sites.find((s) => s.code === b.site.code);
    const parent = b.site.kind === 'village' ? (ref?.parent ?? b.site.parent?.code ?? null) : null;
    sites.set(b.site.code, {
      code: b.site.code,
      name: b.site.name,
      kind: b.site.kind,
      parent,
      township: parent ?? b.site.code,
      items: new Map(b.items.map((i) => [i.code, i.name])),
      windows: new Map(b.site.windows.map((w) => [w.number, w.name])),
      staff: new Map(b.staff.map((s) => [s.id, s.name])),
      announcements: b.announcements.map((a) => ({
        id: a.id,
        title: a.title,
        validFrom: a.publishAt ?? null,
        validTo: a.expireAt ?? null,
      })),
    });
  }
  return { version: payload.version, publishedAt: payload.publishedAt, county, sites };
}

/**
 * Reads and verifies a published content folder once: the publisher's verifier checks the
 * signatures and every hash, then each site's bundle is assembled from its parts.
 */
export async function readCatalog(dir: string, publicKeyBase64: string): Promise<CatalogSnapshot> {
  const result = await verifyPublishedFolder(dir, publicKeyBase64);
  if (!result.ok || !result.payload) {
    throw new CatalogUnavailable(`已发布内容 ${dir} 未通过校验：${result.problems.slice(0, 3).join('；')}`);
  }
  const bundles = result.payload.sites.map((s) => readSiteBundle(dir, s.code));
  return snapshotOf(result.payload, bundles);
}

export function createCatalog(dir: string, publicKeyBase64: string, recheckMs = 10_000): Catalog {
  let snapshot: CatalogSnapshot | null = null;
  let seenMtime = -1;
  let checkedAt = 0;
  let lastProblems: string[] = [];
  let loading: Promise<void> | null = null;

  async function refresh(): Promise<void> {
    let mtime: number;
    try {
      mtime = statSync(join(dir, INDEX_PATH)).mtimeMs;
    } catch {
      lastProblems = [`找不到已发布内容 ${join(dir, INDEX_PATH)}，请先运行 npm run publish-content`];
      return;
    }
    if (mtime === seenMtime && snapshot) return;
    try {
      snapshot = await readCatalog(dir, publicKeyBase64);
      seenMtime = mtime;
      lastProblems = [];
    } catch (err) {
      // Keep the last good snapshot, like a kiosk does.
      lastProblems = [err instanceof Error ? err.message : String(err)];
    }
  }

  return {
    async current() {
      const now = Date.now();
      if (!snapshot || now - checkedAt >= recheckMs) {
        checkedAt = now;
        loading ??= refresh().finally(() => {
          loading = null;
        });
        await loading;
      }
      if (!snapshot) throw new CatalogUnavailable(lastProblems[0] ?? '已发布内容不可用');
      return snapshot;
    },
    problems: () => lastProblems,
  };
}

/** A fixed catalog (tests, benches). */
export function staticCatalog(snapshot: CatalogSnapshot): Catalog {
  return { current: async () => snapshot, problems: () => [] };
}

/** Site codes a user may see: all for the county, the township and its villages for a township. */
export function visibleSites(snap: CatalogSnapshot, township: string | null): CatalogSite[] {
  return [...snap.sites.values()].filter((s) => township === null || s.township === township);
}

export function townships(snap: CatalogSnapshot): CatalogSite[] {
  return [...snap.sites.values()].filter((s) => s.kind === 'township');
}
