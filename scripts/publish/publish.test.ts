import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EntryPayload, IndexPayload, SignedEnvelope } from '../../kiosk/src/bundle/schema.ts';
import { allPartRefs, entryPartRefs } from '../../kiosk/src/bundle/assemble.ts';
import { partPath } from '../../kiosk/src/bundle/schema.ts';
import { readEntry, readPart, readSiteBundle } from './read-published.ts';
import { applyOverrides, PNG2, replace, writeContent } from './fixtures/minimal-content.ts';
import { generateSigningKeyPair, signingKeyFromPem, type SigningKey } from './keys.ts';
import { publishContent, PublishRefused, type PublishResult } from './publish.ts';
import { formatResult } from './summary.ts';
import { verifyPublishedFolder } from './verify.ts';

// File-heavy tests: a generous timeout for a busy machine (no timing is asserted).
vi.setConfig({ testTimeout: 30_000 });

const temp: string[] = [];
async function tempDir(prefix: string): Promise<string> {
  const d = await mkdtemp(path.join(os.tmpdir(), prefix));
  temp.push(d);
  return d;
}
afterAll(async () => {
  await Promise.all(temp.map((d) => rm(d, { recursive: true, force: true })));
});

const newKey = (): SigningKey => signingKeyFromPem(generateSigningKeyPair().privatePem);
const key = newKey();
const EPOCH = '1764032400'; // 2025-11-25T01:00:00Z

beforeEach(() => {
  process.env.SOURCE_DATE_EPOCH = EPOCH;
});
afterEach(() => {
  delete process.env.SOURCE_DATE_EPOCH;
});

/** Every file under dir (dot files included) → bytes and mtime. */
async function snapshot(dir: string): Promise<Map<string, { data: string; mtime: number }>> {
  const out = new Map<string, { data: string; mtime: number }>();
  const walk = async (rel: string) => {
    for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(r);
      else {
        const p = path.join(dir, r);
        out.set(r, { data: (await readFile(p)).toString('base64'), mtime: (await stat(p)).mtimeMs });
      }
    }
  };
  await walk('');
  return out;
}
const bytesOnly = (s: Map<string, { data: string }>) => new Map([...s].map(([k, v]) => [k, v.data]));

async function manifest(dir: string): Promise<{ envelope: SignedEnvelope; payload: IndexPayload }> {
  const envelope = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as SignedEnvelope;
  return { envelope, payload: JSON.parse(envelope.payload) as IndexPayload };
}

/** Every part and asset file the folder's entry points list. */
function listedFiles(dir: string, index: IndexPayload): string[] {
  const entries = index.sites.map((s) => readEntry(dir, s.code).payload);
  const all = (e: EntryPayload) => allPartRefs(e, (h) => readPart(dir, h));
  return [...new Set(entries.flatMap((e) => [...all(e).map((r) => partPath(r.sha256)), ...e.assets.map((a) => a.path)]))];
}

function published(r: PublishResult): Extract<PublishResult, { status: 'published' }> {
  if (r.status !== 'published') throw new Error(`expected published, got ${r.status}: ${JSON.stringify(r).slice(0, 500)}`);
  return r;
}

