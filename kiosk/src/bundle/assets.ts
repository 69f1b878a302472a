/**
 * Images of the content (staff photos …) are verified by the page and kept as blobs in
 * IndexedDB with the content they belong to; views get a URL through `assetUrl(path)`, which
 * works offline forever. The sync installs the blobs of the current bundle here before it swaps
 * the `bundle` signal, and the previous object URLs are revoked after the swap.
 */

import type { PartRef } from './schema.ts';

/** Asset paths a bundle refers to (photos of staff and agents, images in rendered HTML …). */
export function referencedAssets(bundleText: string, assets: readonly PartRef[]): PartRef[] {
  return assets.filter((a) => bundleText.includes(a.path));
}

let objectUrls = new Map<string, string>();
let contentBase = './content/';

/** URL for an asset path from a bundle (e.g. "assets/0123456789abcdef.jpg"). */
export function assetUrl(path: string): string {
  return objectUrls.get(path) ?? new URL(path, contentBase).href;
}

/** Where assets not (yet) held locally are fetched from; the content folder URL. */
export function setAssetBase(base: string): void {
  contentBase = base;
}

/**
 * Makes `assetUrl` answer from these blobs. Returns a function that revokes the object URLs of
 * the previous set; call it once the views show the new bundle.
 */
export function installAssets(assets: Iterable<{ path: string; blob: Blob }>): () => void {
  const previous = objectUrls;
  const next = new Map<string, string>();
  for (const a of assets) next.set(a.path, URL.createObjectURL(a.blob));
  objectUrls = next;
  return () => {
    for (const url of previous.values()) URL.revokeObjectURL(url);
  };
}
