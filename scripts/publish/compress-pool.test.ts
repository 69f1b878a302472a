import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressAll } from './compress-pool.ts';
import { compress } from './compression.mjs';

/** 900 distinct JSON texts of 0.2–3 kB, some as views into one shared buffer (as Buffer.from makes them). */
function texts(): Uint8Array[] {
  const shared = Buffer.alloc(1024 * 1024);
  let at = 0;
  return Array.from({ length: 900 }, (_, i) => {
    const text = JSON.stringify({ id: `item-${i}`, name: '最低生活保障申请'.repeat(1 + (i % 40)), n: i });
    if (i % 3 !== 0) return Buffer.from(text);
    const n = shared.write(text, at);
    at += n;
    return shared.subarray(at - n, at);
  });
}

describe('compressAll', () => {
  it('makes in worker threads exactly the bytes made in this one, in task order', async () => {
    const data = texts();
    const tasks = data.flatMap((d) => [
      { ext: '.br' as const, data: d },
      { ext: '.gz' as const, data: d },
    ]);
    const pool = compressAll(tasks, 2);
    try {
      // Asked out of order too: each answer belongs to its own task.
      for (const i of [1799, 0, 901, 64, 63]) expect(Buffer.from(await pool.get(i))).toEqual(compress(tasks[i].ext, tasks[i].data));
      for (const [i, t] of tasks.entries()) {
        const packed = await pool.get(i);
        expect(Buffer.from(packed)).toEqual(compress(t.ext, t.data));
        const back = t.ext === '.br' ? brotliDecompressSync(packed) : gunzipSync(packed);
        expect(back.toString()).toBe(Buffer.from(t.data).toString());
      }
    } finally {
      await pool.close();
    }
    // The inputs are untouched (copied, not moved, into the workers).
    expect(Buffer.from(data[3]).toString()).toContain('"id":"item-3"');
  });

  it('compresses few tasks in this thread, with the same result', async () => {
    const data = texts().slice(0, 10);
    const pool = compressAll(
      data.map((d) => ({ ext: '.gz' as const, data: d })),
      2,
    );
    expect(Buffer.from(await pool.get(4))).toEqual(compress('.gz', data[4]));
    await pool.close();
  });

  it('a failing worker fails the tasks waiting for it instead of hanging', async () => {
    const tasks = texts().map((d, i) => ({ ext: (i === 500 ? '.zip' : '.br') as '.br', data: d }));
    const pool = compressAll(tasks, 2);
    try {
      let failure: unknown;
      for (let i = 0; i < tasks.length && !failure; i++) await pool.get(i).catch((e: unknown) => (failure = e));
      expect(failure).toBeInstanceOf(Error);
    } finally {
      await pool.close();
    }
  });
});
