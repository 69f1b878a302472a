/**
 * The compressed copies of published files (same input ⇒ same bytes), in plain JavaScript so
 * that the worker threads of compress-pool.ts can load it without a TypeScript loader.
 * Quality chosen for publish speed (brotli 6 with a window fitted to the file, gzip 6: within a
 * few % of the best sizes, ~8× faster). Synchronous: for parts of a few kilobytes zlib's
 * asynchronous calls cost more than twice the CPU time; the parallelism comes from the workers.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** @type {readonly ['.br', '.gz']} */
export const COPIES = ['.br', '.gz'];

/**
 * @param {'.br' | '.gz'} ext
 * @param {Uint8Array} data
 * @returns {Buffer}
 */
export function compress(ext, data) {
  if (ext === '.gz') return gzipSync(data, { level: 6 });
  if (ext !== '.br') throw new Error(`unknown compressed copy ${ext}`);
  return brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 6,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      [constants.BROTLI_PARAM_LGWIN]: Math.max(10, Math.min(24, Math.ceil(Math.log2(data.length + 1)))),
    },
  });
}
