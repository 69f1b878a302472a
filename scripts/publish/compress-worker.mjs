/**
 * A worker thread of compress-pool.ts: compresses each batch it is sent, answering with its id.
 * Each answer is copied into a buffer of its own and transferred: zlib's results are views into
 * larger (often shared) buffers, which a message would otherwise copy whole.
 */
import { parentPort } from 'node:worker_threads';
import { compress } from './compression.mjs';

parentPort?.on('message', (/** @type {{ id: number, tasks: ['.br' | '.gz', Uint8Array][] }} */ { id, tasks }) => {
  const packed = tasks.map(([ext, data]) => new Uint8Array(compress(ext, data)));
  parentPort?.postMessage(
    { id, packed },
    packed.map((p) => p.buffer),
  );
});