describe('publishContent', () => {
  it('publishes a verifiable, signed, content-addressed folder', async () => {
    const content = await writeContent();
    const out = await tempDir('pub-');
    const r = published(await publishContent({ contentDir: content, outDir: out, key }));
    expect(r.payload.version).toBe(1);
    expect(r.payload.publishedAt).toBe('2025-11-25T09:00:00+08:00');
    expect(r.stats).toMatchObject({ sites: 4, townships: 2, villages: 2, items: 4, announcements: 2, documents: 1, assets: 2 });
    const v = await verifyPublishedFolder(out, key.publicKeyBase64);
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    const { envelope, payload } = await manifest(out);
    expect(envelope.keyId).toBe(key.keyId);
    expect(payload.sites.map((s) => [s.code, s.kind, s.parent])).toEqual([
      ['alpha', 'township', undefined],
      ['alpha-east', 'village', 'alpha'],
      ['beta', 'township', undefined],
      ['beta-west', 'village', 'beta'],
    ]);
    const alphaEntry: EntryPayload = readEntry(out, 'alpha').payload;
    expect(alphaEntry).toMatchObject({ version: 1, publishedAt: '2025-11-25T09:00:00+08:00', expiresAt: '2025-12-25T09:00:00+08:00' });
    // one part per item, shared by every site that offers it
    const eastEntry = readEntry(out, 'alpha-east').payload;
    const members = (e: EntryPayload) => allPartRefs(e, (h) => readPart(out, h)).map((r) => r.sha256);
    const mz001 = readSiteBundle(out, 'alpha').items.findIndex((i) => i.code === 'MZ-001');
    const alphaItems = allPartRefs(alphaEntry, (h) => readPart(out, h)).slice(entryPartRefs(alphaEntry).length);
    expect(members(eastEntry)).toContain(alphaItems[mz001].sha256);
    for (const r of allPartRefs(alphaEntry, (h) => readPart(out, h)))
      expect((await readFile(path.join(out, partPath(r.sha256)))).length).toBe(r.bytes);
    // photos copied as assets, listed per site with hash and size (precomputed: nothing to scan)
    expect(alphaEntry.assets.length).toBeGreaterThan(0);
    for (const a of alphaEntry.assets) {
      expect(a.path).toMatch(new RegExp(`^assets/${a.sha256.slice(0, 16)}\\.png$`));
      expect((await readFile(path.join(out, a.path))).length).toBe(a.bytes);
    }
    const alpha = readSiteBundle(out, 'alpha');
    expect(alphaEntry.assets.map((a) => a.path)).toContain(alpha.staff[0].photo);
    // compressed copies beside the JSON files, decompressing to the same bytes
    const entryBytes = await readFile(path.join(out, 'sites/alpha.json'));
    expect(gunzipSync(await readFile(path.join(out, 'sites/alpha.json.gz')))).toEqual(entryBytes);
    expect(brotliDecompressSync(await readFile(path.join(out, 'manifest.json.br')))).toEqual(
      await readFile(path.join(out, 'manifest.json')),
    );
    // entry points (mostly hashes) have no brotli copy: a server must not find a stale one
    expect(existsSync(path.join(out, 'sites/alpha.json.br'))).toBe(false);
    expect(formatResult(r, out)).toContain('已发布内容版本 1');
  });

  it('is deterministic: same input ⇒ byte-identical folders', async () => {
    const content = await writeContent();
    const a = await tempDir('pub-a-');
    const b = await tempDir('pub-b-');
    await publishContent({ contentDir: content, outDir: a, key });
    await publishContent({ contentDir: content, outDir: b, key });
    expect(bytesOnly(await snapshot(b))).toEqual(bytesOnly(await snapshot(a)));
    // and a second content folder with the same files gives the same parts
    const content2 = await writeContent();
    const c = await tempDir('pub-c-');
    await publishContent({ contentDir: content2, outDir: c, key });
    expect(bytesOnly(await snapshot(c))).toEqual(bytesOnly(await snapshot(a)));
  });

  it('builds the same bytes from its caches as without them, and notices an image that changed under unchanged text', async () => {
    const withImage = { 'announcements/a1.md': replace('暂停办理业务。', '暂停办理业务。\n\n![线路图](../staff/photos/zhang.png)') };
    const content = await writeContent(withImage);
    const cacheDir = await tempDir('pub-cache-');
    const cacheFile = path.join(cacheDir, 'parsed-content.json');
    const cached = await tempDir('pub-cached-');
    await publishContent({ contentDir: content, outDir: cached, key, cacheFile });
    expect((await readdir(cacheDir)).sort()).toEqual(['built-parts.json', 'parsed-content.json']);
    // Same image path, other bytes: the announcement's text did not change, its part must.
    await applyOverrides(content, { 'staff/photos/zhang.png': PNG2 });
    const again = published(await publishContent({ contentDir: content, outDir: cached, key, cacheFile }));
    expect(again.diff.announcements.changed.map((a) => a.name)).toEqual(['停电通知']);
    const fresh = await tempDir('pub-fresh-');
    await publishContent({ contentDir: content, outDir: fresh, key });
    const parts = async (dir: string) => new Map([...bytesOnly(await snapshot(dir))].filter(([k]) => /^(parts|assets)\//.test(k)));
    const cachedParts = await parts(cached);
    for (const [file, data] of await parts(fresh)) expect(cachedParts.get(file), file).toBe(data);
    // Entry points differ in version only: the same parts and assets.
    const { payload } = await manifest(fresh);
    for (const site of payload.sites) {
      const a = readEntry(fresh, site.code).payload;
      const b = readEntry(cached, site.code).payload;
      expect([b.parts, b.assets]).toEqual([a.parts, a.assets]);
    }
  });

  it('does nothing when the content did not change', async () => {
    const content = await writeContent();
    const out = await tempDir('pub-');
    await publishContent({ contentDir: content, outDir: out, key });
    const before = await snapshot(out);
    process.env.SOURCE_DATE_EPOCH = String(Number(EPOCH) + 3600);
    const r = await publishContent({ contentDir: content, outDir: out, key });
    expect(r.status).toBe('unchanged');
    expect(await snapshot(out)).toEqual(before);
    expect(formatResult(r, out)).toContain('内容没有变化：仍为版本 1');
  });

  it('restores a part someone deleted, and rewrites a torn part a crashed publish left', async () => {
    const content = await writeContent();
    const out = await tempDir('pub-');
    const v1 = published(await publishContent({ contentDir: content, outDir: out, key }));
    // Deleted by hand (with its compressed copies): restored even when nothing changed.
    const gone = partPath(readEntry(out, 'alpha').payload.parts.site.sha256);
    for (const ext of ['', '.gz', '.br']) await rm(path.join(out, gone + ext), { force: true });
    const again = await publishContent({ contentDir: content, outDir: out, key });
    expect(again.status).toBe('unchanged');
    expect(again.status === 'unchanged' && again.repaired).toEqual([gone]);
    expect((await verifyPublishedFolder(out, key.publicKeyBase64)).ok).toBe(true);
    // A publish that crashed mid-write left half of a new part (not vouched for by any finished
    // publish): the next publish finds it by its size and writes it whole.
    await applyOverrides(content, { 'items/minzheng/MZ-001.yaml': replace('result: 最低生活保障证', 'result: 最低生活保障证（新）') });
    const probe = await tempDir('pub-probe-');
    published(await publishContent({ contentDir: content, outDir: probe, key }));
    const newParts = (await readdir(path.join(probe, 'parts'))).filter(
      (n) => n.endsWith('.json') && !existsSync(path.join(out, 'parts', n)),
    );
    expect(newParts.length).toBeGreaterThan(0);
    const torn = `parts/${newParts[0]}`;
    const whole = await readFile(path.join(probe, torn));
    await writeFile(path.join(out, torn), whole.subarray(0, whole.length >> 1));
    const v2 = published(await publishContent({ contentDir: content, outDir: out, key }));
    expect(v2.payload.version).toBe(v1.payload.version + 1);
    expect(await readFile(path.join(out, torn))).toEqual(whole);
    expect((await verifyPublishedFolder(out, key.publicKeyBase64)).ok).toBe(true);
  });

  it('increments the version and reports what changed', async () => {
    const content = await writeContent();
    const out = await tempDir('pub-');
    await publishContent({ contentDir: content, outDir: out, key });
    await applyOverrides(content, {
      'items/minzheng/MZ-001.yaml': replace('result: 最低生活保障证', 'result: 最低生活保障证（电子证照）'),
      'items/linye/LY-002.yaml': null,
      'items/minzheng/MZ-003.yaml': (await readFile(path.join(content, 'items/minzheng/MZ-002.yaml'), 'utf8'))
        .replace('code: MZ-002', 'code: MZ-003')
        .replace('name: 婚姻登记预约', 'name: 临时救助'),
      'topics.yaml': replace('LY-002, ', ''),
      'announcements/a2.md': null,
    });
    process.env.SOURCE_DATE_EPOCH = String(Number(EPOCH) + 86400);
    // A brotli copy of an entry point left by an older publisher would be served for version 1.
    await writeFile(path.join(out, 'sites/alpha.json.br'), 'stale');
    const r = published(await publishContent({ contentDir: content, outDir: out, key }));
    expect(existsSync(path.join(out, 'sites/alpha.json.br'))).toBe(false);
    expect(r.payload.version).toBe(2);
    expect(r.previousVersion).toBe(1);
    expect(r.payload.publishedAt).toBe('2025-11-26T09:00:00+08:00');
    expect(r.diff.items.added).toEqual([{ id: 'MZ-003', name: '临时救助' }]);
    expect(r.diff.items.changed).toEqual([{ id: 'MZ-001', name: '最低生活保障申请' }]);
    expect(r.diff.items.removed).toEqual([{ id: 'LY-002', name: '林权登记' }]);
    expect(r.diff.announcements.removed).toEqual([{ id: 'a2', name: '乙乡低保公示' }]);
    expect(r.diff.documents).toEqual({ added: [], changed: [], removed: [] });
    const text = formatResult(r, out);
    expect(text).toContain('与上次发布（版本 1）相比');
    expect(text).toContain('事项：新增 1，修改 1，删除 1');
    expect((await verifyPublishedFolder(out, key.publicKeyBase64)).ok).toBe(true);

    await applyOverrides(content, { 'documents/d1.md': replace('现将有关事项通知如下。', '现将有关事项通知如下：') });
    const r3 = published(await publishContent({ contentDir: content, outDir: out, key }));
    expect(r3.payload.version).toBe(3);
    expect(r3.diff.documents.changed.map((d) => d.id)).toEqual(['d1']);
  });

  it('keeps the parts of the last 3 manifests and prunes older ones', async () => {
    const content = await writeContent();
    const out = await tempDir('pub-');
    const manifests: IndexPayload[] = [];
    const listed: string[][] = [];
    for (let i = 1; i <= 5; i++) {
      await applyOverrides(content, { 'items/minzheng/MZ-002.yaml': (t) => t.replace(/每件\d+元/, `每件${10 + i}元`) });
      manifests.push(published(await publishContent({ contentDir: content, outDir: out, key })).payload);
      listed.push(listedFiles(out, manifests.at(-1)!));
    }
    expect(manifests.map((m) => m.version)).toEqual([1, 2, 3, 4, 5]);
    const files = [...(await snapshot(out)).keys()].filter((f) => /^(parts|assets)\/.*\.(json|png)$/.test(f)).sort();
    const expected = new Set(listed.slice(-3).flat());
    expect(files).toEqual([...expected].sort());
    const old = listed[0].filter((f) => !expected.has(f));
    expect(old.length).toBeGreaterThan(0);
    const history = JSON.parse(await readFile(path.join(out, '.publish-history.json'), 'utf8'));
    expect(history.manifests.map((m: { version: number }) => m.version)).toEqual([3, 4, 5]);
  });

  it("keeps the replaced manifest's parts even when the history file was lost", async () => {
    const content = await writeContent();
    const out = await tempDir('pub-');
    const v1 = published(await publishContent({ contentDir: content, outDir: out, key })).payload;
    const v1Files = listedFiles(out, v1);
    await rm(path.join(out, '.publish-history.json'));
    await applyOverrides(content, { 'items/minzheng/MZ-002.yaml': replace('每件10元', '每件11元') });
    await publishContent({ contentDir: content, outDir: out, key });
    for (const rel of v1Files) await expect(stat(path.join(out, rel))).resolves.toBeTruthy();
  });

  it('leaves the output folder exactly as it was when the content has problems', async () => {
    const content = await writeContent();
    const out = await tempDir('pub-');
    await publishContent({ contentDir: content, outDir: out, key });
    const before = await snapshot(out);
    await applyOverrides(content, {
      'items/minzheng/MZ-001.yaml': replace('promiseDays: 20\n', ''),
      'staff/alpha.yaml': replace('partner: alpha-li', 'partner: nobody'),
    });
    const r = await publishContent({ contentDir: content, outDir: out, key });
    expect(r.status).toBe('invalid');
    if (r.status === 'invalid') {
      expect(new Set(r.problems.map((p) => p.file))).toEqual(new Set(['items/minzheng/MZ-001.yaml', 'staff/alpha.yaml']));
      expect(formatResult(r, out)).toContain(`内容有 ${r.problems.length} 个问题，未发布（输出文件夹没有任何改动）`);
    }
    expect(await snapshot(out)).toEqual(before);
  });

  it('does not even create a missing output folder when the content has problems', async () => {
    const content = await writeContent({ 'county.yaml': null });
    const out = path.join(await tempDir('pub-'), 'never');
    const r = await publishContent({ contentDir: content, outDir: out, key });
    expect(r.status).toBe('invalid');
    await expect(stat(out)).rejects.toThrow();
  });

  it('refuses a folder signed by another key unless forced, then continues the version', async () => {
    const content = await writeContent();
    const out = await tempDir('pub-');
    await publishContent({ contentDir: content, outDir: out, key });
    const before = await snapshot(out);
    const other = newKey();
    await expect(publishContent({ contentDir: content, outDir: out, key: other })).rejects.toThrow(PublishRefused);
    await expect(publishContent({ contentDir: content, outDir: out, key: other })).rejects.toThrow(/另一个密钥签名/);
    expect(await snapshot(out)).toEqual(before);
    const r = published(await publishContent({ contentDir: content, outDir: out, key: other, forceNewKey: true }));
    expect(r.payload.version).toBe(2);
    expect((await verifyPublishedFolder(out, other.publicKeyBase64)).ok).toBe(true);
    expect((await verifyPublishedFolder(out, key.publicKeyBase64)).ok).toBe(false);
  });

  it('refuses an unreadable manifest unless forced, and keeps counting versions from the history', async () => {
    const content = await writeContent();
    const out = await tempDir('pub-');
    await publishContent({ contentDir: content, outDir: out, key });
    await applyOverrides(content, { 'items/minzheng/MZ-002.yaml': replace('每件10元', '每件12元') });
    await publishContent({ contentDir: content, outDir: out, key });
    await writeFile(path.join(out, 'manifest.json'), '{ broken');
    await expect(publishContent({ contentDir: content, outDir: out, key })).rejects.toThrow(/无法读取的 manifest\.json/);
    const r = published(await publishContent({ contentDir: content, outDir: out, key, forceNewKey: true }));
    expect(r.payload.version).toBe(3);
    expect((await verifyPublishedFolder(out, key.publicKeyBase64)).ok).toBe(true);
  });

  it('takes a lock while publishing: a live lock refuses, a stale lock is taken over', async () => {
    const content = await writeContent();
    const out = await tempDir('pub-');
    await writeFile(path.join(out, '.publish.lock'), String(process.pid));
    await expect(publishContent({ contentDir: content, outDir: out, key })).rejects.toThrow(/另一个发布进程/);
    await writeFile(path.join(out, '.publish.lock'), '999999999');
    published(await publishContent({ contentDir: content, outDir: out, key }));
    await expect(stat(path.join(out, '.publish.lock'))).rejects.toThrow();
  });

  it('refuses a manifest whose signature does not verify with its own key id', async () => {
    const content = await writeContent();
    const out = await tempDir('pub-');
    await publishContent({ contentDir: content, outDir: out, key });
    const m = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as SignedEnvelope;
    m.payload = m.payload.replace('"version":1', '"version":7');
    await writeFile(path.join(out, 'manifest.json'), JSON.stringify(m));
    await expect(publishContent({ contentDir: content, outDir: out, key })).rejects.toThrow(/签名与当前密钥不符/);
  });
});

describe('verifyPublishedFolder', () => {
  async function fresh(): Promise<string> {
    const content = await writeContent();
    const out = await tempDir('pub-');
    await publishContent({ contentDir: content, outDir: out, key });
    return out;
  }

  it('detects one flipped byte in a site file (hash mismatch)', async () => {
    const out = await fresh();
    const rel = partPath(readEntry(out, 'alpha-east').payload.parts.site.sha256);
    const file = path.join(out, rel);
    const data = await readFile(file);
    data[100] ^= 1;
    await writeFile(file, data);
    const v = await verifyPublishedFolder(out, key.publicKeyBase64);
    expect(v.ok).toBe(false);
    expect(v.problems.join('\n')).toContain(`${rel}：SHA-256 不符`);
  });

  it('detects a changed asset and a missing part', async () => {
    const out = await fresh();
    const entry = readEntry(out, 'alpha').payload;
    const part = partPath(entry.parts.departments.sha256);
    await writeFile(path.join(out, entry.assets[0].path), 'x');
    await rm(path.join(out, part));
    const v = await verifyPublishedFolder(out, key.publicKeyBase64);
    expect(v.problems.join('\n')).toMatch(new RegExp(`${entry.assets[0].path}：SHA-256 不符`));
    expect(v.problems.join('\n')).toContain(`${part}：文件不存在`);
  });

  it('detects a changed payload (bad signature)', async () => {
    const out = await fresh();
    const text = await readFile(path.join(out, 'manifest.json'), 'utf8');
    const env = JSON.parse(text) as SignedEnvelope;
    env.payload = env.payload.replace('"version":1', '"version":2');
    await writeFile(path.join(out, 'manifest.json'), JSON.stringify(env));
    const v = await verifyPublishedFolder(out, key.publicKeyBase64);
    expect(v).toMatchObject({ ok: false, problems: ['manifest.json 签名无效'] });
  });

  it('rejects a folder checked with another public key', async () => {
    const out = await fresh();
    const v = await verifyPublishedFolder(out, newKey().publicKeyBase64);
    expect(v.ok).toBe(false);
  });
});
