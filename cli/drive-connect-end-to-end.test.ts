import type { ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDriveCredentials } from "#connectors/drive/drive-credentials.ts";
import { createSecretBox } from "#shared/crypto/secret-box.ts";
import { openDatabase } from "#shared/db/open-database.ts";
import { getSourceConnection } from "#shared/db/source-connection-repository.ts";
import { removeQueues } from "#shared/queue/remove-queues.ts";
import { freePort } from "#test/helpers/free-port.ts";
import { waitForOutput, waitForStart } from "#test/helpers/process-output.ts";
import { testRedisUrl } from "#test/helpers/queue-test-kit.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { spawnSabio } from "#test/helpers/spawn-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type DriveStandIn, startDriveStandIn } from "#test/stand-ins/drive/drive-server.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";

const encryptionKey = randomBytes(32).toString("base64");
const connectionId = "drive-admin@example.com@acme";

interface SourceJson {
  id: string;
  kind: string;
  state: string;
  documentCount: number;
  lastError: string | null;
}

/**
 * Connecting Drive as an admin does, with real processes: `sabio connect drive --json` prints the
 * link, the stand-in's consent sends the browser to a `sabio start web sync` child's callback, the
 * connection is stored sealed and its first sync runs in that child; later the grant is revoked and
 * the next sync marks the connection needs re-auth without deleting anything.
 */
describe("connecting Google Drive through OAuth, end to end", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let ollama: OllamaStandIn;
  let drive: DriveStandIn;
  let env: Record<string, string>;
  let child: ChildProcess | undefined;
  let childOutput = "";
  let base: string;
  const prefix = `sabio-test-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    temp = await makeTempDir();
    ollama = await startOllamaStandIn();
    drive = await startDriveStandIn();
    drive.addDoc({
      name: "Travel policy",
      markdown: "# Travel policy\n\nTrain journeys under six hours are booked in second class.\n",
      permissions: [{ type: "domain", role: "reader", domain: "example.com" }],
    });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      DATA_DIR: join(temp.path, "data"),
      OLLAMA_HOST: ollama.host,
      REDIS_URL: testRedisUrl,
      QUEUE_PREFIX: prefix,
      GOOGLE_CLIENT_ID: drive.client.clientId,
      GOOGLE_CLIENT_SECRET: drive.client.clientSecret,
      GOOGLE_OAUTH_URL: drive.authUrl,
      GOOGLE_TOKEN_URL: drive.tokenUrl,
      GOOGLE_API_URL: drive.rootUrl,
      ENCRYPTION_KEY: encryptionKey,
      WEB_PORT: String(port),
      PUBLIC_URL: base,
    };
  });

  afterAll(async () => {
    child?.kill("SIGKILL");
    const redis = new Redis(testRedisUrl);
    await removeQueues(redis, prefix);
    redis.disconnect();
    await drive?.close();
    await ollama?.stop();
    await temp?.remove();
  });

  const sabio = (argv: string[]) => runSabio(argv, env);

  /** The link `sabio connect drive --json` prints, through the stand-in's consent: where Google sends the browser. */
  async function consent(change: (url: URL) => void = () => {}): Promise<URL> {
    const printed = await sabio(["connect", "drive", "--workspace", "acme", "--json"]);
    expect(printed.code).toBe(0);
    const url = new URL((JSON.parse(printed.stdout) as { url: string }).url);
    change(url);
    const response = await fetch(url, { redirect: "manual" });
    expect(response.status).toBe(302);
    return new URL(response.headers.get("location") ?? "");
  }

  const driveSources = async () => {
    const result = await sabio(["sources", "--workspace", "acme", "--json"]);
    expect(result.code).toBe(0);
    return (JSON.parse(result.stdout).sources as SourceJson[]).filter((source) => source.kind === "drive");
  };

  const hits = async (query: string) =>
    (
      JSON.parse((await sabio(["search", query, "--workspace", "acme", "--json"])).stdout).results as {
        title: string;
        text: string;
      }[]
    ).filter((hit) => hit.text.includes("second class"));

  it("the link, Google's consent and the web role's callback connect Drive, and the first sync runs", async () => {
    child = spawnSabio(
      ["start", "web", "sync"],
      { dataDir: env.DATA_DIR ?? "", ollamaHost: ollama.host, prefix },
      { ...env, LOG_LEVEL: "debug" },
    );
    child.stdout?.on("data", (data: Buffer) => {
      childOutput += data.toString();
    });
    child.stderr?.on("data", (data: Buffer) => {
      childOutput += data.toString();
    });
    await waitForStart(child);

    const back = await consent();
    expect(`${back.origin}${back.pathname}`).toBe(`${base}/oauth/google/callback`);
    const synced = waitForOutput(child, /source synced/, 60_000);
    const page = await fetch(back);

    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<strong>Google Drive (admin@example.com)</strong> is now connected");
    await synced;

    // The same callback again (a reload, a replayed URL): refused before Google is asked.
    const exchanges = drive.tokenGrants.length;
    const replay = await fetch(back);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain("This link was already used");
    expect(drive.tokenGrants).toHaveLength(exchanges);
  }, 180_000); // a process start (up to 90 s) and a first sync (up to 60 s) on a loaded machine

  it("a consent that brings no refresh token shows what to do and connects nothing more", async () => {
    const back = await consent((url) => url.searchParams.delete("access_type"));

    const page = await fetch(back);

    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain("Google did not give Sabio lasting (offline) access");
    expect(html).toContain("remove Sabio&#39;s access from your Google account");
  });

  it("the connection is stored sealed, its tokens never logged, and its documents answer", async () => {
    const exited = new Promise<number | null>((resolve) => child?.on("exit", (code) => resolve(code)));
    child?.kill("SIGTERM");
    expect(await exited).toBe(0);
    child = undefined;

    const database = await openDatabase({ dataDir: env.DATA_DIR ?? "" });
    let tokens: { access_token: string; refresh_token: string };
    let sealed: string;
    try {
      const row = await getSourceConnection(database.db, connectionId);
      expect(row).toMatchObject({ kind: "drive", source: "drive:admin@example.com", connectedBy: "cli" });
      sealed = row?.credentials ?? "";
      tokens = openDriveCredentials(createSecretBox(encryptionKey), connectionId, sealed);
    } finally {
      await database.close();
    }
    for (const secret of [tokens.access_token, tokens.refresh_token]) {
      expect(sealed).not.toContain(secret);
      expect(childOutput).not.toContain(secret);
    }
    expect(childOutput).toContain("Google account connected");

    expect(await driveSources()).toEqual([
      expect.objectContaining({ id: connectionId, state: "ok", documentCount: 1, lastError: null }),
    ]);
    expect((await hits("which class for train journeys"))[0]?.title).toBe("Travel policy");
  }, 60_000); // three CLI processes

  it("after the grant is revoked, the next sync marks the connection needs re-auth and deletes nothing", async () => {
    drive.revokeGrants();

    const failed = await sabio(["sync", "--workspace", "acme", "--source", connectionId, "--json"]);

    expect(failed.code).not.toBe(0);
    const [connection] = await driveSources();
    expect(connection).toMatchObject({ state: "needs re-auth", documentCount: 1 });
    const text = (await sabio(["sources", "--workspace", "acme"])).stdout;
    expect(text).toContain("state: needs re-auth");
    expect(text).toContain(
      "to fix: reconnect Google Drive with `sabio connect drive --workspace acme` or `/sabio connect drive`",
    );
    expect((await hits("which class for train journeys"))[0]?.title).toBe("Travel policy");
  }, 60_000); // three CLI processes
});
