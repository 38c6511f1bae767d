import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type NotionStandIn, startNotionStandIn } from "#test/stand-ins/notion-server.ts";
import { closedPortHost } from "#test/stand-ins/ollama/closed-port-host.ts";
import { main } from "./main.ts";

/** `sabio sync` against a stand-in Notion: edits, trash and un-sharing show up after the next sync. */
describe("sabio sync (Notion, internal integration)", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let notion: NotionStandIn;
  let env: Record<string, string>;
  let onboarding: string;
  let parking: string;
  let secret: string;

  beforeAll(async () => {
    temp = await makeTempDir();
    notion = await startNotionStandIn();
    env = {
      DATA_DIR: join(temp.path, "data"),
      OLLAMA_HOST: await closedPortHost(),
      NOTION_TOKEN: notion.token,
      NOTION_API_URL: notion.url,
    };
    const wiki = notion.addPage({
      title: "Team wiki",
      parent: { workspace: true },
      blocks: [
        { type: "paragraph", text: "Everything the team knows." },
        {
          type: "child_page",
          title: "Onboarding",
          blocks: [{ type: "paragraph", text: "New hires get their laptop from the front desk on day one." }],
        },
      ],
    });
    onboarding = (await listChildPageId(wiki.id)) ?? "";
    parking = notion.addPage({
      title: "Parking",
      parent: { workspace: true },
      blocks: [{ type: "paragraph", text: "Visitors park on level minus two of the garage." }],
    }).id;
    secret = notion.addPage({
      title: "Payroll calendar",
      parent: { workspace: true },
      blocks: [{ type: "paragraph", text: "Salaries are paid on the twenty-eighth of each month." }],
    }).id;
  });

  afterAll(async () => {
    await notion?.close();
    await temp?.remove();
  });

  async function listChildPageId(parentId: string): Promise<string | undefined> {
    const response = await fetch(`${notion.url}/v1/blocks/${parentId}/children`, {
      headers: { authorization: `Bearer ${notion.token}`, "notion-version": "2025-09-03" },
    });
    const body = (await response.json()) as { results: { id: string; type: string }[] };
    return body.results.find((block) => block.type === "child_page")?.id;
  }

  async function sabio(argv: string[]) {
    let stdout = "";
    const code = await main(argv, env, {
      out: (text) => {
        stdout += `${text}\n`;
      },
      note: () => {},
      write: (text) => {
        stdout += text;
      },
    });
    return { code, stdout };
  }

  const search = async (query: string) =>
    JSON.parse((await sabio(["search", query, "--workspace", "default", "--json"])).stdout).results as {
      title: string;
      url: string;
      text: string;
    }[];

  it("indexes the workspace, child pages included, with Notion links", async () => {
    const result = await sabio(["sync", "--workspace", "default", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      source: "notion",
      complete: true,
      documents: 4,
      deleted: 0,
      failed: [],
    });
    const hits = await search("laptop front desk");
    expect(hits[0]).toMatchObject({ title: "Onboarding" });
    expect(hits[0]?.url).toMatch(/^https:\/\/www\.notion\.so\//);
    expect(onboarding).not.toBe("");

    const answer = JSON.parse(
      (await sabio(["ask", "Where do visitors park?", "--workspace", "default", "--json"])).stdout,
    );
    expect(answer.sources[0]).toMatchObject({
      title: "Parking",
      url: expect.stringMatching(/^https:\/\/www\.notion\.so\//),
    });
  });

  it("re-syncs for nothing when nothing changed", async () => {
    const result = JSON.parse((await sabio(["sync", "--workspace", "default", "--json"])).stdout);
    expect(result).toMatchObject({ chunks: 0, embedded: 0, unchanged: 4, deleted: 0 });
  });

  it("reflects an edit, a trashed page and an un-shared page after the next sync", async () => {
    notion.editPage(parking, {
      blocks: [{ type: "paragraph", text: "Visitors now park in the new bicycle-friendly lot." }],
    });
    notion.trashPage(secret);
    notion.unshare(onboarding);
    const result = JSON.parse((await sabio(["sync", "--workspace", "default", "--json"])).stdout);
    expect(result).toMatchObject({ complete: true, deleted: 2 });
    expect((await search("bicycle-friendly lot"))[0]).toMatchObject({ title: "Parking" });
    expect(await search("level minus two garage")).not.toContainEqual(
      expect.objectContaining({ text: expect.stringContaining("minus two") }),
    );
    expect(await search("salaries twenty-eighth")).toEqual([]);
    expect(await search("laptop front desk")).toEqual([]);
  });

  it("never deletes after a sync that failed halfway", async () => {
    notion.failNext("/v1/search", { status: 503 }, 10);
    const result = await sabio(["sync", "--workspace", "default", "--json"]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ complete: false, deleted: 0 });
    expect((await search("bicycle-friendly lot"))[0]).toMatchObject({ title: "Parking" });
  });

  it("says what to do when no Notion token is configured", async () => {
    const { NOTION_TOKEN: _unused, ...withoutToken } = env;
    const code = await main(["sync", "--workspace", "default"], withoutToken, {
      out: () => {},
      note: () => {},
      write: () => {},
    });
    expect(code).toBe(2);
  });
});
