import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error.ts";
import { secretVariables } from "./env.ts";
import { parseEnv } from "./load-env.ts";

const key = "a".repeat(64);

function failureMessage(source: Record<string, string>): string {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
  throw new Error("expected parseEnv to fail");
}

describe("Google Drive variables", () => {
  it("defaults: Google's own endpoints, no credential, a 20 MB file cap", () => {
    const env = parseEnv({});
    expect(env.GOOGLE_API_URL).toBe("https://www.googleapis.com/");
    expect(env.GOOGLE_OAUTH_URL).toBe("https://accounts.google.com/o/oauth2/v2/auth");
    expect(env.GOOGLE_TOKEN_URL).toBe("https://oauth2.googleapis.com/token");
    expect(env.GOOGLE_CLIENT_ID).toBeUndefined();
    expect(env.GOOGLE_SERVICE_ACCOUNT_FILE).toBeUndefined();
    expect(env.GOOGLE_DRIVE_SUBJECT).toBeUndefined();
    expect(env.DRIVE_MAX_FILE_MB).toBe(20);
  });

  it("points every endpoint elsewhere (stand-ins, proxies) and reads the cap", () => {
    const env = parseEnv({
      GOOGLE_API_URL: "http://127.0.0.1:4010/",
      GOOGLE_OAUTH_URL: "http://127.0.0.1:4010/o/oauth2/v2/auth",
      GOOGLE_TOKEN_URL: "http://127.0.0.1:4010/token",
      DRIVE_MAX_FILE_MB: "5",
    });
    expect([env.GOOGLE_API_URL, env.GOOGLE_OAUTH_URL, env.GOOGLE_TOKEN_URL, env.DRIVE_MAX_FILE_MB]).toEqual([
      "http://127.0.0.1:4010/",
      "http://127.0.0.1:4010/o/oauth2/v2/auth",
      "http://127.0.0.1:4010/token",
      5,
    ]);
    expect(failureMessage({ DRIVE_MAX_FILE_MB: "0" })).toContain(
      "DRIVE_MAX_FILE_MB: must be at least 1, e.g. 20",
    );
    expect(failureMessage({ GOOGLE_TOKEN_URL: "token" })).toContain(
      "GOOGLE_TOKEN_URL: must be a URL, e.g. https://oauth2.googleapis.com/token",
    );
  });

  it("wants both OAuth variables, and ENCRYPTION_KEY to seal the tokens", () => {
    expect(failureMessage({ GOOGLE_CLIENT_ID: "id.apps.googleusercontent.com" })).toContain(
      "GOOGLE_CLIENT_SECRET: is required with the other Google OAuth variable",
    );
    expect(failureMessage({ GOOGLE_CLIENT_ID: "id", GOOGLE_CLIENT_SECRET: "s" })).toContain(
      "ENCRYPTION_KEY: is required with GOOGLE_CLIENT_ID",
    );
    const env = parseEnv({ GOOGLE_CLIENT_ID: "id", GOOGLE_CLIENT_SECRET: "s", ENCRYPTION_KEY: key });
    expect(env.GOOGLE_CLIENT_SECRET).toBe("s");
  });

  it("takes a delegation subject only as an email, and only with a service account key", () => {
    expect(failureMessage({ GOOGLE_DRIVE_SUBJECT: "alice@example.com" })).toContain(
      "GOOGLE_SERVICE_ACCOUNT_FILE: is required with GOOGLE_DRIVE_SUBJECT",
    );
    expect(
      failureMessage({ GOOGLE_SERVICE_ACCOUNT_FILE: "/k.json", GOOGLE_DRIVE_SUBJECT: "alice" }),
    ).toContain("GOOGLE_DRIVE_SUBJECT: must be an email address");
    const env = parseEnv({
      GOOGLE_SERVICE_ACCOUNT_FILE: "/k.json",
      GOOGLE_DRIVE_SUBJECT: "alice@example.com",
    });
    expect(env.GOOGLE_DRIVE_SUBJECT).toBe("alice@example.com");
  });

  it("keeps the client secret out of logs and config errors", () => {
    expect(secretVariables).toContain("GOOGLE_CLIENT_SECRET");
    const message = failureMessage({ GOOGLE_CLIENT_SECRET: "GOCSPX-very-secret", GOOGLE_API_URL: "nope" });
    expect(message).toContain("GOOGLE_API_URL");
    expect(message).not.toContain("very-secret");
  });
});
