/**
 * Credential shapes a failure's reason could quote (a command line, a URL, an API's error echoing
 * its request): blanked before the reason leaves the machine in a DM. The run's row keeps the raw
 * reason and log for whoever may read the database.
 */
const credentialShapes: readonly RegExp[] = [
  /xox[abposre]-[A-Za-z0-9-]+/g, // Slack tokens
  /xapp-[A-Za-z0-9-]+/g, // Slack app-level tokens
  /\b[sprk]k_(?:live|test)_[A-Za-z0-9]+/g, // Stripe keys
  /\b(?:secret|ntn)_[A-Za-z0-9]{20,}/g, // Notion tokens
  /\bya29\.[\w.-]+/g, // Google access tokens
  /\bBearer\s+[\w.~+/-]+=*/gi,
  /\b[A-Fa-f0-9]{32,}\b/g, // long hex keys
  /\b[A-Za-z0-9+/_-]{40,}={0,2}/g, // long base64 keys
];

export function redactReason(reason: string): string {
  let redacted = reason.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, "$1***@");
  for (const shape of credentialShapes) redacted = redacted.replace(shape, "[redacted]");
  return redacted;
}
