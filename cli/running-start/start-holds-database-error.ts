import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import type { HandOffFailed } from "./hand-off-failed.ts";
import type { RunningStart } from "./running-start-file.ts";

const postgresHint =
  "set DATABASE_URL to a PostgreSQL server for both, so they share state (`docker compose up -d postgres`, " +
  "then DATABASE_URL=postgres://sabio:sabio@127.0.0.1:5432/sabio for `start` and every command)";

/**
 * The embedded database (PGlite) takes one process at a time, and `sabio start` keeps it open for
 * as long as it runs: a command that cannot hand its work to that start says so, and what to do,
 * before opening anything, so nothing is half-done. Exit 2: it is how the command was run, not a
 * fault a retry fixes. `failure`: what went wrong handing the work over, when that was tried.
 */
export function startHoldsDatabaseError(
  dataDir: string,
  running: RunningStart,
  command: string,
  failure?: HandOffFailed,
): AppError {
  if (running.database === "postgresql") {
    return new AppError(
      ErrorCode.InvalidInput,
      `\`sabio start\` (pid ${running.pid}) keeps its state in PostgreSQL, but this ${command} has no DATABASE_URL: ` +
        "it would fill the embedded database, which start never reads.",
      { hint: "run it with the same DATABASE_URL as `sabio start`" },
    );
  }
  const handOff = failure === undefined ? "" : ` Handing the ${command} to it failed: ${failure.message}.`;
  const instead = `stop \`sabio start\` (Ctrl-C, or \`pm2 stop all\`), run the ${command}, then start it again; or ${postgresHint}`;
  return new AppError(
    ErrorCode.InvalidInput,
    `The embedded database in ${dataDir} is in use by \`sabio start\` (pid ${running.pid}), ` +
      `so ${command} cannot open it (it takes one process at a time).${handOff}`,
    { hint: failure?.hint === undefined ? instead : `${failure.hint}; or ${instead}` },
  );
}
