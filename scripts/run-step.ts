/** Runs a child process with inherited output (for start.ts and test.ts). */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('..', import.meta.url));

/** Runs `command args` in the repo, streaming its output; resolves with the exit code. */
export function runStep(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (err) => {
      console.error(`无法运行 ${command}：${err.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** A JS CLI from node_modules, run with this Node. */
export function nodeBin(relPath: string): [string, string[]] {
  return [process.execPath, [fileURLToPath(new URL(`../node_modules/${relPath}`, import.meta.url))]];
}

export const TSX = nodeBin('tsx/dist/cli.mjs');
export const VITE = nodeBin('vite/bin/vite.js');
