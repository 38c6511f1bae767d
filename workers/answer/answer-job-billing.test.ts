import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refusalTexts } from "#shared/billing/access-decision.ts";
import { billingFromEnv } from "#shared/billing/billing-from-env.ts";
import type { Database } from "#shared/db/open-database.ts";
import { getAnswer } from "#shared/db/question-repository.ts";
import { billingAccounts, questions } from "#shared/db/schema.ts";
import { createOllamaEmbedder } from "#shared/knowledge/embed/ollama-embedder.ts";
import { indexDocuments } from "#shared/knowledge/index-documents.ts";
import { createLanceDbStore } from "#shared/knowledge/store/lancedb-store.ts";
import type { VectorStore } from "#shared/knowledge/store/vector-store.ts";
import { createOllamaChatModel } from "#shared/model/ollama-chat-model.ts";
import type { JobPayload } from "#shared/queue/job-catalog.ts";
import type { JobContext } from "#shared/queue/run-worker.ts";
import { sampleQuestion } from "#test/helpers/queue-test-kit.ts";
import { recordingPlatform } from "#test/helpers/recording-platform.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type TestDatabaseLocation, testDatabaseBackends } from "#test/helpers/test-database-backends.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { type StripeStandIn, startStripeStandIn } from "#test/stand-ins/stripe/stripe-stand-in.ts";
import { createAnswerJob } from "./answer-job.ts";

const logger = silentLogger();
const postgres = testDatabaseBackends.find((backend) => backend.kind === "postgres");
const dayMs = 24 * 60 * 60 * 1000;

describe("answer job: the billing gate", () => {
  let location: TestDatabaseLocation;
  let database: Database;
  let ollama: OllamaStandIn;
  let stripe: StripeStandIn;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let store: VectorStore;
  let now = new Date("2026-12-01T09:00:00.000Z");
  const slack = recordingPlatform("slack");
  const warned: string[] = [];
  let job: ReturnType<typeof createAnswerJob>;

  beforeAll(async () => {
    if (!postgres) throw new Error("postgres backend missing");
    location = await postgres.createLocation();
    database = await location.open();
    ollama = await startOllamaStandIn();
    stripe = await startStripeStandIn();
    temp = await makeTempDir();
    store = createLanceDbStore({ directory: join(temp.path, "lancedb"), dimensions: 256 });
    const embedder = createOllamaEmbedder({ host: ollama.host, dimensions: 256 });
    for (const workspaceId of ["trial-over", "active", "past-due", "canceled"]) {
      await indexDocuments(
        { database, store, embedder, logger },
        {
          workspaceId,
          source: "files",
          complete: true,
          documents: [
            {
              workspaceId,
              source: "files",
              externalId: "deploys.md",
              title: "Deploys",
              url: "handbook/deploys.md",
              updatedAt: new Date(),
              content: "# Deploys\n\nThe billing service is deployed with the release script from main.",
            },
          ],
        },
      );
    }
    job = createAnswerJob({
      database,
      platforms: { slack: slack.platform },
      logger,
      answer: {
        store,
        embedder,
        chatModel: createOllamaChatModel({ host: ollama.host }),
        logger,
        settings: { chatModel: "gemma4:e4b", fallbackChatModel: "", timeoutMs: 5_000, topK: 4 },
      },
      billing: billingFromEnv(
        {
          STRIPE_SECRET_KEY: stripe.secretKey,
          STRIPE_PRICE_ID: stripe.priceId,
          STRIPE_API_URL: stripe.url,
          BILLING_TRIAL_DAYS: 14,
          PUBLIC_URL: "https://sabio.test",
        },
        database.db,
        () => now,
      ),
      billingAlerts: {
        async paymentFailed(workspaceId) {
          warned.push(workspaceId);
        },
      },
    });
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await ollama?.stop();
    await stripe?.close();
    await database?.close();
    await location?.destroy();
    await temp?.remove();
  });

  async function ask(workspaceId: string) {
    slack.calls.length = 0;
    const chats = ollama.requestsTo("/api/chat").length;
    const payload = sampleQuestion({ workspaceId, eventId: `Ev${randomUUID()}` }) as JobPayload<"questions">;
    const context: JobContext = {
      jobId: `job-${randomUUID()}`,
      attempt: 1,
      attempts: 3,
      signal: new AbortController().signal,
      updateProgress: async () => {},
    };
    await job(payload, context);
    const [question] = await database.db
      .select()
      .from(questions)
      .where(eq(questions.eventId, payload.eventId));
    return {
      recorded: question !== undefined,
      answered: question ? (await getAnswer(database.db, question.id)) !== undefined : false,
      modelCalls: ollama.requestsTo("/api/chat").length - chats,
      errors: slack.calls.filter((call) => call.kind === "error").map((call) => call.text),
    };
  }

  async function setStatus(workspaceId: string, status: string) {
    await database.db
      .update(billingAccounts)
      .set({ subscriptionId: `sub_${workspaceId}`, subscriptionStatus: status })
      .where(eq(billingAccounts.workspaceId, workspaceId));
  }

  it("answers during the local trial and refuses politely after it, without a model call", async () => {
    now = new Date("2026-12-01T09:00:00.000Z");
    expect(await ask("trial-over")).toMatchObject({ answered: true, errors: [] });
    now = new Date(now.getTime() + 15 * dayMs);
    expect(await ask("trial-over")).toEqual({
      recorded: true,
      answered: false,
      modelCalls: 0,
      errors: [refusalTexts.trialOver],
    });
  });

  it("answers an active workspace; refuses a canceled one", async () => {
    await ask("active");
    await setStatus("active", "active");
    now = new Date(now.getTime() + 30 * dayMs);
    expect(await ask("active")).toMatchObject({ answered: true, errors: [] });
    await ask("canceled");
    await setStatus("canceled", "canceled");
    expect(await ask("canceled")).toMatchObject({
      recorded: true,
      answered: false,
      modelCalls: 0,
      errors: [refusalTexts.canceled],
    });
  });

  it("past_due: answers and warns the admins once a day", async () => {
    await ask("past-due");
    await setStatus("past-due", "past_due");
    warned.length = 0;
    expect(await ask("past-due")).toMatchObject({ answered: true, errors: [] });
    expect(await ask("past-due")).toMatchObject({ answered: true });
    expect(warned).toEqual(["past-due"]);
    now = new Date(now.getTime() + dayMs + 1);
    await ask("past-due");
    expect(warned).toEqual(["past-due", "past-due"]);
  });
});
