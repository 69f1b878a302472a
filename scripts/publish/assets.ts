/**
 * Images that bundles reference (staff and agent photos, images in
 * Markdown), copied to assets/<hash16>.<ext> under their content hash.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AssetRef } from '../../kiosk/src/bundle/schema.ts';
import { hash16, sha256Hex } from './hashing.ts';

export interface AssetFile extends AssetRef {
  data: Buffer;
  /** Content-relative source path of the first file that gave these bytes. */
  source: string;
}

export class AssetRegistry {
  private readonly byPath = new Map<string, AssetFile>();
  private readonly bySource = new Map<string, string>();

  constructor(private readonly contentDir: string) {}

  /** Add a file of the content folder (relative path); returns its asset path. */
  add(contentRelPath: string): string {
    const known = this.bySource.get(contentRelPath);
    if (known) return known;
    const data = readFileSync(path.join(this.contentDir, contentRelPath));
    const sha256 = sha256Hex(data);
    let ext = path.extname(contentRelPath).slice(1).toLowerCase();
    if (ext === 'jpeg') ext = 'jpg';
    const assetPath = `assets/${hash16(sha256)}.${ext}`;
    if (!this.byPath.has(assetPath)) {
      this.byPath.set(assetPath, { path: assetPath, sha256, bytes: data.length, data, source: contentRelPath });
    }
    this.bySource.set(contentRelPath, assetPath);
    return assetPath;
  }

  /** Refs of these asset paths, ordered by path. */
  refs(paths: Iterable<string>): AssetRef[] {
    return [...new Set(paths)]
      .sort()
      .map((p) => this.byPath.get(p)!)
      .map((a) => ({ path: a.path, sha256: a.sha256, bytes: a.bytes }));
  }

  /** All assets, ordered by path. */
  list(): AssetFile[] {
    return [...this.byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
}
