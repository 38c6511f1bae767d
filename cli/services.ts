import { join } from "node:path";
import type { Env } from "#shared/config/env.ts";
import { type Database, openDatabase } from "#shared/db/open-database.ts";
import { errorMessage } from "#shared/errors/app-error.ts";
import type { Embedder } from "#shared/knowledge/embed/embedder.ts";
import { createOllamaEmbedder } from "#shared/knowledge/embed/ollama-embedder.ts";
import { createOpenAiEmbedder } from "#shared/knowledge/embed/openai-embedder.ts";
import { createLanceDbStore } from "#shared/knowledge/store/lancedb-store.ts";
import { createQdrantStore } from "#shared/knowledge/store/qdrant-store.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import { type ViewerResolver, viewerResolver } from "#shared/knowledge/store/viewer-groups.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { ChatModel } from "#shared/model/chat-model.ts";
import { createOllamaChatModel } from "#shared/model/ollama-chat-model.ts";
import { createOpenAiChatModel } from "#shared/model/openai-chat-model.ts";
import type { AnswerSettings } from "#workers/answer/answer-question.ts";

/**
 * The one place that turns configuration into real adapters. Each is created on first use, so a
 * command only opens what it needs (search never opens the database, nothing here needs Redis).
 */
export interface Services {
  env: Env;
  logger: Logger;
  database(): Promise<Database>;
  store(): VectorStore;
  embedder(): Embedder;
  chatModel(): ChatModel;
  answerSettings(): AnswerSettings;
  /** Adds an asker's groups from the Workspace directory (when configured) for access checks. */
  viewers(): ViewerResolver;
  close(): Promise<void>;
}

export function createServices(env: Env, logger: Logger): Services {
  let database: Promise<Database> | undefined;
  let store: VectorStore | undefined;
  let embedder: Embedder | undefined;
  let chatModel: ChatModel | undefined;
  let viewers: ViewerResolver | undefined;
  // MODEL_PROVIDER picks the server behind both interfaces; env.ts makes OPENAI_BASE_URL required for openai.
  const openAi =
    env.MODEL_PROVIDER === "openai" && env.OPENAI_BASE_URL
      ? { baseUrl: env.OPENAI_BASE_URL, apiKey: env.OPENAI_API_KEY }
      : undefined;
  return {
    env,
    logger,
    database() {
      database ??= openDatabase({
        dataDir: env.DATA_DIR,
        ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
      });
      return database;
    },
    store() {
      store ??=
        env.VECTOR_STORE === "qdrant"
          ? createQdrantStore({
              url: env.QDRANT_URL,
              dimensions: env.EMBED_DIMENSIONS,
              ...(env.QDRANT_API_KEY ? { apiKey: env.QDRANT_API_KEY } : {}),
            })
          : createLanceDbStore({
              directory: join(env.DATA_DIR, "lancedb"),
              dimensions: env.EMBED_DIMENSIONS,
              onBackgroundError: (error, workspaceId) =>
                logger.warn(
                  { err: errorMessage(error), workspaceId },
                  "index upkeep failed; retried at the next write",
                ),
            });
      return store;
    },
    embedder() {
      const settings = { model: env.EMBED_MODEL, dimensions: env.EMBED_DIMENSIONS };
      embedder ??= openAi
        ? createOpenAiEmbedder({ ...openAi, ...settings })
        : createOllamaEmbedder({ host: env.OLLAMA_HOST, ...settings });
      return embedder;
    },
    chatModel() {
      chatModel ??= openAi ? createOpenAiChatModel(openAi) : createOllamaChatModel({ host: env.OLLAMA_HOST });
      return chatModel;
    },
    answerSettings() {
      return {
        chatModel: env.CHAT_MODEL,
        fallbackChatModel: env.FALLBACK_CHAT_MODEL,
        timeoutMs: env.CHAT_TIMEOUT_SECONDS * 1000,
        topK: env.ANSWER_TOP_K,
        access: env.DRIVE_ACCESS,
      };
    },
    viewers() {
      viewers ??= directoryViewers(env, logger);
      return viewers;
    },
    async close() {
      await store?.close();
      if (database) await (await database).close();
    },
  };
}

/**
 * Viewers with their Google groups when a service account acts as an admin; the Admin SDK is
 * loaded only then, on the first look-up (it costs seconds of start-up for every command otherwise).
 */
function directoryViewers(env: Env, logger: Logger): ViewerResolver {
  if (!env.GOOGLE_SERVICE_ACCOUNT_FILE || !env.GOOGLE_DRIVE_SUBJECT) return viewerResolver(undefined);
  let resolver: Promise<ViewerResolver> | undefined;
  return async (viewer) => {
    resolver ??= import("#connectors/drive/directory/group-directory-from-env.ts").then((module) =>
      viewerResolver(module.groupDirectoryFromEnv(env, logger)),
    );
    return (await resolver)(viewer);
  };
}
