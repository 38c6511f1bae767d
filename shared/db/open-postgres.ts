import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import type { Logger } from "../log/logger.ts";
import type { Database } from "./database.ts";
import { postgresConnectionError } from "./postgres-connection-error.ts";
import * as tables from "./schema.ts";
import { withMigrationConfig } from "./with-migration-config.ts";

/** Arbitrary but fixed: every Sabio process takes this advisory lock while it migrates. */
const migrationLockKey = 7_245_318_190;

export interface OpenPostgresOptions {
  databaseUrl: string;
  /** Tests only: tables (and drizzle's bookkeeping) live in this schema instead of `public`. */
  schema?: string | undefined;
  /** Where errors of idle pooled connections are reported; they are dropped without one. */
  logger?: Logger | undefined;
  connectionTimeoutMs?: number | undefined;
}

/** A pg pool, migrated before it is returned; several processes may start at once. */
export async function openPostgres(options: OpenPostgresOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
    // A startup parameter, so every pooled connection gets it before its first query.
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  // Without a listener, a server restart killing an idle connection would crash the process.
  pool.on("error", (error) => options.logger?.warn({ err: error }, "idle PostgreSQL connection failed"));
  try {
    await migrateLocked(pool, options);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    db: drizzle({ client: pool, schema: tables }),
    kind: "postgres",
    close: () => {
      closing ??= pool.end();
      return closing;
    },
  };
}

/**
 * Runs drizzle's migrator on one connection that holds a session advisory lock, so two processes
 * starting together apply each migration once instead of racing on `create schema` / `create table`.
 */
async function migrateLocked(pool: pg.Pool, options: OpenPostgresOptions): Promise<void> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw postgresConnectionError(options.databaseUrl, error);
  }
  let broken = false;
  try {
    await client.query("select pg_advisory_lock($1)", [migrationLockKey]);
    try {
      if (options.schema !== undefined) await client.query(`create schema if not exists "${options.schema}"`);
      const db = drizzle({ client, schema: tables });
      await withMigrationConfig(options.schema, (config) => migrate(db, config));
    } finally {
      // Ending the session releases the lock too, so a failed unlock only means a dead connection.
      await client.query("select pg_advisory_unlock($1)", [migrationLockKey]).catch(() => {
        broken = true;
      });
    }
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    client.release(broken);
  }
}
