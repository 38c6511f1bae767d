import type { Db } from "#shared/db/database.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Logger } from "#shared/log/logger.ts";
import { currentModel } from "./model-pointer.ts";

/** The workspace's promoted chat model, or null for the default (CHAT_MODEL). */
export type PromotedModelLookup = (workspaceId: string) => Promise<string | null>;

/**
 * Reads the model pointer per question, so a promotion or rollback applies to the next question
 * without a restart. A pointer that can't be read must not stop the answer: it is logged and the
 * default model answers.
 */
export function promotedModelLookup(db: () => Promise<Db>, logger: Logger): PromotedModelLookup {
  return async (workspaceId) => {
    try {
      return await currentModel(await db(), workspaceId);
    } catch (error) {
      logger.warn(
        { err: errorMessage(error), workspaceId },
        "could not read the workspace's promoted model; answering with CHAT_MODEL",
      );
      return null;
    }
  };
}
