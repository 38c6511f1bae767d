import { join } from "node:path";
import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncSource } from "#connectors/sources/sync-source.ts";
import type { Database } from "#shared/db/database.ts";
import {
  getSourceConnection,
  type OAuthConnection,
  saveOAuthConnection,
} from "#shared/db/source-connection-repository.ts";
import { ensureWorkspace } from "#shared/db/workspace-repository.ts";
import { createLanceDbStore } from "#shared/knowledge/store/lancedb-store.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import { createLogger } from "#shared/log/logger.ts";
import { notionConnectors } from "#test/helpers/notion-connectors.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { alertPeople as people, useSlackAlertWorkspace } from "#test/helpers/slack-alert-workspace.ts";
import { acmeNotionConnection, sourceConnectionRow } from "#test/helpers/source-connection-row.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type TestDatabaseLocation, testDatabaseBackends } from "#test/helpers/test-database-backends.ts";
import { type NotionStandIn, startNotionStandIn } from "#test/stand-ins/notion-server.ts";
import { type SlackStandIn, startSlackStandIn } from "#test/stand-ins/slack-server.ts";
import { createSlackSourceAlerts } from "./slack-source-alerts.ts";

/** A Notion workspace someone connected from Slack, as the OAuth callback saves it (sans tokens). */
const acmeNotion = {
  ...acmeNotionConnection,
  connectedBy: `slack:${people.connector}`,
} satisfies Omit<OAuthConnection, "credentials">;

const reauthMessage =
  "Notion no longer accepts this connection's token, so the sync stopped; nothing was deleted.";

/** Log lines written at warn and above, parsed. */
function recordingLogger() {
  const lines: { msg: string; level: number }[] = [];
  const logger = createLogger({
    level: "info",
    destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
  });
  return { logger, warnings: () => lines.filter((line) => line.level >= 40).map((line) => line.msg) };
}

describe("Slack alerts when a source connection needs re-auth (Slack stand-in)", () => {
  const workspace = useSlackAlertWorkspace();
  const { botMessagesTo } = workspace;

  it("DMs whoever connected it from Slack: what stopped, that nothing indexed is lost, how to fix it", async () => {
    const alerts = createSlackSourceAlerts({
      clientFor: async () => workspace.client,
      logger: silentLogger(),
    });
    await alerts.needsReauth(sourceConnectionRow({ connectedBy: acmeNotion.connectedBy }), reauthMessage);

    const [dm, ...more] = botMessagesTo(people.connector);
    expect(more).toEqual([]);
    expect(dm?.text).toBe("Acme Notion needs to be reconnected: Sabio can no longer sync it.");
    const shown = JSON.stringify(dm?.blocks);
    expect(shown).toContain("Notion no longer accepts this connection's token");
    expect(shown).toContain("Everything already indexed stays");
    expect(shown).toContain("`/sabio connect notion`");
    expect(workspace.slack.callsTo("users.list")).toEqual([]);
    for (const person of [people.admin, people.owner, people.member])
      expect(botMessagesTo(person)).toEqual([]);
  });

  it("tells each connection once a day at most, however often the schedule retries it", async () => {
    let now = Date.parse("2026-03-02T09:00:00Z");
    const row = sourceConnectionRow({ id: "notion:once-a-day", connectedBy: `slack:${people.admin}` });
    const alerts = createSlackSourceAlerts({
      clientFor: async () => workspace.client,
      logger: silentLogger(),
      now: () => now,
    });
    const before = botMessagesTo(people.admin).length;

    await alerts.needsReauth(row, reauthMessage);
    now += 15 * 60 * 1000;
    await alerts.needsReauth(row, reauthMessage);
    expect(botMessagesTo(people.admin).length).toBe(before + 1);

    now += 24 * 60 * 60 * 1000;
    await alerts.needsReauth(row, reauthMessage);
    expect(botMessagesTo(people.admin).length).toBe(before + 2);
  });

  it("tells the workspace's admins and owners when nobody connected it from Slack (NOTION_TOKEN)", async () => {
    const alerts = createSlackSourceAlerts({
      clientFor: async () => workspace.client,
      logger: silentLogger(),
    });
    const row = sourceConnectionRow({
      id: "notion-internal@acme",
      label: "Notion (internal integration)",
      connectedBy: null,
      credentials: null,
    });
    await alerts.needsReauth(row, reauthMessage);

    for (const admin of [people.admin, people.owner]) {
      const dm = botMessagesTo(admin).at(-1);
      expect(dm?.text).toContain("Notion (internal integration) needs to be reconnected");
      expect(JSON.stringify(dm?.blocks)).toContain("`NOTION_TOKEN`");
    }
    expect(botMessagesTo(people.member)).toEqual([]);
  });

  it("never throws: a refused DM, a failed users.list, a missing or broken installation are logged", async () => {
    const { logger, warnings } = recordingLogger();
    workspace.slack.failNext("chat.postMessage", { error: "user_not_found" });
    workspace.slack.failNext("users.list", { error: "missing_scope" });
    const row = sourceConnectionRow({ id: "notion:unlucky", connectedBy: acmeNotion.connectedBy });
    await expect(
      createSlackSourceAlerts({ clientFor: async () => workspace.client, logger }).needsReauth(
        row,
        reauthMessage,
      ),
    ).resolves.toBeUndefined();
    await expect(
      createSlackSourceAlerts({ clientFor: async () => undefined, logger }).needsReauth(row, reauthMessage),
    ).resolves.toBeUndefined();
    await expect(
      createSlackSourceAlerts({
        clientFor: async () => {
          throw new Error("Sabio is not installed in Slack acme (any more).");
        },
        logger,
      }).needsReauth(row, reauthMessage),
    ).resolves.toBeUndefined();

    expect(warnings()).toEqual([
      "could not DM an admin that a source needs re-auth",
      "could not alert Slack admins that a source needs re-auth",
      "could not alert Slack admins that a source needs re-auth",
    ]);
  });
});

