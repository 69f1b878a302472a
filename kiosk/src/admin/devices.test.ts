import { describe, expect, it } from 'vitest';
import type { DeviceRow } from '../uplink/api.ts';
import { enrolUrl, groupByTownship, healthCounts, HEALTH, sortDevices } from './devices.ts';

function device(id: string, over: Partial<DeviceRow>): DeviceRow {
  return {
    id,
    name: id,
    siteCode: 'baihe',
    siteName: '白鹤镇',
    township: 'baihe',
    mode: 'kiosk',
    enrolledAt: 0,
    revokedAt: null,
    lastSeenAt: 1,
    health: 'online',
    appBuild: 'b1',
    contentVersion: 3,
    latestContentVersion: 3,
    lastError: null,
    onScreen: null,
    flags: [],
    pendingCommands: [],
    demo: false,
    ...over,
  };
}

describe('device list', () => {
  const rows = [
    device('ok', {}),
    device('gone', { health: 'offline', revokedAt: 5 }),
    device('never', { health: 'never', lastSeenAt: null }),
    device('stale', { health: 'stale', contentVersion: 2 }),
    device('fail', { health: 'failing', lastError: 'x' }),
    device('off', { health: 'offline', township: 'longshan', siteCode: 'longshan', siteName: '龙山镇' }),
  ];

  it('sorts failing, offline, stale, never, online, and revoked last', () => {
    expect(sortDevices(rows).map((d) => d.id)).toEqual(['fail', 'off', 'stale', 'never', 'ok', 'gone']);
  });

  it('groups by township with the most troubled township first', () => {
    const g = groupByTownship(rows, (c) => ({ baihe: '白鹤镇', longshan: '龙山镇' })[c] ?? c);
    expect(g.map((x) => [x.name, x.attention, x.devices.length])).toEqual([
      ['白鹤镇', 2, 5],
      ['龙山镇', 1, 1],
    ]);
  });

  it('counts states without revoked devices', () => {
    expect(healthCounts(rows)).toEqual({ online: 1, offline: 1, stale: 1, failing: 1, never: 1 });
  });

  it('has a distinct word and icon for every state', () => {
    const looks = Object.values(HEALTH);
    expect(new Set(looks.map((l) => l.word)).size).toBe(looks.length);
    expect(new Set(looks.map((l) => l.icon)).size).toBe(looks.length);
  });
});

describe('enrolUrl', () => {
  it('points at the kiosk app above /admin/ with site, mode and code', () => {
    expect(enrolUrl('https://hub.example.cn/kiosk/', 'baihe', 'ABCD2345')).toBe('https://hub.example.cn/kiosk/?site=baihe&enrol=ABCD2345');
    expect(enrolUrl('http://localhost:8080/', 'baihe-xc', 'ZZZZ9999', 'display')).toBe(
      'http://localhost:8080/?site=baihe-xc&mode=display&enrol=ZZZZ9999',
    );
  });
});
