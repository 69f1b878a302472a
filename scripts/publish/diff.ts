/**
 * What changed since the previous publish: items, announcements and documents
 * (across all sites) added, changed or removed, and sites added or removed.
 * An item counts as changed when any site's resolved form of it changed.
 */
import type { SiteBundle } from '../../kiosk/src/bundle/schema.ts';
import { canonicalJson } from './canonical-json.ts';
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

type Catalogue = Map<string, { name: string; forms: Map<string, string> }>;

function collect<T>(
  bundles: Iterable<SiteBundle>,
  pick: (b: SiteBundle) => readonly T[],
  id: (t: T) => string,
  name: (t: T) => string,
): Catalogue {
  const out: Catalogue = new Map();
  for (const b of bundles) {
    for (const t of pick(b)) {
      const entry = out.get(id(t)) ?? { name: name(t), forms: new Map() };
      entry.forms.set(b.site.code, canonicalJson(t));
      out.set(id(t), entry);
    }
  }
  return out;
}

function compare(before: Catalogue, after: Catalogue): ChangeSet {
  const set: ChangeSet = { added: [], changed: [], removed: [] };
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort(naturalCompare);
  for (const id of ids) {
    const b = before.get(id);
    const a = after.get(id);
    if (!b) set.added.push({ id, name: a!.name });
    else if (!a) set.removed.push({ id, name: b.name });
    else if (canonicalJson([...a.forms].sort()) !== canonicalJson([...b.forms].sort())) set.changed.push({ id, name: a.name });
  }
  return set;
}

export function diffBundles(before: Iterable<SiteBundle>, after: Iterable<SiteBundle>): PublishDiff {
  const b = [...before];
  const a = [...after];
  const sites = (list: SiteBundle[]): Catalogue =>
    new Map(list.map((x) => [x.site.code, { name: x.site.name, forms: new Map([['', canonicalJson(x.site)]]) }]));
  return {
    sites: compare(sites(b), sites(a)),
    items: compare(
      collect(
        b,
        (x) => x.items,
        (i) => i.code,
        (i) => i.name,
      ),
      collect(
        a,
        (x) => x.items,
        (i) => i.code,
        (i) => i.name,
      ),
    ),
    announcements: compare(
      collect(
        b,
        (x) => x.announcements,
        (i) => i.id,
        (i) => i.title,
      ),
      collect(
        a,
        (x) => x.announcements,
        (i) => i.id,
        (i) => i.title,
      ),
    ),
    documents: compare(
      collect(
        b,
        (x) => x.documents,
        (i) => i.id,
        (i) => i.title,
      ),
      collect(
        a,
        (x) => x.documents,
        (i) => i.id,
        (i) => i.title,
      ),
    ),
  };
}
