import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addNotionWiki,
  expensePolicyBlocks,
  type NotionWiki,
  notionUrlId,
} from "#test/fixtures/notion-wiki.ts";
import { waitForStart } from "#test/helpers/process-output.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { type SlackProcessFixture, startSlackProcessFixture } from "#test/helpers/slack-process-fixture.ts";
import { signSlackRequest, slackEventBody } from "#test/helpers/slack-signing.ts";
import { type NotionStandIn, startNotionStandIn } from "#test/stand-ins/notion-server.ts";
import { closedPortHost } from "#test/stand-ins/ollama/closed-port-host.ts";

const signingSecret = "test-signing-secret";

interface AskJson {
  answer: string;
  mode: "generated" | "extractive";
  model: string | null;
  sources: { n: number; title: string; url: string }[];
}

interface SearchHit {
  title: string;
  url: string;
  text: string;
}

/**
 * The issue's "done means", end to end: with NOTION_TOKEN and NOTION_API_URL pointing at a stand-in
 * holding a realistic wiki, `sabio sync` indexes it, `sabio ask` answers from it with Notion links,
 * an edit, a trash and an un-share show after the next sync, `sabio sources` reads plainly (also
 * once the token is revoked), and a real `sabio start` answers a Slack mention citing Notion pages.
 */
