import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billingFromEnv } from "#shared/billing/billing-from-env.ts";
import { upsertDocuments } from "#shared/db/document-repository.ts";
import type { NewDocumentRow } from "#shared/db/schema.ts";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import {
  type InteractionHarness,
  people,
  seedAnswer,
  startInteractionHarness,
  workspaceId,
} from "#test/slack/interaction-test-kit.ts";
import { startStripeStandIn, stripeEnv } from "#test/stand-ins/stripe/stripe-stand-in.ts";
import { billingTexts } from "./billing-reply.ts";
import { connectDriveText } from "./connect-drive-text.ts";
import { connectNotionText } from "./connect-notion-text.ts";

const postgres = testDatabaseBackends.find((backend) => backend.kind === "postgres");
if (!postgres) throw new Error("no PostgreSQL test backend");

function documentRow(source: string, externalId: string, indexedAt: Date): NewDocumentRow {
  return {
    id: `${source}-${externalId}`,
    workspaceId,
    source,
    externalId,
    title: externalId,
    url: `https://example.com/${externalId}`,
    updatedAt: indexedAt,
    contentHash: externalId,
    indexedAt,
  };
}

describe("/sabio, driven through the real Bolt app over HTTP", () => {
  const db = useTestDatabase(postgres);
  let harness: InteractionHarness;
  let depth: () => Promise<number> = async () => 3;

  beforeAll(async () => {
    harness = await startInteractionHarness({ db: db(), queueDepth: () => depth() });
    await upsertDocuments(db(), [
      documentRow("handbook", "vacation.md", new Date("2026-03-01T09:00:00Z")),
      documentRow("handbook", "expenses.md", new Date("2026-03-02T09:30:00Z")),
      documentRow("notion", "page-1", new Date("2026-02-20T12:00:00Z")),
      { ...documentRow("handbook", "other.md", new Date()), id: "elsewhere", workspaceId: "someone-else" },
    ]);
    await seedAnswer(db());
    await seedAnswer(db());
  });
  afterAll(async () => {
    await harness?.close();
  });

  async function sabio(text: string) {
    const sent = await harness.command(text);
    expect(sent.status).toBe(200);
    expect(sent.ms).toBeLessThan(3_000);
    await harness.whenIdle();
    return sent;
  }

  it("answers help, and an empty command, privately in the acknowledgement", async () => {
    for (const text of ["help", "", "  HELP "]) {
      const sent = await sabio(text);
      const body = JSON.parse(sent.body) as { response_type: string; text: string };
      expect(body.response_type).toBe("ephemeral");
      expect(body.text).toContain("/sabio status");
      expect(body.text).toContain("@Sabio");
    }
  });

  it("shows status after the ack: sources with document counts and last sync, questions, queue depth", async () => {
    const before = harness.responses.length;
    depth = async () => 3;

    const sent = await sabio("status");

    expect(sent.body).toBe("");
    const [response] = harness.responses.slice(before) as { response_type: string; text: string }[];
    expect(response?.response_type).toBe("ephemeral");
    expect(response?.text).toContain("*Knowledge* (3 documents)");
    expect(response?.text).toContain("*handbook*: 2 documents, last synced <!date^1772443800^");
    expect(response?.text).toContain("*notion*: 1 document, last synced <!date^1771588800^");
    expect(response?.text).toContain("2 asked in the last 7 days");
    expect(response?.text).toContain("3 questions waiting to be answered");
  });

  it("still shows status when the queue cannot be reached", async () => {
    const before = harness.responses.length;
    depth = () => Promise.reject(new Error("Redis is down"));

    await sabio("status");

    const [response] = harness.responses.slice(before) as { text: string }[];
    expect(response?.text).toContain("the question queue could not be reached");
    expect(response?.text).toContain("*handbook*: 2 documents");
  });

  it("says plainly that connecting Notion is not set up when the server has no Notion OAuth", async () => {
    const before = harness.responses.length;

    const sent = await sabio("connect notion");

    expect(sent.body).toBe("");
    expect(harness.responses.slice(before)).toEqual([
      { response_type: "ephemeral", text: connectNotionText.notConfigured },
    ]);
    expect(connectNotionText.notConfigured).toContain("NOTION_CLIENT_ID");
  });

  it("says plainly that connecting Google Drive is not set up when the server has no Google OAuth client", async () => {
    const before = harness.responses.length;

    const sent = await sabio("connect   Drive");

    expect(sent.body).toBe("");
    expect(harness.responses.slice(before)).toEqual([
      { response_type: "ephemeral", text: connectDriveText.notConfigured },
    ]);
    expect(connectDriveText.notConfigured).toContain("GOOGLE_CLIENT_ID");
  });

  it("/sabio billing: admins only, privately; billing off says so", async () => {
    let before = harness.responses.length;
    await harness.command("billing", people.member);
    await harness.whenIdle();
    expect(harness.responses.slice(before)).toEqual([
      { response_type: "ephemeral", text: billingTexts.notAdmin },
    ]);
    before = harness.responses.length;
    await harness.command("billing", people.admin);
    await harness.whenIdle();
    expect(harness.responses.slice(before)).toEqual([
      { response_type: "ephemeral", text: expect.stringContaining("Billing is off") },
    ]);
  });

  it("/sabio billing gives an admin a Checkout link for the workspace's seats", async () => {
    const stripe = await startStripeStandIn();
    const billing = billingFromEnv(
      {
        ...stripeEnv(stripe),
        BILLING_TRIAL_DAYS: 14,
      },
      db(),
    );
    const billed = await startInteractionHarness({ db: db(), billing });
    try {
      await billed.command("billing", people.admin);
      await billed.whenIdle();
      const [reply] = billed.responses as { response_type: string; text: string }[];
      expect(reply?.response_type).toBe("ephemeral");
      expect(reply?.text).toMatch(
        /^\*Billing\*: free trial until \d{4}-\d{2}-\d{2}, no subscription yet\nSeats: 1 /,
      );
      expect(reply?.text).toMatch(
        /<http:\/\/127\.0\.0\.1:\d+\/c\/pay\/cs_test_\w+\|Subscribe with Stripe Checkout>/,
      );
      expect(stripe.requestsTo("/v1/checkout/sessions")[0]?.body).toMatchObject({
        client_reference_id: workspaceId,
      });
      await billed.command("billing", people.member);
      await billed.whenIdle();
      expect(billed.responses.at(-1)).toEqual({ response_type: "ephemeral", text: billingTexts.notAdmin });
      expect(stripe.requestsTo("/v1/checkout/sessions")).toHaveLength(1);
    } finally {
      await billed.close();
      await stripe.close();
    }
  });

  it("names an unknown subcommand and shows help", async () => {
    const body = JSON.parse((await sabio("frobnicate")).body) as { response_type: string; text: string };
    expect(body.response_type).toBe("ephemeral");
    expect(body.text).toContain("I don't know `/sabio frobnicate`");
    expect(body.text).toContain("/sabio status");
  });
});
