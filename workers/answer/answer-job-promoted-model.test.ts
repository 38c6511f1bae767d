import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { answers, questions } from "#shared/db/schema.ts";
import { promoteModel, rollbackModel } from "#shared/models/model-pointer.ts";
import { promotedModelLookup } from "#shared/models/promoted-model-lookup.ts";
import { useAnswerJob } from "#test/answer/answer-job-test-kit.ts";
import { sampleQuestion } from "#test/helpers/queue-test-kit.ts";
import { silentLogger } from "#test/helpers/silent-logger.ts";
import { waitFor } from "#test/helpers/wait-for.ts";
import { defaultStandInModels } from "#test/stand-ins/ollama-server.ts";

const logger = silentLogger();
const candidate = "sabio-acme:r1";

interface ServedAttempt {
  model: string;
  outcome: string;
}

describe("the answer worker asks the workspace's promoted model first (PGlite, Redis, Ollama stand-in)", () => {
  const kit = useAnswerJob({
    backend: "pglite",
    ollama: { models: [...defaultStandInModels, candidate] },
    promotedModel: true,
  });
  const { producer } = kit;

  /** Asks through the queue and returns the stored answer's model and its served attempts. */
  async function ask(): Promise<{ model: string | null; attempts: ServedAttempt[] }> {
    const { eventId } = sampleQuestion();
    await producer.enqueue("questions", sampleQuestion({ eventId }));
    const answer = await waitFor(async () => {
      const [row] = await kit.database.db
        .select({ model: answers.model, served: answers.served })
        .from(answers)
        .innerJoin(questions, eq(questions.id, answers.questionId))
        .where(eq(questions.eventId, eventId));
      return row;
    });
    const attempts = (answer.served?.attempts ?? []) as ServedAttempt[];
    return { model: answer.model, attempts: attempts.map(({ model, outcome }) => ({ model, outcome })) };
  }

  it("answers with CHAT_MODEL while nothing is promoted", async () => {
    expect(await ask()).toEqual({ model: "gemma4:e4b", attempts: [{ model: "gemma4:e4b", outcome: "ok" }] });
  });

  it("answers the next question with a promoted model, and with CHAT_MODEL again after a rollback", async () => {
    await promoteModel(kit.database.db, "acme", candidate);
    expect(await ask()).toEqual({ model: candidate, attempts: [{ model: candidate, outcome: "ok" }] });
    const chats = kit.ollama
      .requestsTo("/api/chat")
      .map((request) => (request.body as { model: string }).model);
    expect(chats.at(-1)).toBe(candidate);

    await rollbackModel(kit.database.db, "acme");
    expect(await ask()).toEqual({ model: "gemma4:e4b", attempts: [{ model: "gemma4:e4b", outcome: "ok" }] });
  });

  it("falls back to CHAT_MODEL, then FALLBACK_CHAT_MODEL, when the promoted model is gone from Ollama", async () => {
    await promoteModel(kit.database.db, "acme", "sabio-acme:deleted");
    expect(await ask()).toEqual({
      model: "gemma4:e4b",
      attempts: [
        { model: "sabio-acme:deleted", outcome: "model_not_found" },
        { model: "gemma4:e4b", outcome: "ok" },
      ],
    });

    kit.ollama.failChat("gemma4:e4b", 500);
    try {
      const answer = await ask();
      expect(answer.model).toBe("gemma4:e2b");
      expect(answer.attempts.map((attempt) => attempt.model)).toEqual([
        "sabio-acme:deleted",
        "gemma4:e4b",
        "gemma4:e2b",
      ]);
      expect(answer.attempts.at(-1)?.outcome).toBe("ok");
    } finally {
      kit.ollama.failChat("gemma4:e4b", null);
      await rollbackModel(kit.database.db, "acme");
    }
  });

  it("answers with CHAT_MODEL when the pointer can't be read (the answer never waits on it)", async () => {
    const lookup = promotedModelLookup(async () => {
      throw new Error("database unreachable");
    }, logger);
    expect(await lookup("acme")).toBeNull();
  });
});
