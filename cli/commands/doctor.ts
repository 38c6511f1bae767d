import { existsSync } from "node:fs";
import { Redis } from "ioredis";
import { createNotionClient } from "#connectors/notion/client/create-notion-client.ts";
import { toNotionError } from "#connectors/notion/client/notion-error.ts";
import { findExposedPaths } from "#shared/db/private-directory.ts";
import { errorMessage, isAppError } from "#shared/errors/app-error.ts";
import { redactUrl } from "#shared/log/logger.ts";
import type { Output } from "../output.ts";
import type { Services } from "../services.ts";

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  /** How to fix it, when not ok. */
  fix?: string;
  /** Not ok, but nothing stops working: printed as WARN, the exit code stays 0. */
  warning?: boolean;
}

/** Model names match with or without Ollama's implicit ":latest" tag. */
export function hasModel(available: string[], wanted: string): boolean {
  const normalise = (name: string) => (name.includes(":") ? name : `${name}:latest`);
  return available.some((name) => normalise(name) === normalise(wanted));
}

async function check(
  name: string,
  run: () => Promise<string>,
  fix: (error: unknown) => string,
): Promise<Check> {
  try {
    return { name, ok: true, detail: await run() };
  } catch (error) {
    const hint = isAppError(error) && error.hint ? error.hint : fix(error);
    return { name, ok: false, detail: errorMessage(error), fix: hint };
  }
}

/**
 * `sabio doctor`: checks every outside service and says how to fix what is missing. Connections'
 * sync states are `sabio sources`' business; here only whether NOTION_TOKEN is accepted at all.
 */
export async function doctorCommand(services: Services, output: Output): Promise<number> {
  const { env } = services;
  const checks: Check[] = [];
  // Looked at before the database opens: opening it makes the directory private again.
  const privacy = await dataDirPrivacy(env.DATA_DIR);
  if (privacy) checks.push(privacy);
  checks.push(
    await check(
      "Redis",
      async () => {
        const redis = new Redis(env.REDIS_URL, {
          lazyConnect: true,
          connectTimeout: 2_000,
          maxRetriesPerRequest: 0,
        });
        redis.on("error", () => {});
        try {
          await redis.connect();
          return `${await redis.ping()} from ${redactUrl(env.REDIS_URL)}`;
        } finally {
          redis.disconnect();
        }
      },
      () =>
        `Start Redis (e.g. \`redis-server\` or \`docker compose up -d redis\`) or set REDIS_URL. Only \`start\` (bots, workers) needs it.`,
    ),
  );
  checks.push(
    await check(
      "Database",
      async () => {
        const database = await services.database();
        return database.kind === "pglite"
          ? `PGlite under ${env.DATA_DIR}`
          : `PostgreSQL at ${redactUrl(env.DATABASE_URL ?? "")}`;
      },
      () => "Check DATABASE_URL, or unset it to use the embedded PGlite database.",
    ),
  );
  checks.push(
    await check(
      "Vector store",
      async () => {
        await services.store().ping();
        return env.VECTOR_STORE === "qdrant"
          ? `Qdrant at ${redactUrl(env.QDRANT_URL)}`
          : `LanceDB under ${env.DATA_DIR}`;
      },
      () =>
        env.VECTOR_STORE === "qdrant"
          ? `Start Qdrant or fix QDRANT_URL (${env.QDRANT_URL}).`
          : "Check DATA_DIR is writable.",
    ),
  );
  checks.push(...(await modelServerChecks(services)));
  if (env.NOTION_TOKEN) {
    const token = env.NOTION_TOKEN;
    checks.push(
      await check(
        "Notion",
        async () => {
          const client = createNotionClient({ token, baseUrl: env.NOTION_API_URL, timeoutMs: 5_000 });
          const bot = await client.users.me({}).catch((thrown: unknown) => {
            throw toNotionError(thrown);
          });
          return `NOTION_TOKEN is accepted (integration "${bot.name ?? bot.id}") at ${env.NOTION_API_URL}`;
        },
        () => `Check NOTION_API_URL (${env.NOTION_API_URL}) and the network.`,
      ),
    );
  }
  for (const item of checks) {
    output.out(
      `${item.ok ? "ok  " : item.warning ? "WARN" : "FAIL"}  ${item.name}: ${item.detail}${item.fix ? `\n      fix: ${item.fix}` : ""}`,
    );
  }
  return checks.every((item) => item.ok || item.warning) ? 0 : 1;
}

/** The model server (Ollama, or the OpenAI-compatible one MODEL_PROVIDER=openai names) and each configured model on it. */
async function modelServerChecks(services: Services): Promise<Check[]> {
  const { env } = services;
  const openAi = env.MODEL_PROVIDER === "openai";
  const where = services.chatModel().host;
  let models: string[] | undefined;
  const server = await check(
    openAi ? "Model server (OpenAI-compatible)" : "Ollama",
    async () => {
      models = await services.chatModel().listModels(AbortSignal.timeout(3_000));
      const key = openAi && env.OPENAI_API_KEY ? ", OPENAI_API_KEY accepted" : "";
      return `${models.length} models at ${where}${key}`;
    },
    () =>
      openAi
        ? `Start the server or fix OPENAI_BASE_URL (${where}). Without it, answers are extractive (quoted passages).`
        : `Start Ollama (\`ollama serve\`) or set OLLAMA_HOST. Without it, answers are extractive (quoted passages).`,
  );
  const checks = [server];
  for (const [role, model, variable] of [
    ["chat model", env.CHAT_MODEL, "CHAT_MODEL"],
    ["fallback chat model", env.FALLBACK_CHAT_MODEL, "FALLBACK_CHAT_MODEL"],
    ["embedding model", env.EMBED_MODEL, "EMBED_MODEL"],
  ] as const) {
    if (!model) continue;
    const fix = openAi
      ? `load "${model}" on the server at ${where}, or set ${variable} to a model it serves${models?.length ? ` (${models.slice(0, 5).join(", ")})` : ""}`
      : `ollama pull ${model}`;
    if (!models) {
      checks.push({
        name: `${role} ${model}`,
        ok: false,
        detail: openAi ? "model server not reachable" : "Ollama not reachable",
        fix,
      });
      continue;
    }
    // OpenAI-compatible servers list exact ids; Ollama's ":latest" is implied.
    const present = openAi ? models.includes(model) : hasModel(models, model);
    const [yes, no] = openAi ? ["served", "not served"] : ["pulled", "not pulled"];
    checks.push({
      name: `${role} ${model}`,
      ok: present,
      detail: present ? yes : no,
      ...(present ? {} : { fix }),
    });
  }
  return checks;
}

/**
 * DATA_DIR holds questions, documents and secret files: other local users must not read or change
 * it. Sabio makes it private itself; this catches a copy, a restore or a chmod that undid that.
 */
async function dataDirPrivacy(dataDir: string): Promise<Check | undefined> {
  if (!existsSync(dataDir)) return undefined;
  const exposed = await findExposedPaths(dataDir, 5);
  if (exposed.length === 0)
    return { name: "Data directory", ok: true, detail: `${dataDir} is private to this user` };
  return {
    name: "Data directory",
    ok: false,
    warning: true,
    detail: `group or others may read or write ${exposed.join(", ")}${exposed.length === 5 ? ", …" : ""}`,
    fix: `chmod -R go-rwx ${dataDir}`,
  };
}
