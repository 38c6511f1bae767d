import { z } from "zod";
import { encryptionKeyExample, isEncryptionKey } from "../crypto/encryption-key.ts";

// Each check carries its own message with one example: a bad value gets one line (load-env.ts).
const url = (example: string) => z.url({ error: `must be a URL, e.g. ${example}` });

/** A whole number from 1 (to `max`); every way of missing it says so with the same example. */
const positiveInt = (example: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce
    .number({ error: `must be a whole number, e.g. ${example}` })
    .int({ error: `must be a whole number, e.g. ${example}` })
    .min(1, { error: `must be at least 1, e.g. ${example}` })
    .max(max, { error: `must be at most ${max}, e.g. ${example}` });

const nonEmpty = (example: string) => z.string().min(1, { error: `must not be empty, e.g. ${example}` });

/**
 * EmbeddingGemma's Matryoshka sizes: its vectors keep their quality truncated to these, not others.
 * Held to with Ollama (which serves EmbeddingGemma); an OpenAI-compatible server's model has its own size.
 */
const embedDimensions = [768, 512, 256, 128];
const embedDimensionsError = "must be 768, 512, 256 or 128 (EmbeddingGemma's Matryoshka sizes), e.g. 256";

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === "" ? undefined : value));

/** Comma-separated ids (Slack users, Discord snowflakes): blanks dropped. */
const idList = z
  .string()
  .default("")
  .transform((value) =>
    value
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== ""),
  );

/** Discord snowflakes: 17–20 digits. */
const snowflakeList = (example: string) =>
  idList.refine((ids) => ids.every((id) => /^\d{17,20}$/.test(id)), {
    error: `must be comma-separated Discord ids (17–20 digits each), e.g. ${example}`,
  });

/** "true"/"false" (also 1/0, yes/no); anything else is an error, not silently false. */
const flag = (defaultValue: boolean) =>
  z
    .string()
    .default(String(defaultValue))
    .transform((value) => value.trim().toLowerCase())
    .refine((value) => ["true", "false", "1", "0", "yes", "no", ""].includes(value), {
      error: "must be true or false",
    })
    .transform((value) => (value === "" ? defaultValue : ["true", "1", "yes"].includes(value)));

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/**
 * Every environment variable Sabio reads, in one place. Parsed once at start (see load-env.ts);
 * the rest of the code receives the typed result, never `process.env`.
 */
