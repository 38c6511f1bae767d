import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  dropSchema,
  randomSchemaName,
  type TestDatabaseLocation,
  testDatabaseBackends,
  testDatabaseUrl,
} from "#test/helpers/test-database-backends.ts";
import { AppError, ErrorCode } from "../errors/app-error.ts";
import type { Database } from "./database.ts";
import { countDocuments, upsertDocument } from "./document-repository.ts";
import { openDatabase } from "./open-database.ts";
import type { NewDocumentRow } from "./schema.ts";

const document: NewDocumentRow = {
  id: "doc-1",
  workspaceId: "acme",
  source: "files",
  externalId: "handbook.md",
  title: "Handbook",
  url: "handbook.md",
  updatedAt: new Date("2026-01-02T03:04:05.000Z"),
  contentHash: "hash-1",
  chunkCount: 3,
};

describe.each(testDatabaseBackends)("openDatabase on $kind", (backend) => {
  const locations: TestDatabaseLocation[] = [];
  const opened: Database[] = [];
  const open = async (location: TestDatabaseLocation) => {
    const database = await location.open();
    opened.push(database);
    return database;
  };

  afterAll(async () => {
    for (const database of opened) await database.close();
    for (const location of locations) await location.destroy();
  });

  it("migrates a new database, and reopening it applies nothing twice and keeps the data", async () => {
    const location = await backend.createLocation();
    locations.push(location);
    const first = await open(location);
    expect(first.kind).toBe(backend.kind);
    await upsertDocument(first.db, document);
    await first.close();

    const second = await open(location);
    expect(await countDocuments(second.db, "acme")).toBe(1);
    await second.close();
    // Closing twice is harmless.
    await second.close();
  });
});

describe("openDatabase on postgres", () => {
  const schemas: string[] = [];
  const dataDir = join(tmpdir(), "sabio-unused");

  afterAll(async () => {
    for (const schema of schemas) await dropSchema(schema);
  });

  it("lets two processes migrate the same new database at once", async () => {
    const schema = randomSchemaName();
    schemas.push(schema);
    const both = await Promise.all([
      openDatabase({ databaseUrl: testDatabaseUrl, dataDir, schema }),
      openDatabase({ databaseUrl: testDatabaseUrl, dataDir, schema }),
    ]);
    const [first, second] = both;
    await upsertDocument(first.db, document);
    expect(await countDocuments(second.db, "acme")).toBe(1);
    await Promise.all(both.map((database) => database.close()));
  });

  it("reports an unreachable server as retryable, naming the host but not the password", async () => {
    const databaseUrl = "postgres://sabio:hunter2-secret@127.0.0.1:1/sabio";
    const error = await openDatabase({ databaseUrl, dataDir }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe(ErrorCode.Unavailable);
    expect(appError.retryable).toBe(true);
    expect(appError.message).toContain("127.0.0.1:1");
    expect(appError.hint).toContain("127.0.0.1:1");
    expect(`${appError.message} ${appError.hint}`).not.toContain("hunter2-secret");
  });

  it("reports a database that does not exist as a configuration error", async () => {
    const url = new URL(testDatabaseUrl);
    url.pathname = "/sabio_no_such_database";
    const error = await openDatabase({ databaseUrl: url.toString(), dataDir }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: ErrorCode.InvalidConfig, retryable: false });
  });

  it("refuses a schema name that is not a plain identifier", async () => {
    const error = await openDatabase({
      databaseUrl: testDatabaseUrl,
      dataDir,
      schema: 'x"; drop table y; --',
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: ErrorCode.InvalidInput });
  });
});

describe("openDatabase on pglite", () => {
  let dataDir: string | undefined;

  afterEach(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("keeps a second opener out of a directory in use, and lets it in once closed", async () => {
    dataDir = await mkdtemp(join(tmpdir(), "sabio-db-test-"));
    const first = await openDatabase({ dataDir });
    const error = await openDatabase({ dataDir }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: ErrorCode.Unavailable, retryable: false });
    await first.close();

    const second = await openDatabase({ dataDir });
    expect(await countDocuments(second.db, "acme")).toBe(0);
    await second.close();
  });
});
