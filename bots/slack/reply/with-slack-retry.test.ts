import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ErrorCode } from "#shared/errors/app-error.ts";
import { standInClient } from "#test/stand-ins/slack/stand-in-client.ts";
import { type SlackStandIn, startSlackStandIn } from "#test/stand-ins/slack-server.ts";
import { replyClientOptions } from "./reply-client-options.ts";
import { withSlackRetry } from "./with-slack-retry.ts";

describe("withSlackRetry", () => {
  let slack: SlackStandIn;
  beforeEach(async () => {
    slack = await startSlackStandIn();
  });
  afterEach(async () => {
    await slack.close();
  });

  const client = () => standInClient(slack, replyClientOptions(slack.apiUrl));
  const post = () => client().chat.postMessage({ channel: "C1", text: "hi" });

  it("waits Slack's Retry-After after a 429, then tries again", async () => {
    slack.failNext("chat.postMessage", { rateLimited: 1 });
    await expect(withSlackRetry("chat.postMessage", post)).resolves.toMatchObject({ ok: true });
    const [limited, retried] = slack.callsTo("chat.postMessage");
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("treats ok:false ratelimited like a 429", async () => {
    const waits: number[] = [];
    slack.failNext("chat.postMessage", { error: "ratelimited" });
    const sleep = async (milliseconds: number) => {
      waits.push(milliseconds);
    };
    await expect(withSlackRetry("chat.postMessage", post, { sleep })).resolves.toMatchObject({ ok: true });
    expect(waits).toEqual([1_000]);
  });

  it("gives up after its tries with a retryable rate_limited AppError", async () => {
    slack.failNext("chat.postMessage", { rateLimited: 0 }, 3);
    await expect(withSlackRetry("chat.postMessage", post)).rejects.toMatchObject({
      code: ErrorCode.RateLimited,
      retryable: true,
    });
    expect(slack.callsTo("chat.postMessage")).toHaveLength(3);
  });

  it("gives up at once when Retry-After is longer than it may wait", async () => {
    slack.failNext("chat.postMessage", { rateLimited: 30 });
    const started = Date.now();
    await expect(withSlackRetry("chat.postMessage", post, { maxWaitMs: 20_000 })).rejects.toMatchObject({
      code: ErrorCode.RateLimited,
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("passes other Slack errors on as AppErrors with Slack's code and a hint", async () => {
    slack.failNext("chat.postMessage", { error: "not_in_channel" });
    const failure = await withSlackRetry("chat.postMessage", post).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: ErrorCode.UpstreamError, retryable: false });
    expect((failure as Error).message).toContain("not_in_channel");
    expect((failure as { hint?: string }).hint).toMatch(/invite/i);
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);

    slack.failNext("chat.postMessage", { error: "internal_error" });
    await expect(withSlackRetry("chat.postMessage", post)).rejects.toMatchObject({ retryable: true });
  });
});
