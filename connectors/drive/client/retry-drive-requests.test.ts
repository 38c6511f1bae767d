import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ErrorCode } from "#shared/errors/app-error.ts";
import { standInDriveClient, standInGrant } from "#test/drive/stand-in-drive-client.ts";
import { type DriveStandIn, startDriveStandIn } from "#test/stand-ins/drive/drive-server.ts";
import { driveErrorReason, toDriveError } from "./drive-error.ts";
import { type DriveRetryOptions, driveRetryDefaults } from "./retry-drive-requests.ts";

describe("Drive retry policy, through the real client and the stand-in", () => {
  let standIn: DriveStandIn;
  let waits: number[];

  beforeEach(async () => {
    standIn = await startDriveStandIn();
    standIn.addDoc({ name: "Handbook", markdown: "# Hi" });
    waits = [];
  });
  afterEach(() => standIn.close());

  /** A client whose waits are recorded, not slept: the clock moves only when the policy waits. */
  const client = async (options: DriveRetryOptions = {}) => {
    let clock = Date.parse("2026-03-02T09:00:00.000Z");
    return standInDriveClient(standIn, await standInGrant(standIn), {
      retry: {
        now: () => clock,
        sleep: async (ms) => {
          waits.push(ms);
          clock += ms;
        },
        random: () => 0.5,
        ...options,
      },
    });
  };
  const list = (api: Awaited<ReturnType<typeof client>>) => api.files.list({ fields: "files(name)" });
  const failure = (promise: Promise<unknown>) => promise.then(() => undefined, toDriveError);

  it("waits out a storm of 403 rate limits, each after its Retry-After, and never refreshes for them", async () => {
    const api = await client();
    standIn.failNext("files.list", { rateLimit: "userRateLimitExceeded", retryAfter: 3 }, 4);
    standIn.failNext("files.list", { rateLimit: "rateLimitExceeded", retryAfter: 1 }, 2);
    const { data } = await list(api);
    expect(data.files?.map((file) => file.name)).toEqual(["Handbook"]);
    expect(waits).toEqual([3_000, 3_000, 3_000, 3_000, 1_000, 1_000]);
    expect(standIn.callsTo("files.list").map((call) => call.status)).toEqual([
      403, 403, 403, 403, 403, 403, 200,
    ]);
    // A rate-limit 403 is no auth failure: the only token call is the consent's code exchange.
    expect(standIn.callsTo("oauth.token")).toHaveLength(1);
  });

  it("backs off exponentially on 429s without Retry-After, and retries 5xx", async () => {
    const api = await client();
    standIn.failNext("files.list", { status: 429 }, 3);
    standIn.failNext("files.list", { status: 503 });
    standIn.failNext("files.list", { status: 500 });
    await list(api);
    // Equal jitter at 0.5: three quarters of 1 s, 2 s, 4 s; then the 5xx count starts at 1 s.
    expect(waits).toEqual([750, 1_500, 3_000, 750, 1_500]);
  });

  it("hands back a rate limit once the tries or the wait budget run out: retryable, never lost access", async () => {
    const api = await client();
    standIn.failNext("files.list", { rateLimit: "userRateLimitExceeded", retryAfter: 1 }, 50);
    const error = await failure(list(api));
    expect(error).toMatchObject({ code: ErrorCode.RateLimited, retryable: true });
    expect(driveErrorReason(error)).toBe("userRateLimitExceeded");
    expect(waits).toHaveLength(driveRetryDefaults.rateLimitRetries);

    waits.length = 0;
    standIn.clearFaults();
    const patient = await client({ rateLimitBudgetMs: 10_000 });
    standIn.failNext("files.list", { status: 429, retryAfter: 4 }, 5);
    expect(await failure(list(patient))).toMatchObject({ code: ErrorCode.RateLimited, retryable: true });
    // 4 s + 4 s fit in 10 s; a third wait would end past it, so it is not started.
    expect(waits).toEqual([4_000, 4_000]);
  });

  it("does not retry what waiting cannot fix: a 404, an export over 10 MB", async () => {
    const api = await client();
    expect(await failure(api.files.get({ fileId: "missing" }))).toMatchObject({
      code: ErrorCode.NotFound,
      retryable: false,
    });
    const big = standIn.addDoc({ name: "Log", markdown: "x", exportBytes: 11 * 1024 * 1024 });
    const tooLarge = await failure(api.files.export({ fileId: big.id, mimeType: "text/markdown" }));
    expect(tooLarge).toMatchObject({ code: ErrorCode.FileTooLarge, retryable: false });
    expect(driveErrorReason(tooLarge)).toBe("exportSizeLimitExceeded");
    expect(waits).toEqual([]);
    expect(standIn.callsTo("files.export")).toHaveLength(1);
  });

  it("retries a dropped connection on a read", async () => {
    const api = await client();
    standIn.failNext("files.list", { reset: true });
    await list(api);
    expect(standIn.callsTo("files.list").map((call) => call.status)).toEqual([0, 200]);
    expect(waits).toEqual([750]);
  });

  it("with retry: false, hands back the first rate limit", async () => {
    const api = standInDriveClient(standIn, await standInGrant(standIn), { retry: false });
    standIn.failNext("files.list", { rateLimit: "rateLimitExceeded", retryAfter: 1 });
    expect(await failure(list(api))).toMatchObject({ code: ErrorCode.RateLimited });
    expect(standIn.callsTo("files.list")).toHaveLength(1);
  });
});
