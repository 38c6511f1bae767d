import type { drive_v3 } from "@googleapis/drive";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DriveStandIn, startDriveStandIn } from "./drive-server.ts";
import { connectedDrive } from "./stand-in-client.ts";

interface GoogleFailure {
  status?: number;
  response?: { headers: Headers; data: { error: { code: number; errors: { reason: string }[] } } };
}

describe("Drive stand-in faults, as the real client sees them", () => {
  let standIn: DriveStandIn;
  let api: drive_v3.Drive;

  beforeEach(async () => {
    standIn = await startDriveStandIn();
    ({ api } = await connectedDrive(standIn));
    standIn.addDoc({ name: "a", markdown: "x" });
  });
  afterEach(() => standIn.close());

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => ({}) as GoogleFailure,
      (error: GoogleFailure) => error,
    );

  it("answers a 403 rate limit with its reason at error.response.data.error.errors[0].reason and Retry-After", async () => {
    standIn.failNext("files.list", { rateLimit: "userRateLimitExceeded", retryAfter: 7 });
    standIn.failNext("files.list", { rateLimit: "rateLimitExceeded" });
    const first = await failure(api.files.list({ fields: "files(id)" }));
    expect(first.status).toBe(403);
    expect(first.response?.data.error.errors[0]?.reason).toBe("userRateLimitExceeded");
    expect(first.response?.headers.get("retry-after")).toBe("7");
    const second = await failure(api.files.list({ fields: "files(id)" }));
    expect(second.response?.data.error.errors[0]?.reason).toBe("rateLimitExceeded");
    expect((await api.files.list({ fields: "files(id)" })).data.files).toHaveLength(1);
    // The client kept its expiry_date, so it did not answer the 403s with a refresh.
    expect(standIn.callsTo("files.list").map((call) => [call.status, call.reason])).toEqual([
      [403, "userRateLimitExceeded"],
      [403, "rateLimitExceeded"],
      [200, undefined],
    ]);
    expect(standIn.callsTo("oauth.token")).toHaveLength(1);
  });

  it("answers 429 with Retry-After, 500 and 503 in Google's shape, and a dropped connection", async () => {
    standIn.failNext("files.get", { status: 429, retryAfter: 2 });
    standIn.failNext("*", { status: 500 });
    standIn.failNext("changes.list", { status: 503 });
    standIn.failNext("drives.list", { reset: true });
    const limited = await failure(api.files.get({ fileId: "x" }));
    expect(limited.status).toBe(429);
    expect(limited.response?.headers.get("retry-after")).toBe("2");
    expect(limited.response?.data.error.errors[0]?.reason).toBe("rateLimitExceeded");
    const broken = await failure(api.about.get({ fields: "user" }));
    expect(broken.response?.data.error).toMatchObject({ code: 500, errors: [{ reason: "internalError" }] });
    const unavailable = await failure(api.changes.list({ pageToken: "1" }));
    expect(unavailable.response?.data.error.errors[0]?.reason).toBe("backendError");
    const dropped = await failure(api.drives.list({}));
    expect(dropped.response).toBeUndefined();
    expect(standIn.callsTo("drives.list")[0]?.status).toBe(0);
  });

  it("answers 401 authError without a token, with an unknown one, and for a queued 401", async () => {
    const bare = await fetch(`${standIn.rootUrl}drive/v3/files`);
    expect(bare.status).toBe(401);
    expect(await bare.json()).toMatchObject({
      error: { code: 401, errors: [{ reason: "authError" }], status: "UNAUTHENTICATED" },
    });
    const unknown = await fetch(`${standIn.rootUrl}drive/v3/files`, {
      headers: { authorization: "Bearer ya29.nope" },
    });
    expect(unknown.status).toBe(401);
    standIn.failNext("files.list", { status: 401 });
    const queued = await fetch(`${standIn.rootUrl}drive/v3/files`, {
      headers: { authorization: `Bearer ${standIn.mintAccessToken()}` },
    });
    expect(queued.status).toBe(401);
    expect(standIn.callsTo("files.list 401")).toHaveLength(3);
  });

  it("lets a test wait on a call instead of sleeping", async () => {
    const waiting = standIn.waitFor("files.export");
    await api.files.export({ fileId: "missing", mimeType: "text/plain" }).catch(() => undefined);
    const [call] = await waiting;
    expect(call).toMatchObject({
      route: "files.export",
      status: 404,
      reason: "notFound",
      principal: "admin@example.com",
    });
  });
});
