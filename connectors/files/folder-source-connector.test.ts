import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { ensureSourceConnection } from "#shared/db/source-connection-repository.ts";
import { ensureWorkspace } from "#shared/db/workspace-repository.ts";
import { sourceConnectorContract } from "#test/contracts/source-connector-contract.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { folderSettings, folderSource } from "./folder-settings.ts";
import { folderSourceConnector } from "./folder-source-connector.ts";

sourceConnectorContract(
  "local folder",
  async () => {
    const temp = await makeTempDir();
    const root = join(temp.path, "handbook");
    const away = join(temp.path, "handbook-unmounted");
    await mkdir(root);
    const fileOf = (id: string) => join(root, id);
    let connectionSettings: ReturnType<typeof folderSettings> | undefined;
    return {
      connector: folderSourceConnector(),
      async connect(database, workspaceId) {
        await ensureWorkspace(database.db, workspaceId);
        const id = `files-${randomBytes(4).toString("hex")}`;
        const row = await ensureSourceConnection(database.db, {
          id,
          workspaceId,
          kind: "files",
          source: folderSource(id),
          label: basename(root),
          settings: { path: root, name: basename(root) },
        });
        connectionSettings = folderSettings(row);
        return row;
      },
      async add(title, text) {
        const id = `${title.toLowerCase()}.md`;
        await writeFile(fileOf(id), `# ${title}\n\n${text}\n`);
        return id;
      },
      async edit(id, text) {
        const title = id.replace(/\.md$/, "");
        await writeFile(fileOf(id), `# ${title[0]?.toUpperCase()}${title.slice(1)}\n\n${text}\n`);
      },
      async remove(id) {
        await rm(fileOf(id));
      },
      // An unmounted share: the folder is not there to list.
      async breakListing() {
        await rename(connectionSettings?.path ?? root, away);
      },
      async restoreListing() {
        await rename(away, root);
      },
      close: () => temp.remove(),
    };
  },
  { credentials: false },
);
