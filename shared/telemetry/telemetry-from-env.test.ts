import { describe, expect, it } from "vitest";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { closedPortHost } from "#test/stand-ins/ollama/closed-port-host.ts";
import { noTelemetry } from "./telemetry.ts";
import { telemetryFromEnv } from "./telemetry-from-env.ts";

const unset = {
  LANGFUSE_PUBLIC_KEY: undefined,
  LANGFUSE_SECRET_KEY: undefined,
  LANGFUSE_BASE_URL: "https://cloud.langfuse.com",
  POSTHOG_API_KEY: undefined,
  POSTHOG_HOST: "https://us.i.posthog.com",
};

describe("telemetryFromEnv", () => {
  it("is off (noTelemetry) when no Langfuse or PostHog key is set", async () => {
    expect(await telemetryFromEnv(unset, silentLogger())).toBe(noTelemetry);
  });

  it("builds both observers from their keys, and shuts down once however often it is asked", async () => {
    const down = await closedPortHost();
    const telemetry = await telemetryFromEnv(
      {
        ...unset,
        LANGFUSE_PUBLIC_KEY: "pk",
        LANGFUSE_SECRET_KEY: "sk",
        LANGFUSE_BASE_URL: down,
        POSTHOG_API_KEY: "phc",
        POSTHOG_HOST: down,
      },
      silentLogger(),
    );
    expect(telemetry).not.toBe(noTelemetry);
    const first = telemetry.shutdown();
    expect(telemetry.shutdown()).toBe(first);
    await expect(first).resolves.toBeUndefined();
  });
});
