import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refusalTexts } from "#shared/billing/access-decision.ts";
import { billingFromEnv } from "#shared/billing/billing-from-env.ts";
import { getAnswer } from "#shared/db/question-repository.ts";
import { billingAccounts, members, questions } from "#shared/db/schema.ts";
import type { JobPayload } from "#shared/queue/job-catalog.ts";
import type { JobContext } from "#shared/queue/run-worker.ts";
import { useAnswerJob } from "#test/answer/answer-job-test-kit.ts";
import { sampleQuestion } from "#test/helpers/queue-test-kit.ts";
import { type StripeStandIn, startStripeStandIn, stripeEnv } from "#test/stand-ins/stripe/stripe-stand-in.ts";

const dayMs = 24 * 60 * 60 * 1000;

describe("answer job: the billing gate", () => {
  let stripe: StripeStandIn;
  let now = new Date("2026-12-01T09:00:00.000Z");
  const warned: string[] = [];

  // Before the kit's own hook: its job is built on this Stripe stand-in.
  beforeAll(async () => {
    stripe = await startStripeStandIn();
  });
  afterAll(async () => {
    await stripe?.close();
  });

  const kit = useAnswerJob({
    backend: "postgres",
    handbookIn: ["trial-over", "active", "past-due", "canceled"],
    billing: (database) => ({
      billing: billingFromEnv(
        {
          ...stripeEnv(stripe),
          BILLING_TRIAL_DAYS: 14,
        },
        database.db,
        () => now,
      ),
      billingAlerts: {
        async paymentFailed(workspaceId) {
          warned.push(workspaceId);
        },
      },
    }),
  });

  async function ask(workspaceId: string, userId = "U0456") {
    kit.slack.calls.length = 0;
    const chats = kit.ollama.requestsTo("/api/chat").length;
    const payload = sampleQuestion({
      workspaceId,
      userId,
      eventId: `Ev${randomUUID()}`,
    }) as JobPayload<"questions">;
    const context: JobContext = {
      jobId: `job-${randomUUID()}`,
      attempt: 1,
      attempts: 3,
      signal: new AbortController().signal,
      updateProgress: async () => {},
    };
    await kit.job(payload, context);
    const [question] = await kit.database.db
      .select()
      .from(questions)
      .where(eq(questions.eventId, payload.eventId));
    return {
      recorded: question !== undefined,
      answered: question ? (await getAnswer(kit.database.db, question.id)) !== undefined : false,
      modelCalls: kit.ollama.requestsTo("/api/chat").length - chats,
      errors: kit.slack.calls.filter((call) => call.kind === "error").map((call) => call.text),
    };
  }

  async function setStatus(workspaceId: string, status: string) {
    await kit.database.db
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
    expect(await ask("canceled", "U-new")).toMatchObject({
      recorded: true,
      answered: false,
      modelCalls: 0,
      errors: [refusalTexts.canceled],
    });
    // Refused, and still a seat: the day they subscribe, the count includes who asked meanwhile.
    const [member] = await kit.database.db
      .select()
      .from(members)
      .where(and(eq(members.workspaceId, "canceled"), eq(members.userId, "U-new")));
    expect(member).toMatchObject({ platform: "slack", lastActivity: "asked", isBot: false });
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
