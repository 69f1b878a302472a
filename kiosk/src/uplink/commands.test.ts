import { describe, expect, it } from 'vitest';
import type { DeviceRecord } from '../store/db.ts';
import type { HeartbeatRequest, HeartbeatResponse } from './api.ts';
import { applyReply, KEEP_SEEN_COMMANDS } from './commands.ts';

const device: DeviceRecord = {
  key: 'device',
  deviceId: 'd1',
  token: 't',
  siteCode: 'baihe',
  name: '旧名称',
  heartbeatSeconds: 300,
  hub: 'https://hub.example/',
  enrolledAt: 1,
  doneCommands: ['a'],
  seenCommands: ['a'],
  reloads: [{ at: 5, reason: 'command' }],
};
const reply = (commands: HeartbeatResponse['commands'], extra: Partial<HeartbeatResponse> = {}): HeartbeatResponse => ({
  serverTime: 0,
  heartbeatSeconds: 120,
  name: '白鹤镇大厅查询机 1',
  commands,
  ...extra,
});

describe('heartbeat reply', () => {
  it('runs new commands once, remembers them as done, and takes the name and interval', () => {
    const r = applyReply(
      device,
      reply([
        { id: 'a', kind: 'reload', issuedAt: 1 },
        { id: 'b', kind: 'identify', issuedAt: 2 },
        { id: 'c', kind: 'self-destruct' as 'reload', issuedAt: 3 },
      ]),
      null,
    );
    expect(r.run).toEqual(['identify']);
    expect(r.device).toMatchObject({
      name: '白鹤镇大厅查询机 1',
      heartbeatSeconds: 120,
      doneCommands: ['a', 'b'],
      seenCommands: ['a', 'b'],
    });
  });

  it('forgets done commands and reloads once a heartbeat that carried them was received', () => {
    const sent = { doneCommands: ['a'], reloads: [{ at: 5, reason: 'command' }] } as unknown as HeartbeatRequest;
    const r = applyReply(device, reply([]), sent);
    expect(r.device.doneCommands).toEqual([]);
    expect(r.device.reloads).toEqual([]);
    expect(r.device.seenCommands).toEqual(['a']);
  });

  it('ignores a nonsense interval or name, and bounds the remembered ids', () => {
    const many = Array.from({ length: KEEP_SEEN_COMMANDS + 5 }, (_, i) => ({ id: `x${i}`, kind: 'check-content' as const, issuedAt: i }));
    const r = applyReply(device, reply(many, { heartbeatSeconds: 0, name: '' }), null);
    expect(r.device.name).toBe('旧名称');
    expect(r.device.heartbeatSeconds).toBe(300);
    expect(r.device.seenCommands).toHaveLength(KEEP_SEEN_COMMANDS);
    expect(r.run).toHaveLength(KEEP_SEEN_COMMANDS + 5);
  });
});
