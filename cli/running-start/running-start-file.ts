import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";

/** What a running `sabio start` tells other commands on the same DATA_DIR. */
const runningStartSchema = z.object({
  pid: z.number().int().positive(),
  roles: z.array(z.string()),
  /** Where its state lives: other commands must use the same to see what it sees. */
  database: z.enum(["embedded", "postgresql"]),
  startedAt: z.string(),
  /**
   * Set when it takes ingests handed over (it holds the embedded database and runs the answer
   * role): the key of their proofs (workers/ingest/ingest-proof.ts). Only this file holds it (0600,
   * in DATA_DIR, 0700).
   */
  ingestSecret: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  /**
   * With the embedded database: the queues it listens on, so work can be handed to it. `redis` is
   * where its REDIS_URL points (redis-location.ts), never the URL, which may hold a password: a
   * command connects with its own REDIS_URL and checks it points there. The prefix is the start's
   * own (PM2's env and a login shell's often differ). A file of an older start, with the URL, reads
   * as none: handing over then refuses and says what to do.
   */
  queues: z.object({ redis: z.string(), prefix: z.string() }).optional().catch(undefined),
});

export type RunningStart = z.infer<typeof runningStartSchema>;

const fileName = "sabio-start.json";

/**
 * Written by `sabio start` once its roles are up, removed when it stops. A file left by a start that
 * was killed is ignored: its pid no longer runs (checked with signal 0, which only asks).
 */
export async function writeRunningStart(
  dataDir: string,
  running: RunningStart,
): Promise<{ remove(): Promise<void> }> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, fileName);
  await writeFile(path, `${JSON.stringify(running)}\n`, { mode: 0o600 });
  return {
    remove: async () => {
      // Another start may have taken over the file meanwhile (this one lost the database lock).
      const current = await readRunningStart(dataDir);
      if (current?.pid === running.pid) await rm(path, { force: true });
    },
  };
}

/** The `sabio start` running on `dataDir`, other than this process, if any. */
export async function findRunningStart(dataDir: string): Promise<RunningStart | undefined> {
  const running = await readRunningStart(dataDir);
  if (!running || running.pid === process.pid || !isRunning(running.pid)) return undefined;
  return running;
}

async function readRunningStart(dataDir: string): Promise<RunningStart | undefined> {
  const text = await readFile(join(dataDir, fileName), "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = runningStartSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
