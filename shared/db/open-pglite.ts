import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { AppError, ErrorCode, errorMessage } from "../errors/app-error.ts";
import type { Database } from "./database.ts";
import { acquireDirectoryLock } from "./directory-lock.ts";
import { makePrivate, preparePrivateDirectory } from "./private-directory.ts";
import * as tables from "./schema.ts";
import { withMigrationConfig } from "./with-migration-config.ts";

export interface OpenPgliteOptions {
  dataDir: string;
  /** Tests only: tables live in this Postgres schema instead of `public`. */
  schema?: string | undefined;
}

/** Embedded PostgreSQL (WASM) stored at `<dataDir>/pglite`, migrated before it is returned. */
export async function openPglite(options: OpenPgliteOptions): Promise<Database> {
  // Questions (in the WAL) and the documents ledger: readable by this user only.
  await preparePrivateDirectory(options.dataDir);
  const directory = join(options.dataDir, "pglite");
  const lock = await acquireDirectoryLock(`${directory}.lock`, `The embedded database at ${directory}`);
  let client: PGlite | undefined;
  try {
    client = await openClient(directory);
    if (options.schema !== undefined) {
      await client.exec(
        `create schema if not exists "${options.schema}"; set search_path to "${options.schema}"`,
      );
    }
    const db = drizzle({ client, schema: tables });
    await withMigrationConfig(options.schema, (config) => migrate(db, config));
    const opened = client;
    let closing: Promise<void> | undefined;
    return {
      db,
      kind: "pglite",
      close: () => {
        // PGlite created its files 0666 meanwhile (see preparePrivateDirectory): private again.
        closing ??= opened
          .close()
          .then(() => makePrivate(directory))
          .finally(() => lock.release());
        return closing;
      },
    };
  } catch (error) {
    await client?.close().catch(() => {});
    await lock.release();
    throw error;
  }
}

/**
 * PostgreSQL's default shared_buffers (128 MB) is touched as PGlite starts, so it sat in the
 * process's RSS for good (~110 MB of `sabio start`'s idle 570 MB). 16 MB holds a team's hot index
 * pages; the rest is read from the OS page cache. PGlite's WASM memory cannot start below 128 MB
 * (`initialMemory` is the module's floor), but its untouched pages cost nothing.
 */
const startParams = [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"];

async function openClient(directory: string): Promise<PGlite> {
  try {
    return await PGlite.create(directory, { startParams });
  } catch (error) {
    throw new AppError(
      ErrorCode.Unavailable,
      `Cannot open the embedded database at ${directory}: ${errorMessage(error)}`,
      {
        cause: error,
        retryable: false,
        hint: "Check that the directory is writable and was created by a compatible PGlite version.",
      },
    );
  }
}
