/**
 * Bytes on the wire, counted at the server side whatever the content format: a TCP proxy in
 * front of the content server records every chunk in both directions with its time. Bursts of
 * requests (a poll, an update) are told apart by the quiet gaps between them.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface WireEvent {
  t: number;
  /** 'up' client → server (requests), 'down' server → client (responses). */
  dir: 'up' | 'down';
  bytes: number;
  /** 'down': HTTP status codes of the response heads that start in this chunk. */
  statuses?: number[];
  /** 'up': request lines ("GET /sites/x.json") that start in this chunk. */
  requests?: string[];
}

/** HTTP/1.1 status lines in a chunk of the server's bytes (a head may follow a body directly). */
export function statusesIn(chunk: Buffer): number[] {
  return [...chunk.toString('latin1').matchAll(/HTTP\/1\.[01] (\d{3}) [A-Za-z]/g)].map((m) => Number(m[1]));
}

/** Request lines in a chunk of the client's bytes. */
export function requestsIn(chunk: Buffer): string[] {
  return [...chunk.toString('latin1').matchAll(/(?:^|\r\n)(GET|HEAD|POST|PUT|OPTIONS) (\S+) HTTP\/1\.[01]\r\n/g)].map(
    (m) => `${m[1]} ${m[2]}`,
  );
}

export interface WireCounter {
  url: string;
  events: WireEvent[];
  /** Bytes downstream since time t (performance.now()). */
  downSince(t: number): number;
  close(): Promise<void>;
}

export function startWireCounter(targetPort: number, targetHost = '127.0.0.1'): Promise<WireCounter> {
  const events: WireEvent[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, targetHost);
    sockets.add(client).add(upstream);
    client.on('data', (d) => {
      events.push({ t: performance.now(), dir: 'up', bytes: d.length, requests: requestsIn(d) });
      upstream.write(d);
    });
    upstream.on('data', (d) => {
      events.push({ t: performance.now(), dir: 'down', bytes: d.length, statuses: statusesIn(d) });
      client.write(d);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      resolve({
        url: `http://127.0.0.1:${port}`,
        events,
        downSince: (t) => events.filter((e) => e.dir === 'down' && e.t >= t).reduce((n, e) => n + e.bytes, 0),
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

export interface Burst {
  start: number;
  end: number;
  /** Request chunks (client → server) in the burst. */
  requests: number;
  up: number;
  down: number;
  /** Response status codes seen in the burst, in order. */
  statuses: number[];
  /** Request lines seen in the burst, in order. */
  paths: string[];
}

/** Group events into bursts separated by at least `gapMs` without traffic. */
export function bursts(events: readonly WireEvent[], gapMs: number): Burst[] {
  const out: Burst[] = [];
  for (const e of [...events].sort((a, b) => a.t - b.t)) {
    let b = out[out.length - 1];
    if (!b || e.t - b.end > gapMs) {
      b = { start: e.t, end: e.t, requests: 0, up: 0, down: 0, statuses: [], paths: [] };
      out.push(b);
    }
    b.end = e.t;
    if (e.dir === 'up') {
      b.up += e.bytes;
      b.requests++;
      b.paths.push(...(e.requests ?? []));
    } else {
      b.down += e.bytes;
      b.statuses.push(...(e.statuses ?? []));
    }
  }
  return out;
}
