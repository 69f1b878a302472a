/**
 * A heartbeat reply from the hub, applied to the device record: new name and interval, which
 * done commands and reloads the hub has now heard of (dropped from the record), and which of the
 * reply's commands are new (a command the hub repeats until it hears it was done is carried out
 * once). Pure: the caller carries out `run` and stores `device`.
 */
import type { DeviceRecord } from '../store/db.ts';
import { COMMAND_KINDS, type CommandKind, type HeartbeatRequest, type HeartbeatResponse } from './api.ts';

/** Command ids remembered as carried out. */
export const KEEP_SEEN_COMMANDS = 50;

export function applyReply(
  device: DeviceRecord,
  reply: HeartbeatResponse,
  reported: HeartbeatRequest | null,
): { device: DeviceRecord; run: CommandKind[] } {
  let d: DeviceRecord = {
    ...device,
    name: typeof reply.name === 'string' && reply.name ? reply.name : device.name,
    heartbeatSeconds:
      Number.isFinite(reply.heartbeatSeconds) && reply.heartbeatSeconds >= 10 ? reply.heartbeatSeconds : device.heartbeatSeconds,
    doneCommands: device.doneCommands.filter((id) => !reported?.doneCommands.includes(id)),
    reloads: (device.reloads ?? []).filter((r) => !reported?.reloads.some((x) => x.at === r.at && x.reason === r.reason)),
  };
  const run: CommandKind[] = [];
  for (const c of Array.isArray(reply.commands) ? reply.commands : []) {
    if (!c || typeof c.id !== 'string' || !(COMMAND_KINDS as readonly string[]).includes(c.kind)) continue;
    if (d.seenCommands.includes(c.id)) continue;
    d = {
      ...d,
      seenCommands: [...d.seenCommands, c.id].slice(-KEEP_SEEN_COMMANDS),
      doneCommands: [...d.doneCommands, c.id],
    };
    run.push(c.kind);
  }
  return { device: d, run };
}
