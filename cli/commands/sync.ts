import { createNotionClient } from "#connectors/notion/client/create-notion-client.ts";
import { crawlNotion } from "#connectors/notion/crawl/crawl-notion.ts";
import { NOTION_SOURCE } from "#connectors/notion/crawl/read-notion-page.ts";
import { ensureWorkspace } from "#shared/db/workspace-repository.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { indexDocuments } from "#shared/knowledge/index-documents.ts";
import { parseWorkspaceId } from "#shared/workspace/workspace-id.ts";
import { type Output, printJson } from "../output.ts";
import type { CommandLine } from "../parse-command-line.ts";
import type { Services } from "../services.ts";
import { UsageError } from "../usage-error.ts";

/**
 * `sabio sync --workspace <id>`: reads the Notion workspace connected with NOTION_TOKEN and brings
 * the index in line with it. Pages no longer visible (trashed, deleted, un-shared) are removed — but
 * only when the listing was complete: a sync that failed halfway never deletes.
 */
export async function syncCommand(
  services: Services,
  commandLine: CommandLine,
  output: Output,
): Promise<number> {
  if (!commandLine.workspace) throw new UsageError("sync needs --workspace <id>.");
  if (commandLine.positionals.length > 0)
    throw new UsageError("sync takes no arguments besides its options.");
  const workspaceId = parseWorkspaceId(commandLine.workspace);
  const { env, logger } = services;
  if (!env.NOTION_TOKEN) {
    throw new AppError(ErrorCode.InvalidConfig, "No knowledge source to sync: NOTION_TOKEN is not set.", {
      hint: "create an internal integration at https://www.notion.so/my-integrations, share pages with it, and set NOTION_TOKEN",
    });
  }
  const client = createNotionClient({ token: env.NOTION_TOKEN, baseUrl: env.NOTION_API_URL });
  const crawl = await crawlNotion(client, { workspaceId });
  // A page that could not be read for a reason that may pass (rate limit, outage) leaves the
  // listing incomplete too: deleting then could drop a page that still exists.
  const complete = crawl.complete && crawl.failed.every((failure) => !failure.error.retryable);
  const database = await services.database();
  await ensureWorkspace(database.db, workspaceId);
  const report = await indexDocuments(
    { database, store: services.store(), embedder: services.embedder(), logger },
    { workspaceId, source: NOTION_SOURCE, documents: crawl.documents, complete },
  );
  const summary = {
    source: NOTION_SOURCE,
    complete,
    documents: report.documents,
    chunks: report.chunks,
    embedded: report.embedded,
    unchanged: report.unchanged,
    deleted: report.deleted,
    failed: crawl.failed.map((failure) => ({ id: failure.id, error: failure.error.message })),
    pendingVectors: report.pendingVectors,
  };
  if (commandLine.json) printJson(output, summary);
  else {
    output.out(
      `Notion → workspace "${workspaceId}": ${summary.documents} pages, ${summary.chunks} chunks written, ` +
        `${summary.embedded} embedded, ${summary.unchanged} unchanged, ${summary.deleted} deleted, ${summary.failed.length} not read.`,
    );
    for (const failure of summary.failed) output.out(`  not read ${failure.id}: ${failure.error}`);
    if (!complete)
      output.out("  The listing was incomplete, so nothing was deleted; the next sync tries again.");
  }
  return complete ? 0 : 1;
}
