/**
 * Compressed copies of many files at once. With enough of them they are made by worker threads
 * (compress-worker.mjs), in batches and in order, while the caller writes the ones already made:
 * on two cores a full county publish spends ~1.2 s of CPU in zlib, which would otherwise come
 * before every file write. Same bytes as compressing in this thread (the same function).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type CopyExt, compress } from './compression.mjs';

export interface CompressTask {
  ext: CopyExt;
  data: Uint8Array;
}

export interface Compressed {
  /** Task `i`'s compressed bytes; tasks are made in order, so asking in order waits least. */
  get(i: number): Promise<Uint8Array>;
  /** Stops the workers: call it when done, also after an error. */
  close(): Promise<void>;
}

const BATCH = 64;
/** Fewer tasks than this are compressed in this thread: starting a worker costs ~30 ms. */
const MIN_PARALLEL_TASKS = 400;
/** Batches sent to a worker ahead of its answers, so that it never waits for this thread. */
const IN_FLIGHT = 2;

/** One worker per core, at most four; none on a single core (nothing to overlap with). */
function defaultThreads(): number {
  const cores = availableParallelism();
  return cores < 2 ? 0 : Math.min(4, cores);
}

export function compressAll(tasks: readonly CompressTask[], threads = defaultThreads()): Compressed {
  if (threads < 1 || tasks.length < MIN_PARALLEL_TASKS) {
    return { get: async (i) => compress(tasks[i].ext, tasks[i].data), close: async () => undefined };
  }
  const count = Math.ceil(tasks.length / BATCH);
  const waiting = new Map<number, { resolve: (packed: Uint8Array[]) => void; reject: (e: Error) => void }>();
  const batches = Array.from({ length: count }, (_, id) => {
    const batch = new Promise<Uint8Array[]>((resolve, reject) => waiting.set(id, { resolve, reject }));
    batch.catch(() => undefined); // a failure reaches whoever asks for the batch, not the process
    return batch;
  });
  const failAll = (error: Error) => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  let sent = 0;
  const send = (worker: Worker) => {
    if (sent >= count) return;
    const id = sent++;
    // Each input in a buffer of its own, transferred (a view into a shared buffer would be copied whole).
    const batch = tasks.slice(id * BATCH, (id + 1) * BATCH).map((t) => [t.ext, new Uint8Array(t.data)] as const);
    worker.postMessage(
      { id, tasks: batch },
      batch.map(([, data]) => data.buffer),
    );
  };
  const workers = Array.from({ length: Math.min(threads, count) }, () => {
    const worker = new Worker(new URL('./compress-worker.mjs', import.meta.url));
    worker.on('message', ({ id, packed }: { id: number; packed: Uint8Array[] }) => {
      waiting.get(id)?.resolve(packed);
      waiting.delete(id);
      send(worker);
    });
    worker.on('error', failAll);
    worker.on('exit', () => failAll(new Error('压缩线程意外退出')));
    for (let k = 0; k < IN_FLIGHT; k++) send(worker);
    return worker;
  });
  return {
    get: async (i) => (await batches[Math.floor(i / BATCH)])[i % BATCH],
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
