import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import type { Database, Db } from "#shared/db/database.ts";
import { openDatabase } from "#shared/db/open-database.ts";

/** The shared test server; each test file works in its own random schema on it. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** One fresh, empty place to keep state: a random schema, or a temporary PGlite directory. */
export interface TestDatabaseLocation {
  kind: Database["kind"];
  /** Opens (and migrates) the database at this location; call again to reopen the same one. */
  open(): Promise<Database>;
  /** Drops the schema or deletes the directory; close what `open` returned first. */
  destroy(): Promise<void>;
}

export interface TestDatabaseBackend {
  kind: Database["kind"];
  createLocation(): Promise<TestDatabaseLocation>;
}

/** Both storage backends, for `describe.each`: every storage test runs against each. */
export const testDatabaseBackends: TestDatabaseBackend[] = [
  {
    kind: "postgres",
    createLocation: async () => {
      const schema = randomSchemaName();
      const dataDir = await mkdtemp(join(tmpdir(), "sabio-db-test-"));
      return {
        kind: "postgres",
        open: () => openDatabase({ databaseUrl: testDatabaseUrl, dataDir, schema }),
        destroy: async () => {
          await dropSchema(schema);
          await rm(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    kind: "pglite",
    createLocation: async () => {
      const dataDir = await mkdtemp(join(tmpdir(), "sabio-db-test-"));
      return {
        kind: "pglite",
        open: () => openDatabase({ dataDir }),
        destroy: () => rm(dataDir, { recursive: true, force: true }),
      };
    },
  },
];

export function randomSchemaName(): string {
  return `test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

/**
 * Opens a fresh database on `backend` before the enclosing suite and removes it after; returns a
 * getter for the suite's tests. Tests share it, so each one uses its own workspace ids.
 */
export function useTestDatabase(backend: TestDatabaseBackend): () => Db {
  const database = useOpenTestDatabase(backend);
  return () => database().db;
}

/** As `useTestDatabase`, for code that takes the opened `Database` rather than its `db`. */
export function useOpenTestDatabase(backend: TestDatabaseBackend): () => Database {
  let location: TestDatabaseLocation | undefined;
  let database: Database | undefined;
  beforeAll(async () => {
    location = await backend.createLocation();
    database = await location.open();
  });
  afterAll(async () => {
    await database?.close();
    await location?.destroy();
  });
  return () => {
    if (!database) throw new Error("the test database is not open yet");
    return database;
  };
}
