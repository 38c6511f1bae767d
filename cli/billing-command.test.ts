import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSabio } from "#test/helpers/run-sabio.ts";
import { makeTempDir } from "#test/helpers/temp-dir.ts";
import { type StripeStandIn, startStripeStandIn, stripeEnv } from "#test/stand-ins/stripe/stripe-stand-in.ts";

describe("sabio billing", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let stripe: StripeStandIn;
  let env: Record<string, string>;
  beforeAll(async () => {
    temp = await makeTempDir();
    stripe = await startStripeStandIn();
    env = {
      DATA_DIR: join(temp.path, "data"),
      ...stripeEnv(stripe),
    };
    // Makes and migrates the data dir first (slow on a busy machine), off: no Stripe request.
    await runSabio(["billing", "--workspace", "warm-up"], { DATA_DIR: env.DATA_DIR ?? "" });
  });
  afterAll(async () => {
    await stripe.close();
    await temp.remove();
  });

  it("gives a Checkout link for a workspace without a subscription", async () => {
    const run = await runSabio(["billing", "--workspace", "acme", "--json"], env);
    expect(run.notes).toBe("");
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ status: "none", seats: 1 });
    expect(Date.parse(summary.trialEndsAt)).toBeGreaterThan(Date.now());
    expect(summary.checkoutUrl).toMatch(/\/c\/pay\/cs_test_/);
    expect(stripe.requestsTo("/v1/checkout/sessions").at(-1)?.body).toMatchObject({
      client_reference_id: "acme",
      line_items: [{ price: stripe.priceId, quantity: "1" }],
      subscription_data: { trial_period_days: "14" },
    });
    const text = await runSabio(["billing", "--workspace", "acme"], env);
    expect(text.stdout).toMatch(
      /Workspace "acme": none\n {2}seats: 1 .*\n {2}trial ends: .*\n {2}subscribe: http/,
    );
  });

  it("says billing is off without STRIPE_SECRET_KEY and calls no Stripe", async () => {
    const before = stripe.requests.length;
    const off = { DATA_DIR: env.DATA_DIR ?? "", STRIPE_API_URL: stripe.url };
    const json = await runSabio(["billing", "--workspace", "acme", "--json"], off);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ status: "off", seats: 1, trialEndsAt: null });
    const text = await runSabio(["billing", "--workspace", "acme"], off);
    expect(text.stdout).toContain("Billing is off");
    expect(stripe.requests.length).toBe(before);
  });

  it("names a Stripe outage plainly and exits 1", async () => {
    stripe.failNext("/v1/checkout/sessions", { status: 503 }, 2);
    const run = await runSabio(["billing", "--workspace", "beta"], env);
    expect(run.code).toBe(1);
    expect(run.notes).toMatch(/Stripe had a problem while making a Checkout link \(HTTP 503\)/);
  });

  it("needs --workspace", async () => {
    expect((await runSabio(["billing"], env)).code).toBe(2);
  });
});
