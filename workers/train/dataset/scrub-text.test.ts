import { describe, expect, it } from "vitest";
import { emptyScrubCounts, scrubText } from "./scrub-text.ts";

function scrub(text: string) {
  const counts = emptyScrubCounts();
  return { text: scrubText(text, counts), counts };
}

describe("scrubText", () => {
  it("replaces every email address, role addresses included", () => {
    const { text, counts } = scrub(
      "Write to support@acme.io or Ana.Pérez+hr@mail.acme.co.uk (cc: jobs@acme.com, mailto:bob@x.org).",
    );
    expect(text).toBe("Write to [email] or Ana.Pé[email] (cc: [email], mailto:[email]).");
    expect(counts.email).toBe(4);
  });

  it("replaces phone numbers in international, North American and labelled national shapes", () => {
    const { text, counts } = scrub(
      "Call +34 612 345 678 or +1 (555) 010-9999, US office (555) 123-4567 / 555.123.4567; móvil: 612 345 678, tel. 912345678.",
    );
    expect(text).toBe("Call [phone] or [phone], US office [phone] / [phone]; móvil: [phone], tel. [phone].");
    expect(counts.phone).toBe(6);
  });

  it("replaces Slack, Stripe, Google, Notion, GitHub and AWS token shapes", () => {
    const tokens = [
      "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp",
      "xoxp-12345-67890-abcdefabcdef",
      "xapp-1-A0123456789-1234567890123-abcdef0123456789",
      "sk_live_51HxYzAbCdEfGhIjKlMn",
      "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
      "rk_live_abcdefghijklmnop12345",
      "whsec_abcdefghijklmnopqrstuv123",
      "ya29.a0AfH6SMBx-example_token.value",
      "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY",
      "1//0gLx0mXn7kQw-CgYIARAAGBASNwF-L9Ir",
      "secret_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abc",
      "ntn_1234567890abcdefghijABCDEFGHIJ",
      "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
      "AKIAIOSFODNN7EXAMPLE",
    ];
    const { text, counts } = scrub(tokens.map((token) => `key ${token}.`).join("\n"));
    for (const token of tokens) expect(text).not.toContain(token);
    expect(text.match(/\[secret\]/g)).toHaveLength(tokens.length);
    expect(counts).toMatchObject({
      slack_token: 3,
      stripe_key: 4,
      google_token: 3,
      notion_token: 2,
      github_token: 1,
      aws_key: 1,
    });
  });

  it("replaces long hex and base64 keys, JWTs, private keys and secret URL parameters", () => {
    const { text, counts } = scrub(
      [
        "hex 3f786850e387550fdab836ed7e6dc881de23001b and base64 q2Z8mX4pL9vB7nR1tY6wK3jH5sD0fG8aQ==",
        "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----",
        "https://api.acme.io/v1/export?format=csv&token=Zm9vYmFyYmF6cXV4",
      ].join("\n"),
    );
    expect(text).toBe(
      [
        "hex [secret] and base64 [secret]",
        "jwt [secret]",
        "[secret]",
        "https://api.acme.io/v1/export?format=csv&token=[secret]",
      ].join("\n"),
    );
    expect(counts).toMatchObject({ long_key: 2, jwt: 1, private_key: 1, url_secret: 1 });
  });

  it("leaves ordinary numbers, dates, versions, amounts, citations and URLs alone", () => {
    const ordinary = [
      "Policy updated 2026-12-03 (03/12/2026, 10:30), version 1.2.3, ISO 27001, port 5432.",
      "Budget $1,500.00 or 1.500,00 €; 25 days [1], [2, 3] and [1][4]; room 101; order 123456.",
      "Population 1 234 567 and ids 100 200 300 in the table.",
      "See https://docs.google.com/document/d/1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms/edit and",
      "https://wiki.acme.io/engineering/OnboardingGuideForNewEngineers2024/section-3 or www.acme.io/x.",
      "InternationalizationAndLocalizationGuidelines is a long word, so is reimbursement-procedures-for-travel-expenses.",
    ].join("\n");
    const { text, counts } = scrub(ordinary);
    expect(text).toBe(ordinary);
    expect(Object.values(counts).every((count) => count === 0)).toBe(true);
  });
});
