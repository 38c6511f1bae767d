import { describe, expect, it } from "vitest";
import { notionRetryDefaults, retryNotionRequests } from "./retry-notion-requests.ts";

/** A fake Notion answering from a script, and a clock that moves only when the policy sleeps. */
function setup(answers: (call: number) => { status: number; retryAfter?: string }) {
  let clock = Date.parse("2026-03-02T09:00:00.000Z");
  const waits: number[] = [];
  let calls = 0;
  const inner: typeof fetch = async () => {
    const { status, retryAfter } = answers(calls);
    calls += 1;
    return new Response(status === 200 ? "{}" : '{"code":"rate_limited"}', {
      status,
      headers: retryAfter === undefined ? {} : { "retry-after": retryAfter },
    });
  };
  const fetch = retryNotionRequests(inner, {
    now: () => clock,
    sleep: async (ms) => {
      waits.push(ms);
      clock += ms;
    },
    random: () => 0.5,
  });
  return {
    get: () => fetch("https://api.notion.com/v1/users/me"),
    waits,
    calls: () => calls,
    at: (iso: string) => {
      clock = Date.parse(iso);
    },
  };
}

describe("retryNotionRequests and 429 storms", () => {
  it("rides out more 429s with Retry-After: 1 than the retry count (8 in a row) and succeeds", async () => {
    const storm = notionRetryDefaults.maxRetries + 2;
    const notion = setup((call) => (call < storm ? { status: 429, retryAfter: "1" } : { status: 200 }));
    const response = await notion.get();
    expect(response.status).toBe(200);
    expect(notion.calls()).toBe(storm + 1);
    expect(notion.waits).toEqual(Array(storm).fill(1_000));
  });

  it("gives up with the 429 once the waits would outlast the budget, without starting that wait", async () => {
    const notion = setup(() => ({ status: 529, retryAfter: "30" }));
    const response = await notion.get();
    expect(response.status).toBe(529);
    const budget = notionRetryDefaults.rateLimitBudgetMs;
    // 30 s at a time: exactly as many waits as fit in the budget, then the answer as it came.
    expect(notion.waits).toEqual(Array(budget / 30_000).fill(30_000));
    expect(notion.calls()).toBe(budget / 30_000 + 1);
  });

  it("hands back at once a 429 whose Retry-After is longer than the whole budget", async () => {
    const notion = setup(() => ({ status: 429, retryAfter: "3600" }));
    expect((await notion.get()).status).toBe(429);
    expect(notion.waits).toEqual([]);
    expect(notion.calls()).toBe(1);
  });

  it("reads a Retry-After date against the clock it was given", async () => {
    const notion = setup((call) =>
      call === 0 ? { status: 429, retryAfter: "Mon, 02 Mar 2026 09:00:05 GMT" } : { status: 200 },
    );
    notion.at("2026-03-02T09:00:00.000Z");
    expect((await notion.get()).status).toBe(200);
    expect(notion.waits).toEqual([5_000]);
  });

  it("still counts 429s that do not say when to come back", async () => {
    const notion = setup(() => ({ status: 429 }));
    expect((await notion.get()).status).toBe(429);
    expect(notion.calls()).toBe(notionRetryDefaults.maxRetries + 1);
  });
});
