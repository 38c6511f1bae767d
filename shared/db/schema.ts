import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import {
  check,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import type { DocumentAccess } from "../knowledge/document.ts";

// drizzle-kit loads this file on its own to diff it against the last snapshot: keep its imports to
// drizzle and types.

/** One numbered citation kept with an answer, so the reply can be rebuilt without the vector store. */
export interface AnswerSource {
  n: number;
  title: string;
  url: string;
  documentId: string;
}

/** "approved": served from the answer bank (an approved answer to a question of the same meaning), no model asked. */
export const answerModes = ["generated", "extractive", "approved"] as const;
export type AnswerMode = (typeof answerModes)[number];

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const workspaces = pgTable("workspaces", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  createdAt: createdAt(),
});

/**
 * What the indexer knows about each source document: enough to skip unchanged ones (content hash)
 * and to delete their chunks (chunk count) without asking the vector store.
 */
export const documents = pgTable(
  "documents",
  {
    /** Stable hash computed by the indexer from workspace, source and external id. */
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    source: text("source").notNull(),
    externalId: text("external_id").notNull(),
    title: text("title").notNull(),
    url: text("url").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    contentHash: text("content_hash").notNull(),
    chunkCount: integer("chunk_count").notNull().default(0),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    access: jsonb("access").$type<DocumentAccess>(),
    indexedAt: timestamp("indexed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique("documents_workspace_source_external_id_unique").on(
      table.workspaceId,
      table.source,
      table.externalId,
    ),
    index("documents_workspace_id_index").on(table.workspaceId),
  ],
);

/** Every question a bot accepted; (platform, event_id) makes redelivered events harmless. */
export const questions = pgTable(
  "questions",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => randomUUID()),
    workspaceId: text("workspace_id").notNull(),
    platform: text("platform").notNull(),
    eventId: text("event_id").notNull(),
    channelId: text("channel_id"),
    threadId: text("thread_id"),
    userId: text("user_id"),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (table) => [unique("questions_platform_event_id_unique").on(table.platform, table.eventId)],
);

/** At most one answer per question: a retried job overwrites it instead of adding another. */
export const answers = pgTable(
  "answers",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => randomUUID()),
    questionId: text("question_id")
      .notNull()
      .unique("answers_question_id_unique")
      .references(() => questions.id, { onDelete: "cascade" }),
    mode: text("mode").$type<AnswerMode>().notNull(),
    /** Null for extractive answers: no model wrote them. */
    model: text("model"),
    text: text("text").notNull(),
    sources: jsonb("sources").$type<AnswerSource[]>().notNull().default([]),
    promptTokens: integer("prompt_tokens").notNull().default(0),
    completionTokens: integer("completion_tokens").notNull().default(0),
    retrievalMs: integer("retrieval_ms").notNull().default(0),
    generationMs: integer("generation_ms").notNull().default(0),
    totalMs: integer("total_ms").notNull().default(0),
    /**
     * Exactly what was served (prompt version, system text, history, every passage with its
     * document's content hash, model attempts, posted message ids): enough to rebuild the prompt
     * byte for byte. Null only for answers recorded before it existed.
     */
    served: jsonb("served").$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (table) => [check("answers_mode_check", sql`${table.mode} in ('generated', 'extractive', 'approved')`)],
);

export const replyStates = ["open", "finished", "failed"] as const;
export type ReplyState = (typeof replyStates)[number];

/**
 * The one platform message an answer is written into, recorded before its first token is shown.
 * Any later attempt (another process, another machine) that finds it open takes it over and
 * finishes that same message: a thread never ends with a fragment next to the answer.
 */
