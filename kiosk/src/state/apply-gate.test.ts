import { describe, expect, it, vi } from 'vitest';
import type { Announcement, SiteBundle } from '../bundle/schema.ts';
import { bringsNewUrgent, createApplyGate } from './apply-gate.ts';

const quiet = { info() {} };

describe('apply gate', () => {
  it('holds an offer until a boundary, then applies it once', () => {
    const gate = createApplyGate({ log: quiet });
    const apply = vi.fn();
    gate.offer(apply, { version: 7 });
    expect(apply).not.toHaveBeenCalled();
    expect(gate.pendingVersion.value).toBe(7);
    gate.boundary();
    gate.boundary();
    expect(apply).toHaveBeenCalledTimes(1);
    expect(gate.pendingVersion.value).toBeNull();
  });

  it('applies urgent offers and offers made at rest at once', () => {
    const gate = createApplyGate({ log: quiet });
    const urgent = vi.fn();
    gate.offer(urgent, { version: 2, urgent: true });
    expect(urgent).toHaveBeenCalledTimes(1);
    let rest = false;
    const stop = gate.setAtRest(() => rest);
    const a = vi.fn();
    gate.offer(a, { version: 3 });
    expect(a).not.toHaveBeenCalled();
    rest = true;
    const b = vi.fn();
    gate.offer(b, { version: 4 });
    // The newer offer replaced the older one, which is never applied.
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
    stop();
    const c = vi.fn();
    gate.offer(c, { version: 5 });
    expect(c).not.toHaveBeenCalled();
  });

  it('applies a waiting app update at a boundary, after the content', () => {
    const order: string[] = [];
    let ready = false;
    const gate = createApplyGate({ log: quiet, appUpdateReady: () => ready, applyAppUpdate: () => order.push('app') });
    gate.boundary();
    expect(order).toEqual([]);
    ready = true;
    gate.offer(() => order.push('content'), { version: 9 });
    gate.boundary();
    expect(order).toEqual(['content', 'app']);
  });
});

describe('bringsNewUrgent', () => {
  const ann = (id: string, priority: 'urgent' | 'normal', title = id): Announcement =>
    ({ id, title, priority, publishAt: '2026-01-01T00:00+08:00', html: '' }) as unknown as Announcement;
  const bundle = (...a: Announcement[]) => ({ county: { timeZone: 'Asia/Shanghai' }, announcements: a }) as unknown as SiteBundle;
  const now = Date.parse('2026-06-01T00:00:00Z');

  it('is true only for a live urgent notice the old bundle does not have', () => {
    expect(bringsNewUrgent(bundle(), bundle(ann('a', 'normal')), now)).toBe(false);
    expect(bringsNewUrgent(bundle(), bundle(ann('a', 'urgent')), now)).toBe(true);
    expect(bringsNewUrgent(bundle(ann('a', 'urgent')), bundle(ann('a', 'urgent')), now)).toBe(false);
    expect(bringsNewUrgent(bundle(ann('a', 'urgent')), bundle(ann('a', 'urgent', '停水通知')), now)).toBe(true);
    expect(bringsNewUrgent(null, bundle(ann('a', 'urgent')), now)).toBe(true);
  });
});
