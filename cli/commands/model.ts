import { listWorkspaceIds } from "#shared/db/workspace-repository.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { promoteModel, rollbackModel } from "#shared/models/model-pointer.ts";
import { type WorkspaceModels, workspaceModels } from "#shared/models/workspace-models.ts";
import { parseWorkspaceId } from "#shared/workspace/workspace-id.ts";
import { type Output, printJson } from "../output.ts";
import type { CommandLine } from "../parse-command-line.ts";
import type { Services } from "../services.ts";
import { UsageError } from "../usage-error.ts";
import { closestName } from "./closest-name.ts";

const subcommands = ["list", "promote", "rollback"] as const;

/**
 * `sabio model --workspace W list|promote NAME|rollback [--json]`: the workspace's fine-tuned
 * candidates and its chat model pointer. A promotion or rollback applies to the next question
 * (the answer worker reads the pointer per question); CHAT_MODEL is the default and stays the fallback.
 */
export async function modelCommand(
  services: Services,
  commandLine: CommandLine,
  output: Output,
): Promise<number> {
  const [subcommand, ...rest] = commandLine.positionals;
  if (!subcommand || !(subcommands as readonly string[]).includes(subcommand)) {
    throw new UsageError(
      subcommand
        ? `Unknown model subcommand "${subcommand}": use list, promote <name> or rollback.`
        : "model needs a subcommand: list, promote <name> or rollback.",
    );
  }
  if (!commandLine.workspace) throw new UsageError(`model ${subcommand} needs --workspace <id>.`);
  const expected = subcommand === "promote" ? 1 : 0;
  if (rest.length !== expected) {
    throw new UsageError(
      subcommand === "promote"
        ? "model promote needs exactly one model name (see `sabio model list`)."
        : `model ${subcommand} takes no arguments besides its options.`,
    );
  }
  const workspaceId = parseWorkspaceId(commandLine.workspace);
  const { db } = await services.database();
  const chatModel = services.env.CHAT_MODEL;
  const models = await workspaceModels(db, workspaceId);
  if (models.models.length === 0 && models.promoted === null)
    await refuseUnknownWorkspace(services, workspaceId);

  if (subcommand === "list") {
    printList(output, commandLine.json, workspaceId, models, chatModel);
    return 0;
  }
  if (subcommand === "rollback") {
    if (models.promoted === null) {
      const message = `Workspace "${workspaceId}" is already on the default model (${chatModel}); nothing to roll back.`;
      if (commandLine.json)
        printJson(output, { changed: false, from: chatModel, to: chatModel, default: chatModel });
      else output.out(message);
      return 0;
    }
    const { from, to } = await rollbackModel(db, workspaceId);
    const restored = to ?? chatModel;
    if (commandLine.json)
      printJson(output, { changed: true, from: from ?? chatModel, to: restored, default: chatModel });
    else
      output.out(
        `Rolled back workspace "${workspaceId}" from ${from ?? chatModel} to ${restored}${to === null ? " (the default, CHAT_MODEL)" : ""}.`,
      );
    return 0;
  }

  const name = rest[0] ?? "";
  const model = models.models.find((candidate) => candidate.name === name);
  if (!model) throw unknownModel(workspaceId, name, models);
  if (model.status === "failed" || model.status === "running") {
    throw new AppError(
      ErrorCode.InvalidInput,
      `${name} can't be promoted: its training run ${model.runId} ${model.status === "failed" ? `failed${model.reason ? ` (${model.reason})` : ""}` : "is still running"}.`,
      { hint: `see \`sabio model --workspace ${workspaceId} list\`` },
    );
  }
  if (model.status === "current") {
    if (commandLine.json) printJson(output, { changed: false, from: name, to: name, default: chatModel });
    else output.out(`${name} is already the current model of workspace "${workspaceId}".`);
    return 0;
  }
  const { previous } = await promoteModel(db, workspaceId, name);
  if (commandLine.json)
    printJson(output, { changed: true, from: previous ?? chatModel, to: name, default: chatModel });
  else
    output.out(
      `Promoted ${name} in workspace "${workspaceId}" (was ${previous ?? `${chatModel}, the default`}); \`sabio model --workspace ${workspaceId} rollback\` undoes it.`,
    );
  return 0;
}

function printList(
  output: Output,
  json: boolean,
  workspaceId: string,
  { promoted, models }: WorkspaceModels,
  chatModel: string,
): void {
  if (json) {
    printJson(output, {
      current: promoted ?? chatModel,
      default: chatModel,
      promoted,
      models: models.map((model) => ({
        name: model.name,
        status: model.status,
        createdAt: model.createdAt.toISOString(),
        scores: model.scores,
        runId: model.runId,
        reason: model.reason,
      })),
    });
    return;
  }
  output.out(
    promoted
      ? `Workspace "${workspaceId}" answers with ${promoted} (fallback: ${chatModel}, the default).`
      : `Workspace "${workspaceId}" answers with the default model, ${chatModel}.`,
  );
  if (models.length === 0) {
    output.out(`No fine-tuned models yet: \`sabio train --workspace ${workspaceId}\` makes one.`);
    return;
  }
  for (const model of models) {
    const scores = scoreText(model.scores);
    output.out(
      `  ${model.name}  ${model.status}  ${model.createdAt.toISOString()}${scores ? `  ${scores}` : ""}${model.reason ? `  — ${model.reason}` : ""}`,
    );
  }
}

/** "candidate 0.71 vs current 0.64" when the run kept both overall scores as numbers. */
function scoreText(scores: Record<string, unknown> | null): string {
  const overall = (value: unknown): number | undefined => {
    if (typeof value === "number") return value;
    const total = (value as { overall?: unknown } | null)?.overall;
    return typeof total === "number" ? total : undefined;
  };
  const candidate = overall(scores?.candidate);
  const current = overall(scores?.current);
  if (candidate === undefined || current === undefined) return "";
  return `candidate ${candidate.toFixed(2)} vs current ${current.toFixed(2)}`;
}

function unknownModel(workspaceId: string, name: string, { models }: WorkspaceModels): AppError {
  const known = models.filter((model) => model.status !== "failed" && model.status !== "running");
  const closest = closestName(
    name,
    known.map((model) => model.name),
  );
  return new AppError(
    ErrorCode.InvalidInput,
    `No model "${name}" among workspace "${workspaceId}"'s training runs${closest ? ` — did you mean ${closest}?` : "."}`,
    {
      hint:
        known.length > 0
          ? `models that can be promoted: ${known
              .slice(0, 10)
              .map((model) => model.name)
              .join(", ")}`
          : `none yet: \`sabio train --workspace ${workspaceId}\` makes one`,
    },
  );
}

/** A workspace with no runs, no pointer and no row is most likely a typo: say so, with the closest. */
async function refuseUnknownWorkspace(services: Services, workspaceId: string): Promise<void> {
  const known = await listWorkspaceIds((await services.database()).db);
  if (known.includes(workspaceId)) return;
  const closest = closestName(workspaceId, known);
  throw new AppError(
    ErrorCode.InvalidWorkspace,
    `No workspace "${workspaceId}"${closest ? ` — did you mean ${closest}?` : "."}`,
    {
      hint:
        known.length > 0
          ? `workspaces: ${known.slice(0, 10).join(", ")}`
          : "ingest or connect a source first (see `sabio --help`)",
    },
  );
}
