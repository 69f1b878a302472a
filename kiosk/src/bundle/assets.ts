/**
 * Images of the content (staff photos, images in announcements and documents) are verified by
 * the page and kept as blobs in IndexedDB with the content they belong to. An AssetUrls object
 * is created once per page (state/app-state.ts) and passed down: views ask it for the URL of
 * an asset path, or for rich-text HTML with its image paths resolved. It answers from the
 * object URLs of the held blobs (works offline forever) and falls back to the content folder.
 * An object URL is made when a view first asks for its image, not when the content is shown:
 * the start-up (whose attract screen has no images) makes none.
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
  /** The held blobs by path, and the object URLs made for them so far. */
  const current = signal({ blobs: new Map<string, Blob>(), made: new Map<string, string>() });
  const url = (path: string) => {
    const { blobs, made } = current.value;
    let u = made.get(path);
    if (u === undefined) {
      const blob = blobs.get(path);
      if (!blob) return new URL(path, contentBase).href;
      u = urls.createObjectURL(blob);
      made.set(path, u);
    }
    return u;
  };
  return {
    url,
    html: (html) => (html.includes('assets/') ? html.replace(ASSET_SRC, (_, path: string) => `src="${url(path)}"`) : html),
    install(assets) {
      const previous = current.peek();
      const blobs = new Map<string, Blob>();
      for (const a of assets) blobs.set(a.path, a.blob);
      current.value = { blobs, made: new Map() };
      return () => {
        for (const u of previous.made.values()) urls.revokeObjectURL(u);
        previous.made.clear();
        previous.blobs.clear();
      };
    },
  };
}
