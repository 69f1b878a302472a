import { describe, expect, it } from 'vitest';
import { parseConfig, SITE_STORAGE_KEY } from './config.ts';

const storage = (site: string | null) => ({ getItem: (k: string) => (k === SITE_STORAGE_KEY ? site : null) });

describe('parseConfig', () => {
  it('uses defaults for a bare URL', () => {
    const c = parseConfig(new URL('https://kiosk.example/app/'), storage(null));
    expect(c).toEqual({
      site: null,
      mode: 'kiosk',
      contentBase: 'https://kiosk.example/app/content/',
      pollSeconds: 300,
      idleSeconds: 90,
      tickerSpeed: null,
      exportPlayLog: false,
      resetServiceWorker: false,
      hub: null,
      enrolCode: null,
      heartbeatSeconds: null,
      nightly: null,
    });
  });

  it('reads the hub address, the enrolment code and the heartbeat interval', () => {
    const c = parseConfig(new URL('https://k.example/app/?hub=https://hub.example/x&enrol=ab3dk9pq&heartbeat=60'), null);
    expect(c.hub).toBe('https://hub.example/x');
    expect(c.enrolCode).toBe('AB3DK9PQ');
    expect(c.heartbeatSeconds).toBe(60);
    expect(parseConfig(new URL('https://k.example/app/?hub=/'), null).hub).toBe('https://k.example/');
    // Only http(s) addresses; a too-short or bad heartbeat falls back to a floor / the default.
    expect(parseConfig(new URL('https://k.example/?hub=javascript:alert(1)'), null).hub).toBeNull();
    expect(parseConfig(new URL('https://k.example/?heartbeat=1'), null).heartbeatSeconds).toBe(5);
    expect(parseConfig(new URL('https://k.example/?heartbeat=x'), null).heartbeatSeconds).toBe(300);
  });

  it('reads every parameter', () => {
    const c = parseConfig(
      new URL('https://k.example/?site=Baihe-Qingshui&mode=display&content=https://cdn.example/c&poll=5&idle=30'),
      storage('longshan'),
    );
    expect(c.site).toBe('baihe-qingshui');
    expect(c.mode).toBe('display');
    expect(c.contentBase).toBe('https://cdn.example/c/');
    expect(c.pollSeconds).toBe(5);
    expect(c.idleSeconds).toBe(30);
  });

  it('reads the ticker speed (bounded), the play-log export and the service-worker reset', () => {
    const c = parseConfig(new URL('https://k.example/?mode=display&speed=150&export=playlog&reset-sw=1'), storage(null));
    expect([c.tickerSpeed, c.exportPlayLog, c.resetServiceWorker]).toEqual([150, true, true]);
    const speed = (q: string) => parseConfig(new URL(`https://k.example/?speed=${q}`), storage(null)).tickerSpeed;
    expect([speed('-3'), speed('999999'), speed('1'), speed(''), speed('fast')]).toEqual([null, 5000, 10, null, null]);
  });

  it('falls back to the remembered site, and ignores garbage in storage', () => {
    expect(parseConfig(new URL('https://k.example/'), storage('longshan')).site).toBe('longshan');
    expect(parseConfig(new URL('https://k.example/'), storage('<script>')).site).toBeNull();
  });

  it('rejects unknown modes and bad numbers', () => {
    const c = parseConfig(new URL('https://k.example/?mode=evil&poll=-3&idle=abc'), null);
    expect(c.mode).toBe('kiosk');
    expect(c.pollSeconds).toBe(300);
    expect(c.idleSeconds).toBe(90);
  });

  it('survives a storage that throws', () => {
    const throwing = {
      getItem: () => {
        throw new Error('denied');
      },
    };
    expect(parseConfig(new URL('https://k.example/'), throwing).site).toBeNull();
  });
});
