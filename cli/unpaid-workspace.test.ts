import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type OllamaStandIn, startOllamaStandIn } from "#test/stand-ins/ollama-server.ts";
import { type StripeStandIn, startStripeStandIn, stripeEnv } from "#test/stand-ins/stripe/stripe-stand-in.ts";

/**
 * The "approvals, syncs and admin commands keep working so nothing is lost while unpaid":
 * billing on, no trial, no subscription — the bots refuse (workers/answer/answer-job-billing.test.ts),
 * but the operator's CLI still ingests, asks, approves, lists and shows the way to pay.
 */
describe("an unpaid workspace loses nothing (real CLI, Stripe and Ollama stand-ins)", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let ollama: OllamaStandIn;
  let stripe: StripeStandIn;
  let env: Record<string, string>;
  let folder: string;

  const json = async (argv: string[]) => {
    const run = await runSabio([...argv, "--json"], env);
    expect(run.code, run.notes).toBe(0);
    return JSON.parse(run.stdout);
  };

  beforeAll(async () => {
    temp = await makeTempDir();
    ollama = await startOllamaStandIn();
    stripe = await startStripeStandIn();
    env = {
      DATA_DIR: join(temp.path, "data"),
      OLLAMA_HOST: ollama.host,
      ...stripeEnv(stripe),
      BILLING_TRIAL_DAYS: "0",
    };
    folder = join(temp.path, "wiki");
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, "deploys.md"), "# Deploys\n\nDeploys are frozen on Fridays after three.\n");
  });

  afterAll(async () => {
    await stripe?.close();
    await ollama?.stop();
    await temp?.remove();
  });

  it("ingests, re-syncs, answers on the CLI, approves and lists while billing says none, trial over", async () => {
    const billing = await json(["billing", "--workspace", "acme"]);
    // No trial at all (BILLING_TRIAL_DAYS=0): the bots refuse from the first question.
    expect(billing).toMatchObject({
      status: "none",
      trialEndsAt: null,
      checkoutUrl: expect.stringContaining("cs_test_"),
    });

    expect(await json(["ingest", folder, "--workspace", "acme"])).toMatchObject({ documents: 1 });
    await writeFile(join(folder, "deploys.md"), "# Deploys\n\nDeploys are frozen on Fridays after two.\n");
    expect(await json(["ingest", folder, "--workspace", "acme"])).toMatchObject({ embedded: 1 });

    const asked = await json(["ask", "When are deploys frozen?", "--workspace", "acme"]);
    expect(asked).toMatchObject({ mode: "generated", questionId: expect.any(String) });
    const approved = await json([
      "approve",
      "--workspace",
      "acme",
      "--question",
      asked.questionId,
      "--by",
      "alice",
    ]);
    expect(approved).toMatchObject({ questionId: asked.questionId, changed: true });
    const { approvals } = await json(["approvals", "--workspace", "acme"]);
    expect(approvals).toEqual([expect.objectContaining({ questionId: asked.questionId, state: "approved" })]);
    // Still unpaid after all of it: nothing above went through the gate.
    expect(await json(["billing", "--workspace", "acme"])).toMatchObject({ status: "none" });
  });
});
