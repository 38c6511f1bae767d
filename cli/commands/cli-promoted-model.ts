import { existsSync } from "node:fs";
import { join } from "node:path";
import { type PromotedModelLookup, promotedModelLookup } from "#shared/models/promoted-model-lookup.ts";
import { findRunningStart } from "../running-start/running-start-file.ts";
import type { Services } from "../services.ts";

/**
 * The promoted-model look-up for `ask`, or none (CHAT_MODEL answers) where reading it would cost
 * more than it tells: an embedded database that doesn't exist yet has promoted nothing, and one a
 * running `sabio start` holds can't be opened by a second process.
 */
export async function cliPromotedModel(services: Services): Promise<PromotedModelLookup | undefined> {
  const { env, logger } = services;
  if (!env.DATABASE_URL) {
    if (!existsSync(join(env.DATA_DIR, "pglite"))) return undefined;
    if (await findRunningStart(env.DATA_DIR)) {
      logger.info("a running sabio start holds the embedded database; ask answers with CHAT_MODEL");
      return undefined;
    }
  }
  return promotedModelLookup(async () => (await services.database()).db, logger);
}
