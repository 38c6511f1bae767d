import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema.ts";

/** The query builder both drivers share: repositories take this, never a driver-specific type. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open, migrated database and how to let go of it. */
export interface Database {
  db: Db;
  kind: "postgres" | "pglite";
  /** Ends the pool or shuts PGlite down; safe to call more than once. */
  close(): Promise<void>;
}
