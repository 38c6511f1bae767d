import { generateKeyPairSync } from "node:crypto";
import { drive } from "@googleapis/drive";
import { JWT } from "google-auth-library";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DriveStandIn, startDriveStandIn } from "./drive-server.ts";
import { connectedDrive, redirectUri, standInOAuthClient } from "./stand-in-client.ts";

const readonlyScope = "https://www.googleapis.com/auth/drive.readonly";

describe("Drive stand-in OAuth: consent, code exchange, refresh, revocation, service accounts", () => {
  let standIn: DriveStandIn;

  beforeEach(async () => {
    standIn = await startDriveStandIn();
  });
  afterEach(() => standIn.close());

  it("redirects consent back with the code and state; the code gives access and refresh tokens once", async () => {
    const auth = standInOAuthClient(standIn);
    const url = auth.generateAuthUrl({
      access_type: "offline",
      prompt: "consent",
      scope: [readonlyScope],
      state: "s1",
    });
    expect(url.startsWith(standIn.authUrl)).toBe(true);
    const consent = await fetch(url, { redirect: "manual" });
    expect(consent.status).toBe(302);
    const back = new URL(consent.headers.get("location") ?? "");
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get("state")).toBe("s1");
    expect(standIn.authorizations[0]).toMatchObject({
      accessType: "offline",
      prompt: "consent",
      scope: readonlyScope,
    });

    const { tokens } = await auth.getToken(back.searchParams.get("code") ?? "");
    expect(tokens).toMatchObject({
      access_token: expect.stringMatching(/^ya29\./),
      refresh_token: expect.stringMatching(/^1\/\//),
      scope: readonlyScope,
      token_type: "Bearer",
      expiry_date: expect.any(Number),
    });
    const reused = await auth.getToken(back.searchParams.get("code") ?? "").catch((error: unknown) => error);
    expect(reused).toMatchObject({ response: { data: { error: "invalid_grant" } } });
  });

  it("gives no refresh token without access_type=offline", async () => {
    const auth = standInOAuthClient(standIn);
    const { tokens } = await auth.getToken(standIn.authorizationCode(redirectUri, { offline: false }));
    expect(tokens.access_token).toBeTruthy();
    expect(tokens.refresh_token).toBeUndefined();
  });

  it("refreshes an access token past its expiry_date with a refresh grant before the call", async () => {
    standIn.addDoc({ name: "a", markdown: "x" });
    const { api, auth } = await connectedDrive(standIn);
    standIn.expireAccessTokens();
    auth.setCredentials({ ...auth.credentials, expiry_date: Date.now() - 1 });
    const { data } = await api.files.list({ fields: "files(name)" });
    expect(data.files).toEqual([{ name: "a" }]);
    expect(standIn.callsTo("files.list").map((call) => call.status)).toEqual([200]);
    expect(standIn.tokenGrants.map((grant) => [grant.grantType, grant.error])).toEqual([
      ["authorization_code", undefined],
      ["refresh_token", undefined],
    ]);
  });

  it("without expiry_date, the client answers the stand-in's 401 with a refresh and a retry", async () => {
    const { api, auth } = await connectedDrive(standIn);
    const { expiry_date: _dropped, ...withoutExpiry } = auth.credentials;
    auth.setCredentials(withoutExpiry);
    standIn.expireAccessTokens();
    await api.files.list({ fields: "files(name)" });
    expect(standIn.callsTo("files.list").map((call) => call.status)).toEqual([401, 200]);
    expect(standIn.tokenGrants.map((grant) => grant.grantType)).toEqual([
      "authorization_code",
      "refresh_token",
    ]);
  });

  it("answers a revoked grant with Google's invalid_grant body, queued or for good", async () => {
    const { auth } = await connectedDrive(standIn);
    standIn.failNext("oauth.token", { invalidGrant: true });
    const queued = await auth.refreshAccessToken().catch((error: unknown) => error);
    expect(queued).toMatchObject({
      response: {
        status: 400,
        data: { error: "invalid_grant", error_description: "Token has been expired or revoked." },
      },
    });
    await auth.refreshAccessToken();
    standIn.revokeGrants();
    const revoked = await auth.refreshAccessToken().catch((error: unknown) => error);
    expect(revoked).toMatchObject({ response: { data: { error: "invalid_grant" } } });
    expect(standIn.callsTo("oauth.token").map((call) => call.reason)).toEqual([
      undefined,
      "invalid_grant",
      undefined,
      "invalid_grant",
    ]);
  });

  it("grants a service account's JWT with its subject (domain-wide delegation) and acts as that user", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const jwt = new JWT({
      email: "sabio@project.iam.gserviceaccount.com",
      key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      scopes: [readonlyScope],
      subject: "alice@example.com",
    });
    // google-auth-library posts JWT grants to Google's fixed URL: point that one request at the stand-in.
    jwt.transporter.interceptors.request.add({
      resolved: async (config) => {
        if (String(config.url) === "https://oauth2.googleapis.com/token")
          config.url = new URL(standIn.tokenUrl);
        return config;
      },
    });
    const api = drive({ version: "v3", rootUrl: standIn.rootUrl, auth: jwt, retry: false });
    const { data } = await api.about.get({ fields: "user(emailAddress)" });
    expect(data.user?.emailAddress).toBe("alice@example.com");
    expect(standIn.tokenGrants).toEqual([
      {
        grantType: "jwt-bearer",
        clientId: undefined,
        issuer: "sabio@project.iam.gserviceaccount.com",
        subject: "alice@example.com",
        scope: readonlyScope,
        error: undefined,
      },
    ]);
    expect(standIn.callsTo("about.get")[0]?.principal).toBe("alice@example.com");
  });

  it("refuses a malformed assertion and a wrong client secret", async () => {
    const post = (body: Record<string, string>) =>
      fetch(standIn.tokenUrl, { method: "POST", body: new URLSearchParams(body) });
    const badJwt = await post({
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      assertion: "a.b",
    });
    expect([badJwt.status, await badJwt.json()]).toEqual([
      400,
      { error: "invalid_grant", error_description: "Invalid JWT Signature." },
    ]);
    const badClient = await post({
      grant_type: "refresh_token",
      refresh_token: "x",
      client_id: standIn.client.clientId,
      client_secret: "wrong",
    });
    expect([badClient.status, await badClient.json()]).toEqual([
      401,
      { error: "invalid_client", error_description: "Unauthorized" },
    ]);
  });
});