describe("a revoked Notion token, through syncSource, reaches the admin in Slack", () => {
  const postgres = testDatabaseBackends.find((backend) => backend.kind === "postgres");
  let location: TestDatabaseLocation;
  let database: Database;
  let store: VectorStore;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let notion: NotionStandIn;
  let slack: SlackStandIn;

  beforeAll(async () => {
    if (!postgres) throw new Error("no PostgreSQL test backend");
    location = await postgres.createLocation();
    database = await location.open();
    temp = await makeTempDir();
    store = createLanceDbStore({ directory: join(temp.path, "lancedb"), dimensions: 256 });
    notion = await startNotionStandIn();
    notion.addPage({
      title: "Handbook",
      parent: { workspace: true },
      blocks: [{ type: "paragraph", text: "Hi." }],
    });
    slack = await startSlackStandIn({ teamId: "T0ACME", users: { [people.connector]: { name: "cora" } } });
  });
  afterAll(async () => {
    await store?.close();
    await database?.close();
    await location?.destroy();
    await notion?.close();
    await slack?.close();
    await temp?.remove();
  });

  it("marks the connection needs re-auth and DMs the person who connected it, once", async () => {
    await ensureWorkspace(database.db, "acme");
    const connection = await saveOAuthConnection(database.db, {
      ...acmeNotion,
      credentials: "sealed-by-the-oauth-flow",
    });
    const client = new WebClient("xoxb-test-token", { slackApiUrl: slack.apiUrl });
    const dependencies = {
      database,
      store,
      embedder: null,
      logger: silentLogger(),
      // The OAuth layer's job, played here: it would unseal `credentials`; Notion refuses the token.
      connectors: notionConnectors({ apiUrl: notion.url, accessTokenFor: async () => notion.token }),
      alerts: createSlackSourceAlerts({
        clientFor: async (workspaceId) => (workspaceId === "acme" ? client : undefined),
        logger: silentLogger(),
      }),
    };
    notion.revokeToken();

    for (let attempt = 0; attempt < 2; attempt += 1) {
      await expect(
        syncSource(dependencies, { connectionId: connection.id, mode: "incremental" }),
      ).rejects.toThrow(/no longer accepts/);
    }
    expect(await getSourceConnection(database.db, connection.id)).toMatchObject({ state: "needs_reauth" });
    const dms = slack.messages(people.connector).filter((message) => message.bot_id);
    expect(dms).toHaveLength(1);
    expect(dms[0]?.text).toBe("Acme Notion needs to be reconnected: Sabio can no longer sync it.");
    expect(JSON.stringify(dms[0]?.blocks)).toContain("nothing was deleted");
  });
});
