import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BuildCache } from './build-cache.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('BuildCache', () => {
  it('gives back a part text exactly as stored, and drops a line cut short', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'build-cache-'));
    dirs.push(dir);
    const file = path.join(dir, 'built-parts.json');
    const json = '{"html":"<p>甲\\t乙\\n丙</p>","name":"残疾人证\\u2028办理"}';
    const first = await BuildCache.open(file);
    first.set('item-a', { json, images: { 'announcements/a.png': 'assets/0123.png' } });
    first.set('item-b', { json: '{"n":2}', images: {} });
    await first.save();

    const second = await BuildCache.open(file);
    expect(second.get('item-a')).toEqual({ json, images: { 'announcements/a.png': 'assets/0123.png' } });
    expect(second.get('item-b')).toEqual({ json: '{"n":2}', images: {} });

    // A line cut short (its length no longer matches) is as if absent; the others still read.
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('{"n":2}', '{"n":'));
    const third = await BuildCache.open(file);
    expect(third.get('item-b')).toBeUndefined();
    expect(third.get('item-a')?.json).toBe(json);
  });
});
