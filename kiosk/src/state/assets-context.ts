/** The page's AssetUrls (created once in createAppState) for components deep in the tree. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AssetUrls } from '../bundle/assets.ts';

/** Outside a provider (e.g. an off-screen measuring render) paths stay as they are. */
const unresolved: AssetUrls = { url: (path) => path, html: (html) => html, install: () => () => {} };

export const AssetsContext = createContext<AssetUrls>(unresolved);

export function useAssets(): AssetUrls {
  return useContext(AssetsContext);
}
