import { isAbsolute, resolve } from "node:path";
import type { CommandLine } from "./parse-command-line.ts";

/**
 * The directory the person typed the command in. `npm run sabio -- ingest ./wiki` runs in the
 * package root, with the typing directory in INIT_CWD. Only the `sabio` script passes the user's
 * own words through: `npm run demo` types its paths relative to the root, and an INIT_CWD
 * inherited from an outer npm run (`npm test`, a PM2 started by npm) is not where anyone typed.
 * `npx sabio` and the linked command keep the working directory, so there it is the answer.
 */
export function userDirectory(env: Record<string, string | undefined>, cwd = process.cwd()): string {
  const viaNpmRun = env.npm_lifecycle_event === "sabio" && env.INIT_CWD;
  return viaNpmRun ? resolve(env.INIT_CWD ?? cwd) : cwd;
}

/** The command line with the paths the person typed made absolute against `directory`. */
export function resolveUserPaths(commandLine: CommandLine, directory: string): CommandLine {
  const absolute = (path: string) => (isAbsolute(path) ? path : resolve(directory, path));
  const [first, ...rest] = commandLine.positionals;
  return {
    ...commandLine,
    positionals:
      commandLine.command === "ingest" && first !== undefined
        ? [absolute(first), ...rest]
        : commandLine.positionals,
    batch: commandLine.batch === undefined ? undefined : absolute(commandLine.batch),
    out: commandLine.out === undefined ? undefined : absolute(commandLine.out),
  };
}
