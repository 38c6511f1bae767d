import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { standInDriveClient, standInGrant } from "#test/drive/stand-in-drive-client.ts";
import { type DriveStandIn, startDriveStandIn } from "#test/stand-ins/drive/drive-server.ts";
import type { DriveTokens } from "./drive-credential.ts";
import { needsDriveReauth, reconnectDriveHint, toDriveError } from "./drive-error.ts";
import { readServiceAccountKey } from "./service-account-key.ts";

const noWait = { sleep: async () => {} };

describe("createDriveClient: OAuth grants and service accounts against the stand-in", () => {
  let standIn: DriveStandIn;

  beforeEach(async () => {
    standIn = await startDriveStandIn();
    standIn.addDoc({ name: "Handbook", markdown: "# Hi" });
  });
  afterEach(() => standIn.close());

  const listNames = async (api: ReturnType<typeof standInDriveClient>) =>
    (await api.files.list({ q: "trashed = false", fields: "files(name)" })).data.files?.map(
      (file) => file.name,
    );

  it("reads with the stored tokens, asking the token endpoint nothing while they are valid", async () => {
    const grant = await standInGrant(standIn);
    const api = standInDriveClient(standIn, grant, { retry: noWait });
    expect(await listNames(api)).toEqual(["Handbook"]);
    expect(standIn.callsTo("oauth.token")).toHaveLength(1); // the consent's code exchange only
  });

  it("refreshes an expired token at GOOGLE_TOKEN_URL and hands the new one, refresh token kept, to onTokens", async () => {
    const saved: DriveTokens[] = [];
    const grant = await standInGrant(standIn, { onTokens: (tokens) => saved.push(tokens) });
    grant.tokens = { ...grant.tokens, expiry_date: Date.now() - 1_000 };
    const api = standInDriveClient(standIn, grant, { retry: noWait });
    expect(await listNames(api)).toEqual(["Handbook"]);
    expect(standIn.tokenGrants.map((grantMade) => grantMade.grantType)).toEqual([
      "authorization_code",
      "refresh_token",
    ]);
    expect(saved).toHaveLength(1);
    expect(saved[0]?.refresh_token).toBe(grant.tokens.refresh_token);
    expect(saved[0]?.access_token).not.toBe(grant.tokens.access_token);
    expect(saved[0]?.expiry_date).toBeGreaterThan(Date.now());
  });

  it("answers a 401 with one refresh and the same request again", async () => {
    const saved: DriveTokens[] = [];
    const api = standInDriveClient(standIn, await standInGrant(standIn, { onTokens: (t) => saved.push(t) }), {
      retry: noWait,
    });
    standIn.expireAccessTokens();
    const lists = await Promise.all([listNames(api), listNames(api), listNames(api)]);
    expect(lists).toEqual([["Handbook"], ["Handbook"], ["Handbook"]]);
    // Three requests refused together: one refresh for all of them.
    expect(standIn.callsTo("oauth.token")).toHaveLength(2);
    expect(saved).toHaveLength(1);
  });

  it("says 'needs re-auth' for a revoked grant (invalid_grant) and for a 401 that outlives a refresh", async () => {
    const revoked = standInDriveClient(standIn, await standInGrant(standIn), { retry: noWait });
    standIn.revokeGrants();
    const error = toDriveError(await revoked.files.list({ fields: "files(id)" }).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(AppError);
    expect([error.code, error.retryable, error.hint, needsDriveReauth(error)]).toEqual([
      ErrorCode.InvalidConfig,
      false,
      reconnectDriveHint,
      true,
    ]);
    expect(standIn.callsTo("oauth.token").at(-1)?.reason).toBe("invalid_grant");

    const stale = standInDriveClient(standIn, await standInGrant(standIn), { retry: noWait });
    standIn.failNext("files.list", { status: 401 }, 2);
    const refused = toDriveError(await stale.files.list({ fields: "files(id)" }).catch((e: unknown) => e));
    expect(needsDriveReauth(refused)).toBe(true);
    expect(standIn.callsTo("files.list 401").length).toBeGreaterThanOrEqual(2);
  });

  it("acts as GOOGLE_DRIVE_SUBJECT with a service account, its JWT grant sent to GOOGLE_TOKEN_URL", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const path = join(await mkdtemp(join(tmpdir(), "sabio-sa-")), "key.json");
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    await writeFile(
      path,
      JSON.stringify({
        type: "service_account",
        client_email: "sabio@p.iam.gserviceaccount.com",
        private_key: pem,
      }),
    );
    const key = await readServiceAccountKey(path);
    const api = standInDriveClient(standIn, { kind: "service-account", key, subject: "alice@example.com" });
    const { data } = await api.about.get({ fields: "user(emailAddress)" });
    expect(data.user?.emailAddress).toBe("alice@example.com");
    expect(standIn.tokenGrants).toMatchObject([
      { grantType: "jwt-bearer", issuer: "sabio@p.iam.gserviceaccount.com", subject: "alice@example.com" },
    ]);
    expect(standIn.callsTo("about.get")[0]?.principal).toBe("alice@example.com");
  });

  it("names a bad key file without echoing what is in it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sabio-sa-"));
    await writeFile(
      join(dir, "bad.json"),
      JSON.stringify({ private_key: "-----BEGIN PRIVATE KEY-----secretbits" }),
    );
    const error = await readServiceAccountKey(join(dir, "bad.json")).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.InvalidConfig });
    expect(String((error as Error).message)).not.toContain("secretbits");
    await expect(readServiceAccountKey(join(dir, "missing.json"))).rejects.toMatchObject({
      code: ErrorCode.InvalidConfig,
    });
  });
});
