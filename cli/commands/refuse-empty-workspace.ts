import { existsSync } from "node:fs";
import { join } from "node:path";
import { openDatabase } from "#shared/db/open-database.ts";
import { listWorkspaceIds } from "#shared/db/workspace-repository.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { findRunningStart } from "../running-start/running-start-file.ts";
import type { Services } from "../services.ts";
import { closestName } from "./closest-name.ts";

/**
 * `ask` and `search` on a workspace with nothing indexed would answer "I couldn't find anything",
 * which reads as "the documents don't say" when the real trouble is a typo or a missing ingest.
 * Throws invalid_workspace (exit 2) naming the closest workspace that has documents.
 */
export async function refuseEmptyWorkspace(services: Services, workspaceId: string): Promise<void> {
  const store = services.store();
  if ((await store.countChunks(workspaceId)) > 0) return;
  const filled: string[] = [];
  for (const id of await knownWorkspaces(services)) {
    if (id !== workspaceId && (await store.countChunks(id)) > 0) filled.push(id);
  }
  const closest = closestName(workspaceId, filled);
  const ingest = `\`sabio ingest <folder> --workspace ${workspaceId}\``;
  throw new AppError(
    ErrorCode.InvalidWorkspace,
    `Workspace "${workspaceId}" has no documents${closest ? ` — did you mean ${closest}?` : "."}`,
    {
      hint: closest
        ? `use --workspace ${closest}, or fill "${workspaceId}" with ${ingest}`
        : filled.length > 0
          ? `workspaces with documents: ${filled.slice(0, 10).join(", ")}; or fill "${workspaceId}" with ${ingest}`
          : `fill it with ${ingest}`,
    },
  );
}

/**
 * The ledger's workspaces, only for the suggestion: never worth creating DATA_DIR or waiting on
 * the embedded database a running `sabio start` holds, so those cases suggest nothing.
 */
async function knownWorkspaces(services: Services): Promise<string[]> {
  const { env } = services;
  if (!env.DATABASE_URL) {
    if (!existsSync(join(env.DATA_DIR, "pglite"))) return [];
    if (await findRunningStart(env.DATA_DIR)) return [];
  }
  // Opened here rather than through services: a failed open must not become the command's error.
  const database = await openDatabase({
    dataDir: env.DATA_DIR,
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
  }).catch(() => undefined);
  if (!database) return [];
  try {
    return await listWorkspaceIds(database.db);
  } catch {
    return [];
  } finally {
    await database.close().catch(() => {});
  }
}
