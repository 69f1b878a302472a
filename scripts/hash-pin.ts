/**
 * `npm run hash-pin -- 123456`: prints the salted hash of a maintenance PIN for a site file
 * (content/sites/<site>.yaml → `maintenancePin: "pbkdf2-sha256$…"`). The PIN itself is never
 * stored anywhere; the kiosk checks a typed PIN against this hash (kiosk/src/bundle/pin-hash.ts).
 * Without an argument the PIN is read from standard input (so it stays out of shell history).
 */
import { createInterface } from 'node:readline/promises';
import { hashPin, PIN_PATTERN } from '../kiosk/src/bundle/pin-hash.ts';

async function main(): Promise<number> {
  let pin = process.argv[2]?.trim();
  if (!pin) {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    pin = (await rl.question('请输入维护密码（4 到 8 位数字）：')).trim();
    rl.close();
  }
  if (!PIN_PATTERN.test(pin)) {
    console.error('维护密码应为 4 到 8 位数字，例如 npm run hash-pin -- 246810');
    return 1;
  }
  const hash = await hashPin(pin);
  console.log(hash);
  console.error(`请把下面一行写进站点文件（content/sites/站点编码.yaml），村代办站不写则沿用所属乡镇的密码：\nmaintenancePin: "${hash}"`);
  return 0;
}

process.exitCode = await main();
