/** Paths typed on the command line: npm runs scripts in the package root, so they are resolved
 *  against the folder where the user typed the command (INIT_CWD), not the package root. */
import path from 'node:path';

export const USER_CWD = process.env.INIT_CWD ?? process.cwd();

export function userPath(p: string): string {
  return path.resolve(USER_CWD, p);
}
