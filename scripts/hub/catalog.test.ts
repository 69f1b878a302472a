/** The catalog reads the real published demo content, and refuses content signed by another key. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateSigningKeyPair, signingKeyFromPem } from '../publish/keys.ts';
import { publishContent } from '../publish/publish.ts';
import { REPO } from './setup.ts';
import { createCatalog, readCatalog, visibleSites } from './catalog.ts';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

describe('catalog from the published folder', () => {
  const out = mkdtempSync(join(tmpdir(), 'hub-catalog-'));
  const key = signingKeyFromPem(generateSigningKeyPair().privatePem);
  beforeAll(async () => {
    const r = await publishContent({ contentDir: join(REPO, 'content'), outDir: out, key, now: Date.parse('2026-11-25T01:00:00Z') });
    expect(r.status).toBe('published');
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('knows sites, their township, items, windows and announcements with their 公示 period', async () => {
    const snap = await readCatalog(out, key.publicKeyBase64);
    expect(snap.county).toMatchObject({ code: 'yx', name: '云溪县', demo: true, timeZone: 'Asia/Shanghai' });
    expect(snap.sites.get('baihe-qingshui')).toMatchObject({ kind: 'village', parent: 'baihe', township: 'baihe' });
    expect(snap.sites.get('baihe')?.township).toBe('baihe');
    expect(
      visibleSites(snap, 'baihe')
        .map((s) => s.code)
        .sort(),
    ).toEqual(['baihe', 'baihe-jiefang', 'baihe-qingshui', 'baihe-shiqiao']);
    expect(snap.sites.get('baihe')!.items.size).toBeGreaterThan(5);
    const gongshi = snap.sites.get('baihe')!.announcements.find((a) => a.id === 'dibao-gongshi-baihe-2026-11');
    expect(gongshi?.validFrom).toMatch(/^2026-11-/);
  });

  it('refuses content signed with another key, in Chinese', async () => {
    const other = generateSigningKeyPair().publicKeyBase64;
    await expect(readCatalog(out, other)).rejects.toThrow(/签名无效/);
    const cat = createCatalog(out, other);
    await expect(cat.current()).rejects.toThrow(/未通过校验/);
    expect(cat.problems()[0]).toContain('签名无效');
  });
});
