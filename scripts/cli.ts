/**
 * The one way the project's command-line tools start (publish-content, keygen, import-catalogue,
 * serve): options parsed by node:util parseArgs, `--help`/`-h` prints the Chinese usage, a wrong
 * argument is explained in Chinese with the usage (exit 2), a known failure (CliError) prints its
 * Chinese message (its exit code), anything unexpected prints one Chinese line — never a stack
 * trace (exit 1).
 *
 *   const cli = { usage: HELP, failure: '发布失败', options: { out: { type: 'string' } } } as const;
 *   if (isMain(import.meta.url)) void runCli(cli, async ({ values }) => { …; return 0; });
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CliSpec<O extends Options> {
  /** Chinese usage text (`用法：…`), printed for --help and after an argument error. */
  usage: string;
  /** Chinese words for an unexpected failure, e.g. "发布失败" → "发布失败：<reason>". */
  failure: string;
  options: O;
  /** Accept arguments without an option name (file names); default false. */
  positionals?: boolean;
}

/** A failure the tool explains itself: its message (Chinese) goes to stderr as it is. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export type ParsedArgs<O extends Options> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>;

/** parseArgs' English messages, in Chinese. */
export function argumentErrorText(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(e.message ?? '')?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `不认识的选项 ${quoted ?? ''}`.trim();
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `选项 ${(quoted ?? '')
        .replace(/ <value>$/, '')
        .split(',')[0]
        .trim()} 的值不对（要么缺少值，要么不需要值）`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `多余的参数 ${quoted ?? ''}`.trim();
    default:
      return e.message ?? String(err);
  }
}

/** Parses `argv` and runs the tool; resolves to the exit code, which it also sets on process.exitCode. */
export async function runCli<O extends Options>(
  spec: CliSpec<O>,
  run: (args: ParsedArgs<O>) => Promise<number | void>,
  argv: string[] = process.argv.slice(2),
): Promise<number> {
  const done = (code: number) => {
    process.exitCode = code;
    return code;
  };
  let args: ParsedArgs<O>;
  try {
    args = parseArgs({
      args: argv,
      options: { ...spec.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: spec.positionals ?? false,
      strict: true,
    }) as ParsedArgs<O>;
  } catch (err) {
    console.error(`参数错误：${argumentErrorText(err)}\n\n${spec.usage}`);
    return done(2);
  }
  if ((args.values as { help?: boolean }).help) {
    console.log(spec.usage);
    return done(0);
  }
  try {
    return done((await run(args)) ?? 0);
  } catch (err) {
    if (err instanceof CliError) {
      console.error(err.message);
      return done(err.exitCode);
    }
    console.error(`${spec.failure}：${err instanceof Error ? err.message : String(err)}`);
    return done(1);
  }
}

/** True when the module at `moduleUrl` is the script node was started with (not imported by a test). */
export function isMain(moduleUrl: string): boolean {
  return !!process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(moduleUrl);
}
