/**
 * Which site offers what: the one rule shared by the validator and the
 * publisher.
 *
 * A `sites` list ('all', or site codes) covers a site when it is 'all' or
 * absent, names the site itself, or — for a village station — names its
 * township (a township code stands for the township and all its villages).
 * Naming a village covers only that village.
 *
 * An item is offered at a covered site according to its 办理层级 (level):
 *   - township centre: levels 乡镇 and 乡镇和村(社区) (handled at a window);
 *   - village station: levels 村(社区) (handled at the station itself) and
 *     乡镇和村(社区) (the station's 代办员 accepts the papers and hands them in
 *     at the township centre: "what its township offers it").
 * Items of level 乡镇 only are not listed at village stations, and items of
 * level 村(社区) only are not listed at township centres.
 */
import type { ItemLevel } from '../../kiosk/src/bundle/schema.ts';

export interface SiteRef {
  code: string;
  kind: 'township' | 'village';
  /** Township code of a village station. */
  parent?: string;
}

export function sitesCover(list: 'all' | readonly string[] | undefined, site: SiteRef): boolean {
  if (list === undefined || list === 'all') return true;
  if (!Array.isArray(list)) return false;
  if (list.includes(site.code)) return true;
  return site.kind === 'village' && site.parent !== undefined && list.includes(site.parent);
}

export function levelFitsSite(level: ItemLevel, site: Pick<SiteRef, 'kind'>): boolean {
  if (level === '乡镇和村(社区)') return true;
  return site.kind === 'township' ? level === '乡镇' : level === '村(社区)';
}

export function siteOffersItem(item: { level: ItemLevel; sites?: 'all' | readonly string[] }, site: SiteRef): boolean {
  return sitesCover(item.sites, site) && levelFitsSite(item.level, site);
}
