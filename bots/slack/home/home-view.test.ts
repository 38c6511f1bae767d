import { describe, expect, it } from "vitest";
import type { SourceConnectionView } from "#connectors/sources/describe-source-connection.ts";
import { homeView } from "./home-view.ts";

const stats = {
  sources: Array.from({ length: 60 }, (_, index) => ({
    source: `source-${index}`,
    documents: index,
    lastIndexedAt: null,
  })),
  questionsSince: 1,
};

describe("home view", () => {
  it("stays within Slack's 100 blocks and 3,000 characters per section, however much there is", () => {
    const pending = Array.from({ length: 50 }, (_, index) => ({
      questionId: `q${index}`,
      question: "Why? ".repeat(200),
      answer: "Because. ".repeat(1_000),
      createdAt: new Date("2026-03-01T00:00:00Z"),
    }));
    const view = homeView({ stats, pending });

    expect(view.blocks.length).toBeLessThanOrEqual(100);
    for (const block of view.blocks) {
      if (block.type === "section" && "text" in block)
        expect(block.text?.text.length).toBeLessThanOrEqual(3_000);
    }
    expect(JSON.stringify(view)).toContain("…and 35 more sources");
    expect(JSON.stringify(view)).toContain("1 question asked");
  });

  it("keeps names and answers from forming mentions or links", () => {
    const view = homeView({
      stats: { sources: [{ source: "<!channel>", documents: 1, lastIndexedAt: null }], questionsSince: 0 },
      pending: [{ questionId: "q1", question: "<@U123> hi", answer: "<!here> look", createdAt: new Date() }],
      notice: "<!everyone>",
    });
    const shown = JSON.stringify(view);
    // Only Sabio's own date token may start with "<!".
    expect(shown).not.toMatch(/<(?!!date\^)[!@]/);
    expect(shown).toContain("&lt;!channel&gt;");
  });
});

describe("home view: source connections", () => {
  const view = (state: SourceConnectionView["state"], fields: Partial<SourceConnectionView> = {}) => ({
    view: {
      id: `notion:${state}`,
      kind: "notion",
      label: `Notion ${state}`,
      workspaceId: "acme",
      state,
      lastSyncAt: "2026-03-01T09:00:00.000Z",
      lastCompleteSyncAt: "2026-03-01T03:00:00.000Z",
      documentCount: 42,
      lastError: null,
      ...fields,
    },
    reconnect: "A workspace admin runs `/sabio connect notion`.",
  });
  const quietStats = { sources: [], questionsSince: 0 };

  it("puts a notice for a connection that needs re-auth on top, and lists every state in plain words", () => {
    const home = homeView({
      stats: quietStats,
      pending: undefined,
      connections: [
        view("ok"),
        view("needs re-auth", { lastError: "Notion no longer accepts this connection's token." }),
        view("error", { lastError: "The Notion sync failed (Notion is unavailable); nothing was deleted." }),
        view("syncing"),
      ],
    });
    const [notice, header] = home.blocks;
    expect(header?.type).toBe("header");
    const top = JSON.stringify(notice);
    expect(top).toContain("Notion needs re-auth needs to be reconnected.");
    expect(top).toContain("Notion no longer accepts this connection's token.");
    expect(top).toContain("What was already indexed still answers questions");
    expect(top).toContain("*To fix:* A workspace admin runs `/sabio connect notion`.");

    const list = JSON.stringify(
      home.blocks.find((block) => JSON.stringify(block).includes("Connected sources")),
    );
    expect(list).toContain("*Notion ok*: ok, last synced <!date^");
    expect(list).toContain("*Notion needs re-auth*: :warning: needs re-auth (see above) · 42 documents");
    expect(list).toContain(
      "*Notion error*: :x: the last sync failed: The Notion sync failed (Notion is unavailable)",
    );
    expect(list).toContain("*Notion syncing*: syncing now");
  });

  it("shows no notice and no section without connections, and escapes a label that looks like a mention", () => {
    expect(JSON.stringify(homeView({ stats: quietStats, pending: undefined }))).not.toContain(
      "Connected sources",
    );
    const shown = JSON.stringify(
      homeView({
        stats: quietStats,
        pending: undefined,
        connections: [view("needs re-auth", { label: "<!here>" })],
      }),
    );
    expect(shown).not.toMatch(/<(?!!date\^)[!@]/);
    expect(shown).toContain("&lt;!here&gt; needs to be reconnected");
  });
});
