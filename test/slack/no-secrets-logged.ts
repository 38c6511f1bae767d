import { expect } from "vitest";
import type { LogLine } from "#test/helpers/queue-test-kit.ts";
import { clientSecret, signingSecret, stateSecret } from "./oauth-test-kit.ts";

/** No Slack token, OAuth secret or encryption key in any log line (tests log at debug level). */
export function expectNoSecretsLogged(lines: LogLine[], encryptionKey: string): void {
  const text = lines.map((line) => JSON.stringify(line)).join("\n");
  for (const secret of [clientSecret, stateSecret, signingSecret, encryptionKey]) {
    expect(text).not.toContain(secret);
  }
  expect(text).not.toMatch(/xox[a-z]-[A-Za-z0-9]/);
}