export const envSchema = z
  .object({
    /** Directory for embedded state: PGlite database and LanceDB tables. */
    DATA_DIR: nonEmpty("./data").default("./data"),
    /** Log level: trace, debug, info, warn, error, fatal, silent. */
    LOG_LEVEL: z
      .enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"], {
        error: "must be trace, debug, info, warn, error, fatal or silent, e.g. info",
      })
      .default("info"),

    /** PostgreSQL connection URL; unset means embedded PGlite under DATA_DIR. */
    DATABASE_URL: url("postgres://user:pass@127.0.0.1:5432/sabio").optional(),
    /** Redis for queues (bots and workers only; CLI ingest/search/ask never need it). */
    REDIS_URL: url("redis://127.0.0.1:6379").default("redis://127.0.0.1:6379"),

    /** Which vector store holds chunks: embedded LanceDB or a Qdrant server. */
    VECTOR_STORE: z.enum(["lancedb", "qdrant"], { error: "must be lancedb or qdrant" }).default("lancedb"),
    /** Qdrant REST URL (vendor default port 6333). */
    QDRANT_URL: url("http://127.0.0.1:6333").default("http://127.0.0.1:6333"),
    /** Qdrant API key, for Qdrant Cloud or a secured server. */
    QDRANT_API_KEY: optionalString,

    /** Which kind of model server answers chat and embeddings: Ollama, or any OpenAI-compatible API. */
    MODEL_PROVIDER: z.enum(["ollama", "openai"], { error: "must be ollama or openai" }).default("ollama"),
    /** OpenAI-compatible API base, /v1 included (llama-server, LM Studio, vLLM, LiteLLM); used with MODEL_PROVIDER=openai. */
    OPENAI_BASE_URL: url("http://127.0.0.1:8080/v1").optional(),
    /** Bearer key for that API; unset for servers that need none (a local llama-server). */
    OPENAI_API_KEY: optionalString,
    /** Ollama server (vendor default). */
    OLLAMA_HOST: url("http://127.0.0.1:11434").default("http://127.0.0.1:11434"),
    /** Embedding model served by Ollama. */
    EMBED_MODEL: nonEmpty("embeddinggemma").default("embeddinggemma"),
    /**
     * Size the embeddings are truncated to: with Ollama one of EmbeddingGemma's Matryoshka sizes
     * (768, 512, 256 or 128; checked below), with MODEL_PROVIDER=openai up to the model's own (1024, 1536…).
     */
    EMBED_DIMENSIONS: positiveInt(256, 8192).default(256),
    /** Chat model for answers. */
    CHAT_MODEL: nonEmpty("gemma4:e4b").default("gemma4:e4b"),
    /** Smaller model tried when the main one fails or times out. */
    FALLBACK_CHAT_MODEL: z.string().default("gemma4:e2b"),
    /** Seconds a generation may take before falling back. */
    CHAT_TIMEOUT_SECONDS: positiveInt(120).default(120),
    /** How many passages go into the prompt. */
    ANSWER_TOP_K: positiveInt(6, 50).default(6),
    /**
     * Who sees a Drive document: `enforce` = only who its Drive sharing lets (the asker's email);
     * `workspace` = everyone in the Sabio workspace sees what the connected account sees. Read at
     * search time: switching needs no re-sync.
     */
    DRIVE_ACCESS: z
      .enum(["enforce", "workspace"], { error: "must be enforce or workspace, e.g. enforce" })
      .default("enforce"),

    /** Prefix of every queue key in Redis, so several deployments can share one Redis. */
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be 1–64 letters, digits, "-" or "_", e.g. sabio' })
      .default("sabio"),
    /** The Sabio workspace a single-workspace Slack or Discord install feeds (`sabio ingest --workspace`). */
    SABIO_WORKSPACE: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, { error: 'must be 1–63 of a-z, 0-9, "-" or "_", e.g. default' })
      .default("default"),
    /** Port of the Slack bot's HTTP server (events, OAuth install) in HTTP mode. */
    PORT: positiveInt(3000, 65535).default(3000),

    /** Slack Web API base URL (GovSlack: https://slack-gov.com/api/; proxies; test stand-ins). */
    SLACK_API_URL: url("https://slack.com/api/").default("https://slack.com/api/"),
    /** Bot token (xoxb-…) for a single-workspace install. */
    SLACK_BOT_TOKEN: optionalString,
    /** App-level token (xapp-…, connections:write) for Socket Mode: no public URL needed. */
    SLACK_APP_TOKEN: optionalString,
    /** Signing secret: verifies requests to POST /slack/events (HTTP mode). */
    SLACK_SIGNING_SECRET: optionalString,
    /** OAuth (multi-workspace distribution). */
    SLACK_CLIENT_ID: optionalString,
    SLACK_CLIENT_SECRET: optionalString,
    SLACK_STATE_SECRET: optionalString,
    /** 32 random bytes (base64, or 64 hex digits) sealing secrets at rest: installed Slack workspaces' tokens. */
    ENCRYPTION_KEY: optionalString.refine((value) => value === undefined || isEncryptionKey(value), {
      error: `must be 32 bytes as base64 or 64 hex digits, e.g. the output of \`${encryptionKeyExample}\``,
    }),
    /** Extra approvers besides workspace admins/owners: comma-separated Slack user ids. */
    SLACK_APPROVERS: idList,

    /** Discord bot token (Developer Portal → Bot): turns on the `discord` role of `sabio start`. */
    DISCORD_TOKEN: optionalString,
    /** Discord REST base (no version): proxies and test stand-ins; the gateway URL comes from GET /gateway/bot. */
    DISCORD_API_URL: url("https://discord.com/api").default("https://discord.com/api"),
    /**
     * Ask for the privileged Message Content intent (switch it on in the Developer Portal): needed to
     * read follow-ups in a thread without a new mention. false: follow-ups need a mention.
     */
    DISCORD_MESSAGE_CONTENT: flag(true),
    /** Each guild answers from its own workspace `discord-<guild id>` (a public bot) instead of SABIO_WORKSPACE. */
    DISCORD_WORKSPACE_PER_GUILD: flag(false),
    /** Register slash commands in these guilds at once (comma-separated ids) instead of globally. */
    DISCORD_GUILD_IDS: snowflakeList("123456789012345678"),
    /** Roles whose members may approve answers, besides members with Manage Server. */
    DISCORD_APPROVER_ROLE_IDS: snowflakeList("123456789012345678"),
    /** Users who may approve answers, besides members with Manage Server. */
    DISCORD_APPROVERS: snowflakeList("123456789012345678"),

    /** Notion API base URL (no /v1): proxies and test stand-ins. */
    NOTION_API_URL: url("https://api.notion.com").default("https://api.notion.com"),
    /** Internal integration token (secret_… / ntn_…): connects one Notion workspace to SABIO_WORKSPACE. */
    NOTION_TOKEN: optionalString,
    /** Public integration (OAuth): admins connect their own Notion workspaces from Slack or the CLI. */
    NOTION_CLIENT_ID: optionalString,
    NOTION_CLIENT_SECRET: optionalString,
    /** The Notion webhook subscription's verification token: Notion signs events with it (X-Notion-Signature). Unset = no webhook route. */
    NOTION_WEBHOOK_SECRET: optionalString,
    /** Minutes between incremental syncs of each Notion connection (the sync role's schedule). */
    NOTION_SYNC_MINUTES: positiveInt(15, 24 * 60).default(15),
    /** When the daily full sync of every scheduled source runs (cron, in TIMEZONE): it catches un-shared pages. */
    NOTION_FULL_SYNC_CRON: z
      .string()
      .regex(/^\S+( \S+){4,5}$/, { error: 'must be a cron pattern of 5 or 6 fields, e.g. "0 3 * * *"' })
      .default("0 3 * * *"),
    /** Average Notion requests per second per token, shared by every worker through Redis. */
    NOTION_REQUESTS_PER_SECOND: z.coerce
      .number({ error: "must be a number, e.g. 3" })
      .positive({ error: "must be more than 0, e.g. 3" })
      .max(100, { error: "must be at most 100, e.g. 3" })
      .default(3),
    /** Minutes between incremental syncs of each Google Drive connection (the sync role's schedule). */
    DRIVE_SYNC_MINUTES: positiveInt(15, 24 * 60).default(15),
    /** Google OAuth web client (Google Cloud console): admins connect Drive through a one-time link. */
    GOOGLE_CLIENT_ID: optionalString,
    GOOGLE_CLIENT_SECRET: optionalString,
    /** Drive API root (the client's `rootUrl`; a path in it is dropped): proxies, data residency, stand-ins. */
    GOOGLE_API_URL: url("https://www.googleapis.com/").default("https://www.googleapis.com/"),
    /** Where admins consent (OAuth authorize endpoint). */
    GOOGLE_OAUTH_URL: url("https://accounts.google.com/o/oauth2/v2/auth").default(
      "https://accounts.google.com/o/oauth2/v2/auth",
    ),
    /** Where codes are exchanged and tokens refreshed, service-account grants included. */
    GOOGLE_TOKEN_URL: url("https://oauth2.googleapis.com/token").default(
      "https://oauth2.googleapis.com/token",
    ),
    /** A service account's JSON key file (Workspace admins): connects Drive to SABIO_WORKSPACE, like NOTION_TOKEN. */
    GOOGLE_SERVICE_ACCOUNT_FILE: optionalString,
    /** The user the service account acts as (domain-wide delegation); unset = the service account itself. */
    GOOGLE_DRIVE_SUBJECT: optionalString.refine(
      (value) => value === undefined || /^[^@\s]+@[^@\s]+$/.test(value),
      {
        error: "must be an email address, e.g. admin@example.com",
      },
    ),
    /** Largest Drive file downloaded for parsing, in MB; bigger ones are skipped and reported. */
    DRIVE_MAX_FILE_MB: positiveInt(20, 1024).default(20),
    /** IANA time zone for schedules (daily full sync, nightly training). */
    TIMEZONE: z
      .string()
      .refine(isTimeZone, { error: 'must be an IANA time zone, e.g. "Europe/Berlin" or "UTC"' })
      .default("UTC"),

    /** Answer bank: how close (0–1) a new question must be to an approved one to get its approved answer; see shared/answers/bank. */
    ANSWER_BANK_THRESHOLD: z.coerce
      .number({ error: "must be a number between 0 and 1, e.g. 0.9" })
      .min(0, { error: "must be between 0 and 1, e.g. 0.9" })
      .max(1, { error: "must be between 0 and 1, e.g. 0.9" })
      .optional(),
    /** Nightly fine-tuning (the `train` role), cron in TIMEZONE. */
    TRAIN_CRON: z
      .string()
      .regex(/^\S+( \S+){4,5}$/, { error: 'must be a cron pattern of 5 or 6 fields, e.g. "0 2 * * *"' })
      .default("0 2 * * *"),
    /** Approvals not yet trained on that a workspace needs before a run trains (fewer: skipped). */
    TRAIN_MIN_EXAMPLES: positiveInt(50, 1_000_000).default(50),
    TRAIN_BATCH_SIZE: positiveInt(4, 1024).default(4),
    /** Longest training example in tokens (MLX-LM's max_seq_length): context is shortened to fit, never the answer. */
    TRAIN_MAX_SEQ_TOKENS: positiveInt(2048, 131_072).default(2048),
    TRAIN_ITERS: positiveInt(600, 1_000_000).default(600),
    /** The model MLX-LM fine-tunes (a Hugging Face id or local path); fused weights are imported into Ollama. */
    TRAIN_BASE_MODEL: nonEmpty("mlx-community/gemma-3-4b-it-bf16").default(
      "mlx-community/gemma-3-4b-it-bf16",
    ),
    /** The trainer and fuser executables (MLX-LM's CLI); a path or a name on PATH. */
    TRAIN_COMMAND: nonEmpty("mlx_lm.lora").default("mlx_lm.lora"),
    FUSE_COMMAND: nonEmpty("mlx_lm.fuse").default("mlx_lm.fuse"),
    /** A trainer running longer is stopped and the run failed (fractions allowed, e.g. 0.5). */
    TRAIN_TIMEOUT_MINUTES: z.coerce
      .number({ error: "must be a number of minutes, e.g. 240" })
      .positive({ error: "must be more than 0, e.g. 240" })
      .default(240),
    /** How much better (0–1, on the held-out score) a candidate must be than the current model to be promoted. */
    TRAIN_PROMOTE_MARGIN: z.coerce
      .number({ error: "must be a number between 0 and 1, e.g. 0.02" })
      .min(0, { error: "must be between 0 and 1, e.g. 0.02" })
      .max(1, { error: "must be between 0 and 1, e.g. 0.02" })
      .default(0.02),

    /** Billing (Stripe, per seat): off while STRIPE_SECRET_KEY is unset — every workspace answers, no Stripe call. */
    STRIPE_SECRET_KEY: optionalString,
    /** The one recurring licensed per-seat price (price_…). */
    STRIPE_PRICE_ID: optionalString,
    /** The webhook endpoint's signing secret (whsec_…): `POST /webhooks/stripe` on the web role. */
    STRIPE_WEBHOOK_SECRET: optionalString,
    STRIPE_API_URL: url("https://api.stripe.com").default("https://api.stripe.com"),
    /** Days a new workspace answers before it needs a subscription; 0 = no trial. */
    BILLING_TRIAL_DAYS: z.coerce
      .number({ error: "must be a whole number of days, e.g. 14" })
      .int({ error: "must be a whole number of days, e.g. 14" })
      .min(0, { error: "must be 0 or more, e.g. 14" })
      .max(730, { error: "must be at most 730, e.g. 14" })
      .default(14),
    /** Langfuse tracing: off while the keys are unset. */
    LANGFUSE_PUBLIC_KEY: optionalString,
    LANGFUSE_SECRET_KEY: optionalString,
    LANGFUSE_BASE_URL: url("https://cloud.langfuse.com").default("https://cloud.langfuse.com"),
    /** PostHog product analytics (ids, counts and timings only): off while unset. */
    POSTHOG_API_KEY: optionalString,
    POSTHOG_HOST: url("https://us.i.posthog.com").default("https://us.i.posthog.com"),
    /** Every `sabio start` process serves /metrics (Prometheus) and /healthz here; 0 = off. */
    METRICS_PORT: z.coerce
      .number({ error: "must be a port number, e.g. 9464" })
      .int({ error: "must be a port number, e.g. 9464" })
      .min(0, { error: "must be a port number, e.g. 9464" })
      .max(65535, { error: "must be a port number, e.g. 9464" })
      .default(9464),

    /** The `web` role (OAuth callbacks, webhooks) listens here. */
    WEB_PORT: z.coerce
      .number({ error: "must be a port number, e.g. 3001" })
      .int({ error: "must be a port number, e.g. 3001" })
      .min(0, { error: "must be a port number, e.g. 3001" })
      .max(65535, { error: "must be a port number, e.g. 3001" })
      .default(3001),
    /** Where users' browsers and vendors reach the web role (OAuth redirect URLs are built on it); required with STRIPE_SECRET_KEY. */
    PUBLIC_URL: url("https://sabio.example.com").optional(),

    /** Answer worker: questions processed at once on this machine. */
    ANSWER_CONCURRENCY: positiveInt(2, 64).default(2),
    /** Seconds a process waits for running jobs on SIGINT/SIGTERM before closing hard. */
    SHUTDOWN_TIMEOUT_SECONDS: positiveInt(25).default(25),
  })
  .superRefine((env, context) => {
    const oauth = [env.SLACK_CLIENT_ID, env.SLACK_CLIENT_SECRET, env.SLACK_STATE_SECRET];
    if (oauth.some(Boolean) && !oauth.every(Boolean)) {
      for (const [name, value] of [
        ["SLACK_CLIENT_ID", env.SLACK_CLIENT_ID],
        ["SLACK_CLIENT_SECRET", env.SLACK_CLIENT_SECRET],
        ["SLACK_STATE_SECRET", env.SLACK_STATE_SECRET],
      ] as const) {
        if (!value) {
          context.addIssue({
            code: "custom",
            path: [name],
            message:
              "is required with the other Slack OAuth variables (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET)",
          });
        }
      }
    }
    if (oauth.every(Boolean)) {
      if (!env.ENCRYPTION_KEY) {
        context.addIssue({
          code: "custom",
          path: ["ENCRYPTION_KEY"],
          message: `is required with the Slack OAuth variables: installed workspaces' tokens are stored encrypted (generate one with \`${encryptionKeyExample}\`)`,
        });
      }
      if (!env.SLACK_SIGNING_SECRET) {
        context.addIssue({
          code: "custom",
          path: ["SLACK_SIGNING_SECRET"],
          message:
            "is required with the Slack OAuth variables: installs and events arrive over HTTP (/slack/install, /slack/events)",
        });
      }
      if (env.SLACK_BOT_TOKEN) {
        context.addIssue({
          code: "custom",
          path: ["SLACK_BOT_TOKEN"],
          message:
            "must be unset with the Slack OAuth variables: each installed workspace brings its own token",
        });
      }
    } else if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      context.addIssue({
        code: "custom",
        path: ["SLACK_APP_TOKEN"],
        message: "or SLACK_SIGNING_SECRET is required to receive Slack events (Socket Mode or HTTP)",
      });
    }
    const notionOAuth = [env.NOTION_CLIENT_ID, env.NOTION_CLIENT_SECRET];
    if (notionOAuth.some(Boolean) && !notionOAuth.every(Boolean)) {
      const missing = env.NOTION_CLIENT_ID ? "NOTION_CLIENT_SECRET" : "NOTION_CLIENT_ID";
      context.addIssue({
        code: "custom",
        path: [missing],
        message: "is required with the other Notion OAuth variable (NOTION_CLIENT_ID, NOTION_CLIENT_SECRET)",
      });
    }
    if (notionOAuth.every(Boolean) && !env.ENCRYPTION_KEY) {
      context.addIssue({
        code: "custom",
        path: ["ENCRYPTION_KEY"],
        message: `is required with NOTION_CLIENT_ID: connected workspaces' tokens are stored encrypted (generate one with \`${encryptionKeyExample}\`)`,
      });
    }
    const googleOAuth = [env.GOOGLE_CLIENT_ID, env.GOOGLE_CLIENT_SECRET];
    if (googleOAuth.some(Boolean) && !googleOAuth.every(Boolean)) {
      context.addIssue({
        code: "custom",
        path: [env.GOOGLE_CLIENT_ID ? "GOOGLE_CLIENT_SECRET" : "GOOGLE_CLIENT_ID"],
        message: "is required with the other Google OAuth variable (GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET)",
      });
    }
    if (googleOAuth.every(Boolean) && !env.ENCRYPTION_KEY) {
      context.addIssue({
        code: "custom",
        path: ["ENCRYPTION_KEY"],
        message: `is required with GOOGLE_CLIENT_ID: connected Drive accounts' tokens are stored encrypted (generate one with \`${encryptionKeyExample}\`)`,
      });
    }
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_PRICE_ID) {
      context.addIssue({
        code: "custom",
        path: ["STRIPE_PRICE_ID"],
        message:
          "is required with STRIPE_SECRET_KEY: the recurring per-seat price workspaces subscribe to (price_…)",
      });
    }
    // Checked at start, not at an admin's first /sabio billing: without it no Checkout link can be made.
    if (env.STRIPE_SECRET_KEY && !env.PUBLIC_URL) {
      context.addIssue({
        code: "custom",
        path: ["PUBLIC_URL"],
        message:
          "is required with STRIPE_SECRET_KEY: Stripe sends admins back there after Checkout and the Customer Portal; set it to where browsers reach the web role, e.g. https://sabio.example.com",
      });
    }
    const langfuse = [env.LANGFUSE_PUBLIC_KEY, env.LANGFUSE_SECRET_KEY];
    if (langfuse.some(Boolean) && !langfuse.every(Boolean)) {
      context.addIssue({
        code: "custom",
        path: [env.LANGFUSE_PUBLIC_KEY ? "LANGFUSE_SECRET_KEY" : "LANGFUSE_PUBLIC_KEY"],
        message: "is required with the other Langfuse key (LANGFUSE_PUBLIC_KEY, LANGFUSE_SECRET_KEY)",
      });
    }
    if (env.GOOGLE_DRIVE_SUBJECT && !env.GOOGLE_SERVICE_ACCOUNT_FILE) {
      context.addIssue({
        code: "custom",
        path: ["GOOGLE_SERVICE_ACCOUNT_FILE"],
        message: "is required with GOOGLE_DRIVE_SUBJECT: the subject is whom the service account acts as",
      });
    }
    if (env.MODEL_PROVIDER === "ollama" && !embedDimensions.includes(env.EMBED_DIMENSIONS)) {
      context.addIssue({ code: "custom", path: ["EMBED_DIMENSIONS"], message: embedDimensionsError });
    }
    if (env.MODEL_PROVIDER === "openai" && !env.OPENAI_BASE_URL) {
      context.addIssue({
        code: "custom",
        path: ["OPENAI_BASE_URL"],
        message: "is required when MODEL_PROVIDER=openai, e.g. http://127.0.0.1:8080/v1",
      });
    }
    if (env.VECTOR_STORE === "qdrant" && !env.QDRANT_URL) {
      context.addIssue({
        code: "custom",
        path: ["QDRANT_URL"],
        message: "is required when VECTOR_STORE=qdrant",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;
/** Variables whose values must never be printed. */
export const secretVariables = [
  "DATABASE_URL",
  "REDIS_URL",
  "QDRANT_API_KEY",
  "OPENAI_API_KEY",
  "SLACK_BOT_TOKEN",
  "DISCORD_TOKEN",
  "NOTION_TOKEN",
  "NOTION_CLIENT_SECRET",
  "NOTION_WEBHOOK_SECRET",
  "GOOGLE_CLIENT_SECRET",
  "SLACK_APP_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_CLIENT_SECRET",
  "SLACK_STATE_SECRET",
  "ENCRYPTION_KEY",
  "STRIPE_SECRET_KEY",
  "STRIPE_WEBHOOK_SECRET",
  "LANGFUSE_SECRET_KEY",
  "POSTHOG_API_KEY",
] as const;
