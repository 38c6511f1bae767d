import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { standInClient } from "#test/stand-ins/slack/stand-in-client.ts";
import { type SlackStandIn, startSlackStandIn } from "#test/stand-ins/slack-server.ts";
import { replyClientOptions } from "./reply-client-options.ts";
import { createSlackAsker } from "./slack-asker.ts";

describe("Slack asker", () => {
  let slack: SlackStandIn;
  let clock = 0;

  beforeAll(async () => {
    slack = await startSlackStandIn({
      users: { U0BOB: { name: "bob", email: "Bob@Example.com" }, U0NOMAIL: { name: "nomail" } },
    });
  });
  afterAll(async () => {
    await slack?.close();
  });

  const asker = () =>
    createSlackAsker({
      clientFor: async () => standInClient(slack, replyClientOptions(slack.apiUrl)),
      logger: silentLogger(),
      now: () => clock,
      ttlMs: 60_000,
    });
  const target = (userId?: string) => ({ workspaceId: "acme", ...(userId ? { userId } : {}) });
  const calls = () => slack.callsTo("users.info").length;

  it("reads the email from users.info and reuses it for a while", async () => {
    const ask = asker();
    const before = calls();
    expect(await ask(target("U0BOB"))).toEqual({ email: "Bob@Example.com" });
    clock += 59_000;
    expect(await ask(target("U0BOB"))).toEqual({ email: "Bob@Example.com" });
    expect(calls()).toBe(before + 1);
    clock += 2_000;
    await ask(target("U0BOB"));
    expect(calls()).toBe(before + 2);
  });

  it("gives no email for a profile without one, a stranger, no user, or a failed call (not remembered)", async () => {
    const ask = asker();
    expect(await ask(target("U0NOMAIL"))).toEqual({});
    expect(await ask(target("U0NOBODY"))).toEqual({});
    const before = calls();
    expect(await ask(target())).toEqual({});
    expect(calls()).toBe(before);
    slack.failNext("users.info", { rateLimited: 1 });
    expect(await ask(target("U0BOB"))).toEqual({});
    // The failure is not kept: the next question asks again and gets the email.
    expect(await ask(target("U0BOB"))).toEqual({ email: "Bob@Example.com" });
  });
});