describe("Notion, done: sync, ask, sources and Slack answers against a stand-in wiki", () => {
  let fixture: SlackProcessFixture;
  let notion: NotionStandIn;
  let wiki: NotionWiki;
  let env: Record<string, string>;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    // Slack and Ollama stand-ins, a data dir (with a one-page handbook already in it), a Redis prefix.
    fixture = await startSlackProcessFixture("default");
    notion = await startNotionStandIn({ clock: "2026-02-02T09:00:00.000Z" });
    wiki = addNotionWiki(notion);
    env = {
      DATA_DIR: fixture.dataDir,
      OLLAMA_HOST: fixture.ollama.host,
      NOTION_TOKEN: notion.token,
      NOTION_API_URL: notion.url,
      // Notion's own budget (3/s) would make each full sync of the wiki take ~20 s; the rate limit
      // has its own tests and benchmark.
      NOTION_REQUESTS_PER_SECOND: "50",
    };
  });

  afterAll(async () => {
    child?.kill("SIGKILL");
    await notion?.close();
    await fixture?.dispose();
  });

  const sabio = (argv: string[], overrides: Record<string, string> = {}) =>
    runSabio(argv, { ...env, ...overrides });

  const sync = async (...extra: string[]) => {
    const result = await sabio(["sync", "--workspace", "default", "--json", ...extra]);
    return { ...result, json: result.stdout === "" ? undefined : JSON.parse(result.stdout) };
  };

  const ask = async (question: string, overrides: Record<string, string> = {}) => {
    const result = await sabio(["ask", question, "--workspace", "default", "--json"], overrides);
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as AskJson;
  };

  const search = async (query: string) =>
    JSON.parse((await sabio(["search", query, "--workspace", "default", "--json"])).stdout)
      .results as SearchHit[];

  /** Hits whose text holds `words`: the dense side of hybrid search always returns something. */
  const hitsWith = async (query: string, words: string) =>
    (await search(query)).filter((hit) => hit.text.includes(words));

  /** The Notion connections (the fixture's handbook folder is a source of its own, listed too). */
  const sources = async () => {
    const result = await sabio(["sources", "--workspace", "default", "--json"]);
    expect(result.code).toBe(0);
    const all = JSON.parse(result.stdout).sources as {
      id: string;
      kind: string;
      state: string;
      documentCount: number;
      lastCompleteSyncAt: string | null;
      lastError: string | null;
    }[];
    expect(all.filter((source) => source.kind === "files")).toHaveLength(1);
    return all.filter((source) => source.kind === "notion");
  };

  const linkTo = (key: keyof NotionWiki["pages"]) =>
    new RegExp(`^https://www\\.notion\\.so/[A-Za-z0-9-]*${notionUrlId(wiki.pages[key].id)}$`);

  it("sync indexes the whole wiki: nested pages, meeting notes, synced blocks, tables and code", async () => {
    const { code, json } = await sync();
    expect(code).toBe(0);
    expect(json).toMatchObject({
      source: "notion-internal@default",
      mode: "full",
      state: "ok",
      complete: true,
      documents: wiki.documentCount,
      deleted: 0,
      failed: [],
    });

    // The synced block's content, written once on Security, is found on both pages that show it.
    const hotline = (await hitsWith("security hotline incident around the clock", "+49 30 5550 1234")).map(
      (hit) => hit.title,
    );
    expect(hotline).toEqual(expect.arrayContaining(["Security", "On-call handbook"]));
    // Third level, a table, a code block, a toggle, a data-source row's properties.
    expect((await hitsWith("SEV1 checkout login down", "SEV1"))[0]?.title).toBe("Incident severity levels");
    expect((await hitsWith("public holidays German Unity Day", "German Unity Day"))[0]?.title).toBe(
      "Holidays and time off",
    );
    expect((await hitsWith("make deploy ENV=production", "make deploy"))[0]?.title).toBe(
      "Deploying to production",
    );
    expect((await hitsWith("lost a receipt bank statement", "bank statement"))[0]?.title).toBe(
      "Expense policy",
    );
    // The unsupported block and the ai_block are skipped; the rest of that page is there.
    expect((await hitsWith("who owns orders and payments data", "Orders and payments"))[0]?.title).toBe(
      "Architecture overview",
    );
    const klarna = (await hitsWith("Klarna payment method Austria", "Klarna"))[0];
    expect(klarna?.title).toBe("Q1 planning: Checkout");
    expect(klarna?.text).toContain("Team: Checkout");
    for (const hit of await search("on-call acknowledge page")) {
      if (hit.url.startsWith("https://")) expect(hit.url).toMatch(/^https:\/\/www\.notion\.so\//);
    }
  });

  it("ask answers from the wiki and cites the Notion page", async () => {
    const answer = await ask("How quickly must the on-call engineer acknowledge a page?");
    expect(answer.mode).toBe("generated");
    expect(answer.answer).toContain("15 minutes");
    expect(answer.sources[0]).toMatchObject({ n: 1, title: "On-call handbook" });
    expect(answer.sources[0]?.url).toMatch(linkTo("onCall"));
  });

  it("with no model reachable, the extractive answer cites the Notion page too", async () => {
    const answer = await ask("How many vacation days do we get each year?", {
      OLLAMA_HOST: await closedPortHost(),
    });
    expect(answer.mode).toBe("extractive");
    expect(answer.answer).toContain("28 vacation days");
    expect(answer.sources.map((source) => source.url)).toContainEqual(
      expect.stringMatching(linkTo("holidays")),
    );
  });

  it("an edit shows after the next (incremental) sync, and only that page is read again", async () => {
    notion.setClock("2026-02-03T10:00:00.000Z");
    notion.editPage(wiki.pages.expensePolicy.id, { blocks: expensePolicyBlocks(75) });
    const before = notion.requests.length;
    const { json } = await sync();
    expect(json).toMatchObject({ mode: "incremental", state: "ok", documents: 1, deleted: 0 });
    const pageIds = new Set(Object.values(wiki.pages).map((page) => notionUrlId(page.id)));
    const pagesReRead = notion.requests
      .slice(before)
      .map((request) => /^\/v1\/blocks\/([^/]+)\/children$/.exec(request.path)?.[1])
      .flatMap((id) => (id !== undefined && pageIds.has(notionUrlId(id)) ? [notionUrlId(id)] : []));
    expect(new Set(pagesReRead)).toEqual(new Set([notionUrlId(wiki.pages.expensePolicy.id)]));

    expect(await hitsWith("daily meal allowance travelling", "60 euros")).toEqual([]);
    const answer = await ask("What is the daily meal allowance when travelling?");
    expect(answer.sources.map((source) => source.url)).toContainEqual(
      expect.stringMatching(linkTo("expensePolicy")),
    );
    expect((await hitsWith("daily meal allowance travelling", "75 euros"))[0]?.title).toBe("Expense policy");
  });

  it("a trashed page is gone from answers after the next sync", async () => {
    expect(await hitsWith("parking spaces courtyard Officely", "Officely")).not.toEqual([]);
    notion.setClock("2026-02-04T10:00:00.000Z");
    notion.trashPage(wiki.pages.parking.id);
    // Notion edits the parent when a child page goes to the trash (its child_page block goes away).
    notion.editPage(wiki.pages.office.id, {});
    const { json } = await sync();
    expect(json).toMatchObject({ mode: "incremental", state: "ok", deleted: 1 });

    expect(await hitsWith("parking spaces courtyard Officely", "Officely")).toEqual([]);
    const answer = await ask("Where can I park my car at the Berlin office?");
    expect(answer.sources.map((source) => source.url)).not.toContainEqual(
      expect.stringMatching(linkTo("parking")),
    );
  });

  it("an un-shared page is gone after the next full sync (incremental cannot see un-sharing)", async () => {
    notion.unshare(wiki.pages.salaryBands.id);
    expect((await sync()).json).toMatchObject({ mode: "incremental", deleted: 0 });
    expect(await hitsWith("salary bands engineering level E3", "68,000")).not.toEqual([]);

    const full = await sync("--full");
    expect(full.json).toMatchObject({ mode: "full", state: "ok", complete: true, deleted: 1 });
    expect(await hitsWith("salary bands engineering level E3", "68,000")).toEqual([]);
    expect((await hitsWith("daily meal allowance travelling", "75 euros"))[0]?.title).toBe("Expense policy");
  });

  it("sabio sources shows the connection ok, its document count and last complete sync", async () => {
    const [connection, ...others] = await sources();
    expect(others).toEqual([]);
    expect(connection).toMatchObject({
      id: "notion-internal@default",
      state: "ok",
      documentCount: wiki.documentCount - 2,
      lastError: null,
    });
    expect(Date.parse(connection?.lastCompleteSyncAt ?? "")).not.toBeNaN();

    const text = (await sabio(["sources", "--workspace", "default"])).stdout;
    expect(text).toContain("Notion (internal integration) [notion-internal@default]");
    expect(text).toContain("state: ok");
    expect(text).toContain(`documents: ${wiki.documentCount - 2}`);
    expect(text).not.toContain("last complete sync: never");
  });

  it("after the token is revoked, sources says 'needs re-auth' in plain words and nothing is deleted", async () => {
    notion.revokeToken();
    const failed = await sync();
    expect(failed.code).not.toBe(0);
    expect(failed.json?.error?.message).toMatch(/Notion no longer accepts this connection's token/);

    const [connection] = await sources();
    expect(connection).toMatchObject({ state: "needs re-auth", documentCount: wiki.documentCount - 2 });
    expect(connection?.lastError).toMatch(
      /^Notion no longer accepts this connection's token.*nothing was deleted/,
    );
    expect(connection?.lastError).not.toMatch(/\b401\b|unauthorized|\n\s+at /);
    const text = (await sabio(["sources", "--workspace", "default"])).stdout;
    expect(text).toContain("state: needs re-auth");
    expect(text).toMatch(/to fix: reconnect/);

    const answer = await ask("How quickly must the on-call engineer acknowledge a page?");
    expect(answer.sources[0]?.url).toMatch(linkTo("onCall"));
  });

  it("sabio start answers a Slack mention with a link to the Notion page", async () => {
    const { slack, port } = fixture;
    // The answer and Slack roles only: the answers come from what the syncs indexed.
    child = fixture.spawnSabio(["start", "answer", "slack"], {
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: signingSecret,
      LOG_LEVEL: "info",
    });
    await waitForStart(child);

    const event = {
      type: "app_mention",
      user: "U123",
      text: "<@UBOT> how many vacation days do we get?",
      ts: "1700000100.000100",
      channel: "C0001",
      event_ts: "1700000100.000100",
    };
    const body = slackEventBody(event, { teamId: "T0001", eventId: "EvNotion1" });
    const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/json", ...signSlackRequest(body, signingSecret) },
      body,
    });
    expect(response.status).toBe(200);

    const holidaysLink = `https://www.notion.so/Holidays-and-time-off-${notionUrlId(wiki.pages.holidays.id)}`;
    const deadline = Date.now() + 20_000;
    let answer = "";
    while (Date.now() < deadline) {
      const posted = slack
        .thread("C0001", event.ts)
        .filter((message) => message.bot_id && JSON.stringify(message).includes("Sources:"));
      answer = posted.length > 0 ? JSON.stringify(posted) : "";
      if (answer !== "" && !answer.includes("Thinking")) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(answer).toContain("28 vacation days");
    expect(answer).toContain(`<${holidaysLink}|[1] Holidays and time off>`);

    const exited = new Promise<number | null>((resolve) => child?.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    child = undefined;
  }, 180_000); // a process start (up to processStartMs) and an answer
});
