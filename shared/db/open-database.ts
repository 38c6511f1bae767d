import { AppError, ErrorCode } from "../errors/app-error.ts";
import type { Logger } from "../log/logger.ts";
import type { Database } from "./database.ts";
import { openPglite } from "./open-pglite.ts";
import { openPostgres } from "./open-postgres.ts";

export type { Database, Db } from "./database.ts";

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; without it, embedded PGlite under `dataDir` (one process at a time). */
  databaseUrl?: string | undefined;
  /** Directory for embedded state; PGlite lives in `<dataDir>/pglite`. */
  dataDir: string;
  /**
   * Tests only: put every table, and drizzle's migration bookkeeping, in this Postgres schema so a
   * test run can use a random one on a shared database and drop it afterwards.
   */
  schema?: string | undefined;
  /** Receives errors of idle pooled PostgreSQL connections. */
  logger?: Logger | undefined;
}

// Interpolated into SQL and a connection parameter, so only plain identifiers.
const schemaNamePattern = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens PostgreSQL (with a URL) or PGlite (without) and applies pending migrations before returning. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.schema !== undefined && !schemaNamePattern.test(options.schema)) {
    throw new AppError(ErrorCode.InvalidInput, `Invalid schema name "${options.schema}"`, {
      hint: "Use lower-case letters, digits and underscores.",
    });
  }
  if (options.databaseUrl) {
    return openPostgres({ databaseUrl: options.databaseUrl, schema: options.schema, logger: options.logger });
  }
  return openPglite({ dataDir: options.dataDir, schema: options.schema });
}
