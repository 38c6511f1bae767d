import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { oauthStateKey, safeParseOAuthState } from "#connectors/oauth/oauth-state.ts";
import { runSabio } from "#test/helpers/run-sabio.ts";

const encryptionKey = randomBytes(32).toString("base64");
const configured = {
  DATA_DIR: "/nonexistent/sabio-connect-needs-no-database",
  NOTION_API_URL: "http://127.0.0.1:9/notion",
  NOTION_CLIENT_ID: "client-123",
  NOTION_CLIENT_SECRET: "secret-456",
  ENCRYPTION_KEY: encryptionKey,
  PUBLIC_URL: "https://sabio.example.com",
};

const sabio = (argv: string[], env: Record<string, string> = configured) => runSabio(argv, env);

describe("sabio connect notion", () => {
  it("prints a link to Notion's consent page, bound to the workspace and to the CLI", async () => {
    const { code, stdout, notes } = await sabio(["connect", "notion", "--workspace", "Acme"]);

    expect(code).toBe(0);
    const url = new URL(stdout.trim());
    expect(`${url.origin}${url.pathname}`).toBe("http://127.0.0.1:9/notion/v1/oauth/authorize");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: "client-123",
      response_type: "code",
      owner: "user",
      redirect_uri: "https://sabio.example.com/oauth/notion/callback",
    });
    const state = safeParseOAuthState(
      oauthStateKey(encryptionKey, "notion"),
      url.searchParams.get("state") ?? "",
      new Date(),
    );
    expect(state).toMatchObject({ ok: true, state: { workspaceId: "acme", connectedBy: "cli" } });
    expect(notes).toContain("within 10 minutes");
    expect(notes).toContain("https://sabio.example.com/oauth/notion/callback");
    expect(stdout + notes).not.toContain("secret-456");
  });

  it("prints one JSON document with --json, and warns when PUBLIC_URL is missing", async () => {
    const json = await sabio(["connect", "notion", "--workspace", "acme", "--json"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      url: expect.stringContaining("/v1/oauth/authorize?"),
      workspace: "acme",
      redirectUri: "https://sabio.example.com/oauth/notion/callback",
      expiresAt: expect.any(String),
    });

    const { PUBLIC_URL: _publicUrl, ...local } = configured;
    const plain = await sabio(["connect", "notion", "--workspace", "acme"], { ...local, WEB_PORT: "4123" });
    expect(plain.code).toBe(0);
    expect(plain.notes).toContain("http://localhost:4123/oauth/notion/callback");
    expect(plain.notes).toContain("PUBLIC_URL is not set");
  });

  it("names the missing variables and how to get them when Notion OAuth is not configured", async () => {
    const { code, notes, stdout } = await sabio(["connect", "notion", "--workspace", "acme"], {
      DATA_DIR: configured.DATA_DIR,
    });

    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(notes).toContain("NOTION_CLIENT_ID, NOTION_CLIENT_SECRET and ENCRYPTION_KEY are not set");
    expect(notes).toContain(
      "Hint: create a public integration at https://www.notion.so/profile/integrations",
    );
    expect(notes).toContain("http://localhost:3001/oauth/notion/callback");
  });

  it("is a usage error for anything but notion or drive, or without --workspace", async () => {
    for (const [argv, words] of [
      [["connect", "dropbox", "--workspace", "acme"], 'connect supports notion and drive (got "dropbox")'],
      [["connect", "notion", "extra", "--workspace", "acme"], "connect supports notion and drive"],
      [["connect", "--workspace", "acme"], "connect needs a source"],
      [["connect", "notion"], "connect needs --workspace <id>"],
    ] as const) {
      const { code, notes, stdout } = await sabio([...argv]);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(notes).toContain(words);
    }
    const badWorkspace = await sabio(["connect", "notion", "--workspace", "../etc"]);
    expect(badWorkspace.code).toBe(2);
    expect(badWorkspace.notes).toContain("Invalid workspace id");
  });
});

describe("sabio connect drive", () => {
  const google = {
    DATA_DIR: configured.DATA_DIR,
    GOOGLE_CLIENT_ID: "sabio.apps.googleusercontent.com",
    GOOGLE_CLIENT_SECRET: "GOCSPX-secret",
    GOOGLE_OAUTH_URL: "http://127.0.0.1:9/o/oauth2/v2/auth",
    ENCRYPTION_KEY: encryptionKey,
    PUBLIC_URL: "https://sabio.example.com/",
  };

  it("prints Google's consent link for read-only, offline access, bound to the workspace and the CLI", async () => {
    const { code, stdout, notes } = await sabio(["connect", "drive", "--workspace", "acme"], google);

    expect(code).toBe(0);
    const url = new URL(stdout.trim());
    expect(`${url.origin}${url.pathname}`).toBe("http://127.0.0.1:9/o/oauth2/v2/auth");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: "sabio.apps.googleusercontent.com",
      response_type: "code",
      scope: "https://www.googleapis.com/auth/drive.readonly",
      access_type: "offline",
      prompt: "consent",
      redirect_uri: "https://sabio.example.com/oauth/google/callback",
    });
    const state = url.searchParams.get("state") ?? "";
    expect(safeParseOAuthState(oauthStateKey(encryptionKey, "google"), state, new Date())).toMatchObject({
      ok: true,
      state: { workspaceId: "acme", connectedBy: "cli" },
    });
    // Signed for Google's callback only.
    expect(safeParseOAuthState(oauthStateKey(encryptionKey, "notion"), state, new Date())).toMatchObject({
      ok: false,
    });
    expect(notes).toContain("within 10 minutes");
    expect(notes).toContain(
      "Google sends the browser back to https://sabio.example.com/oauth/google/callback",
    );
    expect(stdout + notes).not.toContain("GOCSPX-secret");
  });

  it("prints {url} with --json", async () => {
    const { code, stdout } = await sabio(["connect", "Drive", "--workspace", "acme", "--json"], google);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      url: expect.stringContaining("/o/oauth2/v2/auth?"),
      workspace: "acme",
      redirectUri: "https://sabio.example.com/oauth/google/callback",
    });
  });

  it("says what to set when no Google OAuth client is configured", async () => {
    const { code, notes, stdout } = await sabio(["connect", "drive", "--workspace", "acme", "--json"], {
      DATA_DIR: configured.DATA_DIR,
    });

    expect(code).toBe(2);
    expect(JSON.parse(stdout).error).toMatchObject({ code: "invalid_config" });
    const all = stdout + notes;
    expect(all).toContain("GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET and ENCRYPTION_KEY are not set");
    expect(all).toContain("http://localhost:3001/oauth/google/callback");
    expect(all).toContain("GOOGLE_SERVICE_ACCOUNT_FILE");
  });
});
