import { ensureEnvConnections } from "#connectors/sources/ensure-env-connections.ts";
import { getSourceConnection } from "#shared/db/source-connection-repository.ts";
import { sourceConnectorContract } from "#test/contracts/source-connector-contract.ts";
import { type NotionStandIn, startNotionStandIn } from "#test/stand-ins/notion-server.ts";
import { notionRetryDefaults } from "./client/retry-notion-requests.ts";
import { notionSourceConnector } from "./notion-source-connector.ts";
import { internalNotionConnectionId } from "./sync/internal-notion-connection-id.ts";

sourceConnectorContract("Notion (internal integration, stand-in Notion)", async () => {
  const notion: NotionStandIn = await startNotionStandIn({ clock: "2026-03-01T08:00:00.000Z" });
  let minutes = 0;
  // Notion rounds edit times to the minute: each change happens a few minutes after the last.
  const later = () => {
    minutes += 5;
    notion.setClock(new Date(Date.parse("2026-03-01T08:00:00.000Z") + minutes * 60_000).toISOString());
  };
  return {
    connector: notionSourceConnector({ apiUrl: notion.url, internalToken: notion.token }),
    async connect(database, workspaceId) {
      await ensureEnvConnections(database.db, { NOTION_TOKEN: notion.token, SABIO_WORKSPACE: workspaceId });
      const row = await getSourceConnection(database.db, internalNotionConnectionId(workspaceId));
      if (!row) throw new Error("the internal Notion connection was not made");
      return row;
    },
    async add(title, text) {
      later();
      return notion.addPage({ title, parent: { workspace: true }, blocks: [{ type: "paragraph", text }] }).id;
    },
    async edit(id, text) {
      later();
      notion.editPage(id, { blocks: [{ type: "paragraph", text }] });
    },
    async remove(id) {
      later();
      notion.unshare(id);
    },
    async breakListing() {
      notion.failNext("/v1/search", { status: 503 }, notionRetryDefaults.failureRetries + 1);
    },
    async restoreListing() {
      notion.clearFaults();
    },
    async revokeCredentials() {
      notion.revokeToken();
    },
    close: () => notion.close(),
  };
});
