/**
 * What changed since the previous publish: sites, items, announcements and documents added,
 * changed or removed. Each is published as one part (sites: their SitePart), so "changed"
 * means its part hash changed — nothing is re-read from the previous output.
 */
import type { BuildResult, CatalogueEntry } from './build-bundles.ts';
import { naturalCompare } from './natural-order.ts';

export interface ChangeSet {
  added: { id: string; name: string }[];
  changed: { id: string; name: string }[];
  removed: { id: string; name: string }[];
}

export interface PublishDiff {
  sites: ChangeSet;
  items: ChangeSet;
  announcements: ChangeSet;
  documents: ChangeSet;
}

type Catalogue = BuildResult['catalogue'];

function compare(before: Record<string, CatalogueEntry>, after: Record<string, CatalogueEntry>): ChangeSet {
  const set: ChangeSet = { added: [], changed: [], removed: [] };
  const ids = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(naturalCompare);
  for (const id of ids) {
    const b = before[id];
    const a = after[id];
    if (!b) set.added.push({ id, name: a.name });
    else if (!a) set.removed.push({ id, name: b.name });
    else if (a.sha256 !== b.sha256) set.changed.push({ id, name: a.name });
  }
  return set;
}

/** Changes from `before` (undefined: unknown, e.g. a first publish or a lost history) to `after`. */
export function diffCatalogues(before: Catalogue | undefined, after: Catalogue): PublishDiff {
  const b = before ?? after;
  return {
    sites: compare(b.sites, after.sites),
    items: compare(b.items, after.items),
    announcements: compare(b.announcements, after.announcements),
    documents: compare(b.documents, after.documents),
  };
}
