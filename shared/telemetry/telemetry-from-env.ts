import type { Env } from "#shared/config/env.ts";
import type { Logger } from "#shared/log/logger.ts";
import { combineTelemetry } from "./combine-telemetry.ts";
import { noTelemetry, type Telemetry } from "./telemetry.ts";

/**
 * The process's Telemetry: Langfuse when both its keys are set, PostHog when its key is, plus any
 * parts the entry point adds (metrics); nothing at all otherwise. Vendor SDKs load only when used.
 */
export async function telemetryFromEnv(
  env: Pick<
    Env,
    "LANGFUSE_PUBLIC_KEY" | "LANGFUSE_SECRET_KEY" | "LANGFUSE_BASE_URL" | "POSTHOG_API_KEY" | "POSTHOG_HOST"
  >,
  logger: Logger,
  ...extra: Telemetry[]
): Promise<Telemetry> {
  const parts = [...extra];
  if (env.LANGFUSE_PUBLIC_KEY && env.LANGFUSE_SECRET_KEY) {
    const { createLangfuseTelemetry } = await import("./langfuse/langfuse-telemetry.ts");
    parts.push(
      createLangfuseTelemetry({
        publicKey: env.LANGFUSE_PUBLIC_KEY,
        secretKey: env.LANGFUSE_SECRET_KEY,
        baseUrl: env.LANGFUSE_BASE_URL,
        logger,
      }),
    );
  }
  if (env.POSTHOG_API_KEY) {
    const [{ createPostHogClient }, { createPostHogTelemetry }] = await Promise.all([
      import("./posthog/posthog-client.ts"),
      import("./posthog/posthog-telemetry.ts"),
    ]);
    parts.push(
      createPostHogTelemetry(
        createPostHogClient({ apiKey: env.POSTHOG_API_KEY, host: env.POSTHOG_HOST }),
        logger,
      ),
    );
  }
  if (parts.length === 0) return noTelemetry;
  return parts.length === 1 && parts[0] ? parts[0] : combineTelemetry(...parts);
}
