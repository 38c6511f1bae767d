import { createHmac, timingSafeEqual } from "node:crypto";

/** `X-Notion-Signature`: "sha256=" + HMAC-SHA256 (hex) of the raw body, keyed by the subscription's token. */
export function notionWebhookSignature(secret: string, rawBody: Uint8Array): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody).digest("hex")}`;
}

const signaturePattern = /^sha256=([0-9a-f]{64})$/i;

/** Whether `header` signs `rawBody` with `secret`; compared in constant time. */
export function verifyNotionWebhookSignature(
  secret: string,
  rawBody: Uint8Array,
  header: string | undefined,
): boolean {
  const given = header?.trim().match(signaturePattern)?.[1];
  if (!given) return false;
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  return timingSafeEqual(Buffer.from(given, "hex"), expected);
}
