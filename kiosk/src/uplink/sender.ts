/**
 * Sends one queue of the outbox to the hub until it is empty or the hub cannot take more:
 * ratings (POST api/device/ratings) and play log (POST api/device/playlog) in batches,
 * heartbeats (POST api/device/heartbeat) one by one, oldest first. Exactly once end to end: a
 * row leaves the queue only when the hub acknowledged its id (the hub stores each id once, so a
 * retry after a lost acknowledgement is harmless).
 *
 * What the hub answers decides what happens next:
 *   200 BatchAck   accepted → done; rejected → kept with the reason, out of the queue
 *   401            the token is wrong or revoked: stop, nothing lost (outcome "unauthorized")
 *   413            batch too large: halve it (a single row too large is refused locally, kept)
 *   400 + field    the row named by `field` (ratings[3]…) is refused and kept; others resent
 *   429, 5xx, none retry later with back-off (outcome "retry")
 */
import type { KioskDatabase, OutboxKind, OutboxRow } from '../store/db.ts';
import { LIMITS, type BatchAck, type HeartbeatResponse } from './api.ts';
import { failureText, type HubResult } from './client.ts';
import { countAttempt, dropRow, pendingRows, ratingUploads, settle } from './outbox.ts';

export type Post = <T>(path: string, body: unknown) => Promise<HubResult<T>>;

export type DrainOutcome =
  | { kind: 'done'; sent: number }
  | { kind: 'unauthorized'; sent: number }
  | { kind: 'retry'; sent: number; reason: string; retryAfterMs: number | null };

export interface SenderOptions {
  /** The database, or how to get it (a connection closed for an upgrade is reopened). */
  db: KioskDatabase | (() => Promise<KioskDatabase>);
  post: Post;
  now?: () => number;
  /** Batches per call before returning (the caller calls again): keeps one drain bounded. */
  maxBatches?: number;
  /** Called with each heartbeat reply (commands, interval, name). */
  onHeartbeatReply?: (reply: HeartbeatResponse, sent: OutboxRow) => void | Promise<void>;
  /** Called when the hub answered anything at all (it is reachable). */
  onContact?: () => void;
}

const PATHS: Record<OutboxKind, string> = {
  rating: 'api/device/ratings',
  playlog: 'api/device/playlog',
  heartbeat: 'api/device/heartbeat',
};
const MAX_BATCH: Record<OutboxKind, number> = {
  rating: LIMITS.maxRatingsPerBatch,
  playlog: LIMITS.maxPlayLogPerBatch,
  heartbeat: 1,
};

const TOO_LARGE = '单条数据超过县级管理平台的大小限制';

function isAck(x: unknown): x is BatchAck {
  const a = x as BatchAck;
  return !!a && Array.isArray(a.accepted) && Array.isArray(a.rejected);
}

/** Index of the batch entry a 400 names, e.g. field "ratings[3].level" → 3. */
function fieldIndex(field: string | undefined): number | null {
  const m = /^(?:ratings|entries)\[(\d+)\]/.exec(field ?? '');
  return m ? Number(m[1]) : null;
}

export class QueueSender {
  /** Current batch size per queue: halved after a 413, grows back after successes. */
  private readonly batch: Record<OutboxKind, number> = { ...MAX_BATCH };
  private readonly now: () => number;

  constructor(private readonly o: SenderOptions) {
    this.now = o.now ?? Date.now;
  }

  batchSize(kind: OutboxKind): number {
    return this.batch[kind];
  }

  private database(): Promise<KioskDatabase> {
    const d = this.o.db;
    return typeof d === 'function' ? d() : Promise.resolve(d);
  }

  async drain(kind: OutboxKind): Promise<DrainOutcome> {
    const db = await this.database();
    let sent = 0;
    const maxBatches = this.o.maxBatches ?? 50;
    for (let i = 0; i < maxBatches; i++) {
      const rows = await pendingRows(db, kind, this.batch[kind]);
      if (rows.length === 0) return { kind: 'done', sent };
      const body =
        kind === 'rating'
          ? { ratings: await ratingUploads(db, rows) }
          : kind === 'playlog'
            ? { entries: rows.map((r) => r.body) }
            : rows[0].body;
      const res = await this.o.post<unknown>(PATHS[kind], body);
      if (res.kind !== 'network') this.o.onContact?.();

      if (res.kind === 'ok') {
        if (kind === 'heartbeat') {
          await dropRow(db, rows[0].id);
          sent++;
          await this.o.onHeartbeatReply?.(res.data as HeartbeatResponse, rows[0]);
          continue;
        }
        if (!isAck(res.data)) {
          await countAttempt(
            db,
            rows.map((r) => r.id),
          );
          return { kind: 'retry', sent, reason: '县级管理平台的回答无法识别', retryAfterMs: null };
        }
        const ids = new Set(rows.map((r) => r.id));
        const accepted = res.data.accepted.filter((id) => ids.has(id));
        const rejected = res.data.rejected.filter((r) => ids.has(r.id));
        await settle(db, { accepted, rejected }, this.now());
        sent += accepted.length;
        if (accepted.length + rejected.length === 0) {
          await countAttempt(
            db,
            rows.map((r) => r.id),
          );
          return { kind: 'retry', sent, reason: '县级管理平台没有确认收到', retryAfterMs: null };
        }
        this.batch[kind] = Math.min(MAX_BATCH[kind], this.batch[kind] * 2);
        continue;
      }
      if (res.kind === 'http' && res.status === 401) return { kind: 'unauthorized', sent };
      if (res.kind === 'http' && res.status === 413) {
        if (rows.length > 1) {
          this.batch[kind] = Math.max(1, Math.floor(rows.length / 2));
          continue;
        }
        await this.refuse(db, kind, rows[0], TOO_LARGE);
        continue;
      }
      if (res.kind === 'http' && (res.status === 400 || res.status === 422)) {
        const reason = res.error?.message ?? `县级管理平台拒绝（${res.status}）`;
        const idx = fieldIndex(res.error?.field);
        if (idx !== null && rows[idx]) {
          await this.refuse(db, kind, rows[idx], reason);
          continue;
        }
        if (rows.length > 1) {
          // Find the bad entry by halving; the good ones go through.
          this.batch[kind] = Math.max(1, Math.floor(rows.length / 2));
          continue;
        }
        await this.refuse(db, kind, rows[0], reason);
        continue;
      }
      await countAttempt(
        db,
        rows.map((r) => r.id),
      );
      return {
        kind: 'retry',
        sent,
        reason: res.kind === 'http' || res.kind === 'network' ? failureText(res) : '未知错误',
        retryAfterMs: res.kind === 'http' ? res.retryAfterMs : null,
      };
    }
    return { kind: 'done', sent };
  }

  private async refuse(db: KioskDatabase, kind: OutboxKind, row: OutboxRow, reason: string): Promise<void> {
    if (kind === 'heartbeat') await dropRow(db, row.id);
    else await settle(db, { accepted: [], rejected: [{ id: row.id, reason }] }, this.now());
  }
}
