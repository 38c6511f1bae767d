import { createNotionClient } from "#connectors/notion/client/create-notion-client.ts";
import { NOTION_SOURCE } from "#connectors/notion/crawl/read-notion-page.ts";
import { internalNotionConnectionId } from "#connectors/notion/sync/internal-notion-connection-id.ts";
import type { NotionSyncMode } from "#connectors/notion/sync/notion-sync-types.ts";
import { syncNotion } from "#connectors/notion/sync/sync-notion.ts";
import { ensureWorkspace } from "#shared/db/workspace-repository.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { parseWorkspaceId } from "#shared/workspace/workspace-id.ts";
import { type Output, printJson } from "../output.ts";
import type { CommandLine } from "../parse-command-line.ts";
import type { Services } from "../services.ts";
import { UsageError } from "../usage-error.ts";

/**
 * `sabio sync --workspace <id> [--full]`: brings the index in line with the Notion workspace
 * connected with NOTION_TOKEN. Incremental by default: only pages edited since the last sync are
 * read (trashed child pages are noticed through their edited parent). `--full` lists
 * everything and removes pages no longer visible — the only way to catch un-shared pages — and only
 * when the listing was complete: a sync that failed halfway never deletes.
 */
export async function syncCommand(
  services: Services,
  commandLine: CommandLine,
  output: Output,
): Promise<number> {
  if (!commandLine.workspace) throw new UsageError("sync needs --workspace <id>.");
  const mode = syncMode(commandLine);
  const workspaceId = parseWorkspaceId(commandLine.workspace);
  const { env, logger } = services;
  if (!env.NOTION_TOKEN) {
    throw new AppError(ErrorCode.InvalidConfig, "No knowledge source to sync: NOTION_TOKEN is not set.", {
      hint: "create an internal integration at https://www.notion.so/my-integrations, share pages with it, and set NOTION_TOKEN",
    });
  }
  const client = createNotionClient({ token: env.NOTION_TOKEN, baseUrl: env.NOTION_API_URL });
  const database = await services.database();
  await ensureWorkspace(database.db, workspaceId);
  const report = await syncNotion({
    client,
    database,
    store: services.store(),
    embedder: services.embedder(),
    logger,
    workspaceId,
    connectionId: internalNotionConnectionId(workspaceId),
    mode,
  });
  const summary = {
    source: NOTION_SOURCE,
    mode: report.mode,
    state: report.state,
    complete: report.complete,
    documents: report.documents,
    chunks: report.chunks,
    embedded: report.embedded,
    unchanged: report.unchanged,
    deleted: report.deleted,
    failed: report.failed.map((failure) => ({ id: failure.id, error: failure.error.message })),
    pendingVectors: report.pendingVectors,
  };
  if (commandLine.json) printJson(output, summary);
  else {
    output.out(
      `Notion → workspace "${workspaceId}" (${summary.mode}): ${summary.documents} pages read, ` +
        `${summary.chunks} chunks written, ${summary.embedded} embedded, ${summary.unchanged} unchanged, ` +
        `${summary.deleted} deleted, ${summary.failed.length} not read.`,
    );
    for (const failure of summary.failed) output.out(`  not read ${failure.id}: ${failure.error}`);
    if (!summary.complete)
      output.out("  Some of Notion could not be read, so nothing was deleted; the next sync tries again.");
  }
  return summary.complete ? 0 : 1;
}

/** `--full` lists everything; without it the sync is incremental. */
function syncMode(commandLine: CommandLine): NotionSyncMode {
  if (commandLine.positionals.length > 0)
    throw new UsageError("sync takes no arguments besides its options.");
  return commandLine.full ? "full" : "incremental";
}
