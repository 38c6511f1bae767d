import { type Logger, pino } from "pino";

export type { Logger };

/** Paths pino blanks out wherever they appear, so a token passed by mistake never reaches a log line. */
export const redactedPaths = [
  "token",
  "*.token",
  "password",
  "*.password",
  "secret",
  "*.secret",
  "apiKey",
  "*.apiKey",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "config.headers.authorization",
  "databaseUrl",
  "*.databaseUrl",
  "redisUrl",
  "*.redisUrl",
  "env.DATABASE_URL",
  "env.REDIS_URL",
  "env.QDRANT_API_KEY",
  "env.OPENAI_API_KEY",
  "botToken",
  "*.botToken",
  "appToken",
  "*.appToken",
  "signingSecret",
  "*.signingSecret",
  "clientSecret",
  "*.clientSecret",
  "stateSecret",
  "*.stateSecret",
  "accessToken",
  "*.accessToken",
  "refreshToken",
  "*.refreshToken",
  "env.SLACK_BOT_TOKEN",
  "env.NOTION_TOKEN",
  "env.SLACK_APP_TOKEN",
  "env.SLACK_SIGNING_SECRET",
  "env.SLACK_CLIENT_SECRET",
  "env.SLACK_STATE_SECRET",
  "env.ENCRYPTION_KEY",
  "env.NOTION_CLIENT_SECRET",
  "env.NOTION_WEBHOOK_SECRET",
  "encryptionKey",
  "*.encryptionKey",
  // Vendor wire names (OAuth token responses, webhook verification) in case one is ever logged.
  "access_token",
  "*.access_token",
  "refresh_token",
  "*.refresh_token",
  "client_secret",
  "*.client_secret",
  "verification_token",
  "*.verification_token",
  "verificationToken",
  "*.verificationToken",
  "credentials",
  "*.credentials",
  // Billing and observability: Stripe's signature header and keys, Langfuse and PostHog keys.
  "stripe-signature",
  "*.stripe-signature",
  "headers.stripe-signature",
  "*.headers.stripe-signature",
  "secretKey",
  "*.secretKey",
  "webhookSecret",
  "*.webhookSecret",
  "env.STRIPE_SECRET_KEY",
  "env.STRIPE_WEBHOOK_SECRET",
  "env.LANGFUSE_SECRET_KEY",
  "env.POSTHOG_API_KEY",
];

export interface LoggerOptions {
  level?: string;
  /** Where lines go; stderr by default so stdout stays for command results. */
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      redact: { paths: redactedPaths, censor: "[redacted]" },
      base: null,
    },
    options.destination ?? pino.destination({ fd: 2, sync: true }),
  );
}

/** Removes credentials from a URL before it is logged or shown (redis://:pw@host → redis://***@host). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) {
      parsed.username = "***";
      parsed.password = "";
    }
    for (const key of [...parsed.searchParams.keys()]) {
      if (/key|token|secret|password/i.test(key)) parsed.searchParams.set(key, "***");
    }
    return parsed.toString();
  } catch {
    return "[unparseable url]";
  }
}
