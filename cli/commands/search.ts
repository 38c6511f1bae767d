import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { z } from "zod";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import type { Embedder } from "#shared/knowledge/embed/embedder.ts";
import { relevanceScores } from "#shared/knowledge/relevance.ts";
import { searchKnowledge } from "#shared/knowledge/search-knowledge.ts";
import type { ScoredChunk } from "#shared/knowledge/store/vector-store.ts";
import { parseWorkspaceId } from "#shared/workspace/workspace-id.ts";
import { protectLinks, restoreLinks, truncateProtected } from "#workers/answer/extractive/protect-links.ts";
import { type Output, printJson } from "../output.ts";
import type { CommandLine } from "../parse-command-line.ts";
import type { Services } from "../services.ts";
import { UsageError } from "../usage-error.ts";
import { foldSearchResults, passagesPerResult } from "./fold-search-results.ts";
import { refuseEmptyWorkspace } from "./refuse-empty-workspace.ts";
import { viewerOf } from "./viewer-of.ts";

const batchLine = z.object({ id: z.union([z.string(), z.number()]), query: z.string() });

/**
 * One entry per document (its best passage; the others counted) with a 0–1 relevance a person can
 * read — how much of the query the passage covers — instead of the fused rank score, which only
 * orders one list.
 */
function toResults(query: string, chunks: ScoredChunk[], limit: number) {
  const folded = foldSearchResults(chunks, limit, relevanceScores(query, chunks));
  return folded.map((result) => ({
    documentId: result.documentId,
    title: result.title,
    url: result.url,
    text: result.text,
    // 0–1 relevance (the fused rank score is meaningless outside its own list).
    score: Math.round(result.relevance * 100) / 100,
    morePassages: result.morePassages,
  }));
}

/**
 * `sabio search`: one query, or `--batch file.jsonl` for thousands in one process; `--as <email>`
 * finds only what that person may see.
 */
export async function searchCommand(
  services: Services,
  commandLine: CommandLine,
  output: Output,
): Promise<number> {
  if (!commandLine.workspace) throw new UsageError("search needs --workspace <id>.");
  const workspaceId = parseWorkspaceId(commandLine.workspace);
  const limit = commandLine.limit ?? 5;
  const viewer = await viewerOf(services, commandLine, output);
  const dependencies = {
    store: services.store(),
    embedder: services.embedder() as Embedder | null,
    logger: services.logger,
  };

  if (commandLine.batch !== undefined) {
    if (commandLine.positionals.length > 0) throw new UsageError("search --batch takes no query argument.");
    await refuseEmptyWorkspace(services, workspaceId);
    let lineNumber = 0;
    let failures = 0;
    const lines = createInterface({
      input: createReadStream(commandLine.batch),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    try {
      for await (const line of lines) {
        lineNumber += 1;
        if (line.trim() === "") continue;
        const parsed = batchLine.safeParse(safeJson(line));
        if (!parsed.success) {
          failures += 1;
          output.note(`line ${lineNumber}: expected {"id","query"}; skipped`);
          continue;
        }
        const outcome = await searchKnowledge(dependencies, workspaceId, parsed.data.query, {
          limit: limit * passagesPerResult,
          viewer,
        });
        // One failed embedding means the embedder is down: stop paying the timeout per query.
        if (!outcome.dense) dependencies.embedder = null;
        output.out(
          JSON.stringify({
            id: parsed.data.id,
            results: toResults(parsed.data.query, outcome.results, limit),
          }),
        );
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        throw new AppError(ErrorCode.InvalidInput, `Batch file not found: ${commandLine.batch}`);
      }
      throw error;
    }
    return failures > 0 ? 1 : 0;
  }

  const query = commandLine.positionals.join(" ").trim();
  if (query === "") throw new UsageError("search needs a query (or --batch <file.jsonl>).");
  await refuseEmptyWorkspace(services, workspaceId);
  const outcome = await searchKnowledge(dependencies, workspaceId, query, {
    limit: limit * passagesPerResult,
    viewer,
  });
  const results = toResults(query, outcome.results, limit);
  if (commandLine.json) {
    printJson(output, { results });
    return 0;
  }
  if (results.length === 0) output.out(`No results in workspace "${workspaceId}".`);
  results.forEach((result, index) => {
    const more =
      result.morePassages === 0
        ? ""
        : `\n   +${result.morePassages} more passage${result.morePassages === 1 ? "" : "s"}`;
    output.out(
      `${index + 1}. ${result.title} — ${result.url}  (relevance ${result.score.toFixed(2)})\n   ${excerpt(result.text)}${more}`,
    );
  });
  if (!outcome.dense) output.note("(keyword search only: the embedder is unavailable)");
  return 0;
}

/** The passage's body (its title/heading prefix is already on the line above), cut at a word. */
function excerpt(text: string): string {
  const split = text.indexOf("\n\n");
  const body = (split === -1 ? text : text.slice(split + 2)).replace(/\s+/g, " ").trim();
  const { text: protectedBody, links } = protectLinks(body);
  return restoreLinks(truncateProtected(protectedBody, 240), links);
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
