/**
 * Images of the content (staff photos, images in announcements and documents) are verified by
 * the page and kept as blobs in IndexedDB with the content they belong to. An AssetUrls object
 * is created once per page (state/app-state.ts) and passed down: views ask it for the URL of
 * an asset path, or for rich-text HTML with its image paths resolved. It answers from the
 * object URLs of the held blobs (works offline forever) and falls back to the content folder.
 */
import { signal } from '@preact/signals';

export interface AssetUrls {
  /** URL for an asset path from a bundle (e.g. "assets/0123456789abcdef.jpg"). Reactive. */
  url(path: string): string;
  /** Publisher HTML with every `src="assets/…"` resolved through url(). Reactive. */
  html(html: string): string;
  /**
   * Makes url() answer from these blobs. Returns a function that revokes the object URLs of
   * the previous set; call it once the views show the new content.
   */
  install(assets: Iterable<{ path: string; blob: Blob }>): () => void;
}

const ASSET_SRC = /\bsrc="(assets\/[0-9a-f]{16}\.[a-z0-9]{1,5})"/g;

export function createAssetUrls(contentBase: string, urls: Pick<typeof URL, 'createObjectURL' | 'revokeObjectURL'> = URL): AssetUrls {
  const current = signal(new Map<string, string>());
  const url = (path: string) => current.value.get(path) ?? new URL(path, contentBase).href;
  return {
    url,
    html: (html) => (html.includes('assets/') ? html.replace(ASSET_SRC, (_, path: string) => `src="${url(path)}"`) : html),
    install(assets) {
      const previous = current.peek();
      const next = new Map<string, string>();
      for (const a of assets) next.set(a.path, urls.createObjectURL(a.blob));
      current.value = next;
      return () => {
        for (const u of previous.values()) urls.revokeObjectURL(u);
      };
    },
  };
}