export const replies = pgTable(
  "replies",
  {
    questionId: text("question_id")
      .primaryKey()
      .references(() => questions.id, { onDelete: "cascade" }),
    platform: text("platform").notNull(),
    /** The attempt writing it now ("<job id>#<attempt>"): a takeover replaces it. */
    owner: text("owner").notNull(),
    state: text("state").$type<ReplyState>().notNull().default("open"),
    /** The platform's handle on the message (Slack: ts and whether it is a native stream), or null before it is posted. */
    handle: jsonb("handle").$type<Record<string, unknown>>(),
    /** Every message of the final answer (a long one is split), once finished. */
    messageIds: jsonb("message_ids").$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [check("replies_state_check", sql`${table.state} in ('open', 'finished', 'failed')`)],
);

/**
 * Questions accepted while Redis was down: written here and moved to the queue as soon as Redis
 * answers. The id is the queue's dedupe key, so one question is one row and one job.
 */
export const questionOutbox = pgTable("question_outbox", {
  id: text("id").primaryKey(),
  queue: text("queue").notNull(),
  payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
  attempts: integer("attempts").notNull().default(0),
  lastError: text("last_error"),
  createdAt: createdAt(),
});

export const feedbackValues = ["up", "down"] as const;
export type FeedbackValue = (typeof feedbackValues)[number];

/** One 👍/👎 per person per answer: a second click with the same value changes nothing. */
export const feedback = pgTable(
  "feedback",
  {
    questionId: text("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    /** Who voted is (platform, user id): ids of two platforms may look alike. */
    platform: text("platform").notNull().default("slack"),
    userId: text("user_id").notNull(),
    value: text("value").$type<FeedbackValue>().notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique("feedback_question_platform_user_unique").on(table.questionId, table.platform, table.userId),
    check("feedback_value_check", sql`${table.value} in ('up', 'down')`),
  ],
);

/**
 * An approver's seal on an answer, optionally with corrected text: the raw material of the nightly
 * fine-tuning dataset. One per question; a correction replaces the text, keeping who approved first.
 */
export const approvals = pgTable("approvals", {
  questionId: text("question_id")
    .primaryKey()
    .references(() => questions.id, { onDelete: "cascade" }),
  /** The approver is (approved_by_platform, approved_by): a platform's user id. */
  approvedByPlatform: text("approved_by_platform").notNull().default("slack"),
  approvedBy: text("approved_by").notNull(),
  /** Null = the answer was approved as it was. */
  correctedText: text("corrected_text"),
  /**
   * The documents the answer cited and their content hashes when it was (re-)approved: once any of
   * them changes or disappears the approval is stale (not served from the answer bank, not trained on).
   */
  pins: jsonb("pins").$type<ApprovalPin[]>().notNull().default([]),
  /** When the pins were last set (the approval, or a re-approval of a stale one). */
  pinnedAt: timestamp("pinned_at", { withTimezone: true }).notNull().defaultNow(),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One cited document an approval stands on. */
export interface ApprovalPin {
  documentId: string;
  /** Null when the document was already gone from the index at approval time. */
  contentHash: string | null;
  title: string;
}

export const splitNames = ["train", "valid", "test"] as const;
export type SplitName = (typeof splitNames)[number];

/**
 * The split each approved question went to, fixed the first time a dataset is built: a question in
 * `test` stays in `test` in every later run (a frozen test set); a new near-duplicate joins its
 * cluster's split.
 */
export const datasetSplits = pgTable(
  "dataset_splits",
  {
    workspaceId: text("workspace_id").notNull(),
    questionId: text("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    /** The question cluster's key (its first member's normalized text hash). */
    cluster: text("cluster").notNull(),
    split: text("split").$type<SplitName>().notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.workspaceId, table.questionId] }),
    check("dataset_splits_split_check", sql`${table.split} in ('train', 'valid', 'test')`),
  ],
);

export const trainingRunStatuses = ["running", "promoted", "rejected", "skipped", "failed"] as const;
export type TrainingRunStatus = (typeof trainingRunStatuses)[number];

/** One `sabio train` run of a workspace, whatever its outcome: dataset manifest, config, logs, scores. */
export const trainingRuns = pgTable(
  "training_runs",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    status: text("status").$type<TrainingRunStatus>().notNull().default("running"),
    reason: text("reason"),
    /** The Ollama model the run made (`sabio-<workspace>:<run id>`), null before the import. */
    candidate: text("candidate"),
    /** The workspace's chat model when the run started (the one it had to beat). */
    current: text("current"),
    scores: jsonb("scores").$type<Record<string, unknown>>(),
    examples: integer("examples").notNull().default(0),
    trainSeconds: doublePrecision("train_seconds"),
    tokensPerSecond: doublePrecision("tokens_per_second"),
    peakMemoryGb: doublePrecision("peak_memory_gb"),
    /** Approvals changed up to here are in this run's dataset (the next run counts newer ones). */
    approvalsUntil: timestamp("approvals_until", { withTimezone: true }),
    manifest: jsonb("manifest").$type<Record<string, unknown>>(),
    config: text("config"),
    /** Parsed progress lines (iteration, train/val loss, tokens/s, peak memory). */
    progress: jsonb("progress").$type<Record<string, unknown>[]>().notNull().default([]),
    logTail: text("log_tail"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (table) => [
    index("training_runs_workspace_id_index").on(table.workspaceId),
    check(
      "training_runs_status_check",
      sql`${table.status} in ('running', 'promoted', 'rejected', 'skipped', 'failed')`,
    ),
  ],
);

/**
 * The workspace's chat model pointer and its history: the newest row is the current model (null
 * model = the default CHAT_MODEL); a promotion records the model it replaced, so a rollback restores
 * it (or the default when there was none).
 */
export const modelPromotions = pgTable(
  "model_promotions",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => randomUUID()),
    workspaceId: text("workspace_id").notNull(),
    /** The model now current; null = the default CHAT_MODEL. */
    model: text("model"),
    /** The model it replaced; null = the default. */
    previous: text("previous"),
    action: text("action").$type<"promote" | "rollback">().notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    index("model_promotions_workspace_id_index").on(table.workspaceId, table.createdAt),
    check("model_promotions_action_check", sql`${table.action} in ('promote', 'rollback')`),
  ],
);

/** Raw bytes: a dense vector as little-endian float32s, 4 bytes a dimension instead of ~10 as text. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/**
 * The answer bank's index: one row per approval indexed by its question (shared/answers/bank), with
 * the question's dense vector, or null while the embedder was down (then it is matched lexically,
 * and the vector is filled in later). Gone with its approval.
 */
export const answerBank = pgTable(
  "answer_bank",
  {
    questionId: text("question_id")
      .primaryKey()
      .references(() => approvals.questionId, { onDelete: "cascade" }),
    workspaceId: text("workspace_id").notNull(),
    embedding: bytea("embedding"),
    /** The model that made `embedding`; another model's vectors are not comparable. */
    embedModel: text("embed_model"),
    indexedAt: timestamp("indexed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("answer_bank_workspace_id_index").on(table.workspaceId, table.indexedAt)],
);

// Billing tables live beside this file; drizzle-kit reads them through this re-export.
export * from "./billing-schema.ts";

export type WorkspaceRow = typeof workspaces.$inferSelect;
export type DocumentRow = typeof documents.$inferSelect;
export type NewDocumentRow = typeof documents.$inferInsert;
export type QuestionRow = typeof questions.$inferSelect;
export type NewQuestionRow = typeof questions.$inferInsert;
export type AnswerRow = typeof answers.$inferSelect;
export type NewAnswerRow = typeof answers.$inferInsert;
export type FeedbackRow = typeof feedback.$inferSelect;
export type ApprovalRow = typeof approvals.$inferSelect;
export type DatasetSplitRow = typeof datasetSplits.$inferSelect;
export type TrainingRunRow = typeof trainingRuns.$inferSelect;
export type ModelPromotionRow = typeof modelPromotions.$inferSelect;
export type AnswerBankRow = typeof answerBank.$inferSelect;
export type ReplyRow = typeof replies.$inferSelect;
export type QuestionOutboxRow = typeof questionOutbox.$inferSelect;

/**
 * One installation of the distributed Slack app (OAuth v2), keyed by the team id, or by the
 * enterprise id for an org-wide install (then `team_id` is null). Tokens are stored sealed with
 * ENCRYPTION_KEY (shared/crypto/secret-box.ts), never in the clear. Uninstalling deletes the row;
 * the workspace's documents stay.
 */
export const slackInstallations = pgTable(
  "slack_installations",
  {
    /** The team id ("T…"), or the enterprise id ("E…") of an org-wide install. */
    installationKey: text("installation_key").primaryKey(),
    teamId: text("team_id"),
    teamName: text("team_name"),
    enterpriseId: text("enterprise_id"),
    /** The Sabio workspace this installation answers from, derived from the key. */
    workspaceId: text("workspace_id").notNull(),
    appId: text("app_id"),
    botId: text("bot_id").notNull(),
    botUserId: text("bot_user_id").notNull(),
    /** Comma-separated, as Slack writes them. */
    botScopes: text("bot_scopes").notNull(),
    botTokenEncrypted: text("bot_token_encrypted").notNull(),
    /** Only with token rotation on; null for tokens that never expire. */
    botRefreshTokenEncrypted: text("bot_refresh_token_encrypted"),
    botTokenExpiresAt: timestamp("bot_token_expires_at", { withTimezone: true }),
    installerUserId: text("installer_user_id").notNull(),
    installedAt: timestamp("installed_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique("slack_installations_workspace_id_unique").on(table.workspaceId),
    check(
      "slack_installations_team_or_enterprise_check",
      sql`${table.teamId} is not null or ${table.enterpriseId} is not null`,
    ),
  ],
);

export type SlackInstallationRow = typeof slackInstallations.$inferSelect;
export type NewSlackInstallationRow = typeof slackInstallations.$inferInsert;

export const sourceConnectionKinds = ["notion", "files", "drive"] as const;
export type SourceConnectionKind = (typeof sourceConnectionKinds)[number];
export const sourceConnectionStates = ["syncing", "ok", "needs_reauth", "error"] as const;
export type SourceConnectionState = (typeof sourceConnectionStates)[number];

/**
 * One connected knowledge source of a workspace (e.g. `notion-internal`) and how its syncing goes:
 * the connector's own sync state (where the next incremental sync starts), when the last sync and
 * the last complete (full) sync ran, and the last failure in plain words.
 */
export const sourceConnections = pgTable(
  "source_connections",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    kind: text("kind").$type<SourceConnectionKind>().notNull(),
    /**
     * The `source` its documents are indexed under, set by whoever creates the row: "notion" for the
     * internal integration, "notion:<notion workspace id>" for an OAuth connection, "files:<id>" for
     * a folder, so connections never share documents.
     */
    source: text("source").notNull(),
    /** What admins see: the Notion workspace's name, or "Notion (internal integration)". */
    label: text("label"),
    /** The vendor account connected (Notion workspace id): reconnecting it updates this row. */
    externalAccountId: text("external_account_id"),
    /** Who connected it (platform:user id), for telling them when it needs re-auth. */
    connectedBy: text("connected_by"),
    /** OAuth tokens sealed with ENCRYPTION_KEY (AES-256-GCM); null for env-token connections. */
    credentials: text("credentials"),
    /** A running sync's lease: at most one sync per connection; a killed one's lease runs out. */
    syncLeaseOwner: text("sync_lease_owner"),
    syncLeaseUntil: timestamp("sync_lease_until", { withTimezone: true }),
    state: text("state").$type<SourceConnectionState>().notNull().default("ok"),
    /**
     * Where the next incremental sync starts, opaque to everything but the connector of `kind`
     * (Notion: `{ cursor }`, the newest last-edited time seen; Drive: a changes page token). Null
     * until a first sync succeeds.
     */
    syncState: jsonb("sync_state").$type<unknown>(),
    lastCompleteSyncAt: timestamp("last_complete_sync_at", { withTimezone: true }),
    /** When the latest sync started (our clock), whatever its outcome. */
    lastSyncAt: timestamp("last_sync_at", { withTimezone: true }),
    lastError: text("last_error"),
    documentCount: integer("document_count").notNull().default(0),
    /** Per-kind settings that are not secrets (a folder's path and base URL). */
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique("source_connections_workspace_kind_id_unique").on(table.workspaceId, table.kind, table.id),
    index("source_connections_workspace_id_index").on(table.workspaceId),
    unique("source_connections_workspace_source_unique").on(table.workspaceId, table.source),
    check("source_connections_kind_check", sql`${table.kind} in ('notion', 'files', 'drive')`),
    check(
      "source_connections_state_check",
      sql`${table.state} in ('syncing', 'ok', 'needs_reauth', 'error')`,
    ),
  ],
);

export type SourceConnectionRow = typeof sourceConnections.$inferSelect;
export type NewSourceConnectionRow = typeof sourceConnections.$inferInsert;
