/**
 * Personal data and secrets removed from training text before it leaves the database. Each kind is
 * counted (the manifest reports them) and replaced by a marker the model can learn to leave alone.
 * Vendor token shapes are matched everywhere, URLs included; the generic long-key rule skips URLs
 * (document ids in links are not secrets) except for secret-named query parameters.
 */

export const scrubKinds = [
  "email",
  "phone",
  "slack_token",
  "stripe_key",
  "google_token",
  "notion_token",
  "github_token",
  "aws_key",
  "private_key",
  "jwt",
  "url_secret",
  "long_key",
] as const;
export type ScrubKind = (typeof scrubKinds)[number];
export type ScrubCounts = Record<ScrubKind, number>;

export function emptyScrubCounts(): ScrubCounts {
  return Object.fromEntries(scrubKinds.map((kind) => [kind, 0])) as ScrubCounts;
}

const secret = "[secret]";

interface Rule {
  kind: ScrubKind;
  /** A cheap test first: most text has no "@" or token prefix, and the patterns cost a scan each. */
  present?: RegExp;
  pattern: RegExp;
  /** The replacement for one match, or null to keep it (a false positive). */
  replace: (match: string, offset: number, text: string) => string | null;
}

const always = (marker: string) => () => marker;

/** Words near a bare digit group that make it a phone number rather than an amount or an id. */
const phoneContext =
  /(?:phone|tel|tfno|telf|call|mobile|cell|fax|whatsapp|sms|tel[eé]fono|m[oó]vil|celular|llam[ae]\w*|contact\w*)\W{0,12}$/i;

/** Characters a random key is made of (base64, base64url). */
const keyCharacters = /[A-Za-z0-9+/_-]/;

const rules: Rule[] = [
  {
    kind: "private_key",
    present: /PRIVATE KEY/,
    pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
    replace: always(secret),
  },
  // Before email: a JWT or a URL credential may contain an "@".
  {
    kind: "jwt",
    present: /eyJ/,
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
    replace: always(secret),
  },
  {
    kind: "email",
    present: /@/,
    pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g,
    replace: always("[email]"),
  },
  {
    kind: "slack_token",
    present: /xox|xapp-|hooks\.slack/,
    pattern: /\b(?:xox[abeoprs]|xapp)-[A-Za-z0-9-]{8,}|hooks\.slack\.com\/services\/[A-Za-z0-9/]+/g,
    replace: always(secret),
  },
  {
    kind: "stripe_key",
    present: /_live_|_test_|whsec_/,
    pattern: /\b(?:(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{8,}|whsec_[A-Za-z0-9]{8,})/g,
    replace: always(secret),
  },
  {
    kind: "google_token",
    present: /ya29\.|AIza|1\/\/|GOCSPX-/,
    pattern:
      /\bya29\.[A-Za-z0-9_.-]{10,}|\bAIza[0-9A-Za-z_-]{30,}|(?<![\w/])1\/\/[0-9A-Za-z_-]{20,}|\bGOCSPX-[A-Za-z0-9_-]{10,}/g,
    replace: always(secret),
  },
  {
    kind: "notion_token",
    present: /secret_|ntn_/,
    pattern: /\b(?:secret_[A-Za-z0-9]{20,}|ntn_[A-Za-z0-9]{20,})/g,
    replace: always(secret),
  },
  {
    kind: "github_token",
    present: /gh[pousr]_|github_pat_/,
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g,
    replace: always(secret),
  },
  {
    kind: "aws_key",
    present: /AKIA|ASIA/,
    pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
    replace: always(secret),
  },
  {
    kind: "url_secret",
    present: /=/,
    pattern:
      /([?&](?:access_token|refresh_token|id_token|token|api_key|apikey|key|secret|client_secret|password|pwd|sig|signature|auth|code)=)[^&#\s)\]]{6,}/gi,
    replace: (match) => `${match.slice(0, match.indexOf("=") + 1)}${secret}`,
  },
  {
    kind: "phone",
    // International: "+" and 8–15 digits with spaces, dots, dashes or a bracketed area code.
    pattern: /(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}(?![\w])/g,
    replace: (match) => (digitCount(match) >= 8 && digitCount(match) <= 15 ? "[phone]" : null),
  },
  {
    kind: "phone",
    // North American shapes: (555) 123-4567, 555-123-4567, 555.123.4567 (dates never group 3-3-4).
    pattern: /(?<![\w.-])(?:\(\d{3}\)\s?\d{3}[-.\s]\d{4}|\d{3}([-.])\d{3}\1\d{4})(?![\w-]|\.\d)/g,
    replace: always("[phone]"),
  },
  {
    kind: "phone",
    // Bare groups (612 345 678, 91 123 45 67, 612345678): a phone only when the words before say so.
    pattern: /(?<![\w.,-])(?:\d{2,3}(?: \d{2,3}){2,4}|\d{9,11})(?![\w-]|[.,]\d)/g,
    replace: (match, offset, text) => {
      const digits = digitCount(match);
      if (digits < 9 || digits > 12) return null;
      return phoneContext.test(text.slice(Math.max(0, offset - 40), offset)) ? "[phone]" : null;
    },
  },
  {
    kind: "long_key",
    pattern: /(?<![A-Za-z0-9+/_=-])[A-Za-z0-9+/_-]{32,}={0,2}(?![A-Za-z0-9+/_=-])/g,
    replace: (match, offset, text) => (insideUrl(text, offset) || !looksRandom(match) ? null : secret),
  },
];

/** Text with every match replaced, the counts of `counts` raised by what was found. */
export function scrubText(text: string, counts: ScrubCounts): string {
  let result = text;
  for (const rule of rules) {
    if (rule.present && !rule.present.test(result)) continue;
    rule.pattern.lastIndex = 0;
    result = result.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
      // replace() passes capture groups, then the offset, then the whole string.
      const whole = rest.at(-1) as string;
      const offset = rest.at(-2) as number;
      const replacement = rule.replace(match, offset, whole);
      if (replacement === null) return match;
      counts[rule.kind]++;
      return replacement;
    });
  }
  return result;
}

function digitCount(text: string): number {
  return text.replace(/\D/g, "").length;
}

/** Whether `offset` is within a URL (from "scheme://" to the next whitespace). */
function insideUrl(text: string, offset: number): boolean {
  let start = offset;
  while (start > 0 && !/\s/.test(text[start - 1] ?? " ")) start--;
  const word = text.slice(start, offset);
  return /[a-z][a-z0-9+.-]*:\/\//i.test(word) || /^(?:www\.)/i.test(word);
}

/**
 * A random key, not a long word, path or CamelCase name: all hex with digits and letters, or mixed
 * case and digits with frequent switches between character classes (random text switches about every
 * other character; "Onboarding-Guide-2024" a few times).
 */
function looksRandom(candidate: string): boolean {
  const body = candidate.replace(/=+$/, "");
  if (/^[0-9a-f]+$/i.test(body)) return /\d/.test(body) && /[a-f]/i.test(body);
  if (!/\d/.test(body) || !/[a-z]/.test(body) || !/[A-Z]/.test(body)) return false;
  let switches = 0;
  let previous = "";
  for (const character of body) {
    if (!keyCharacters.test(character)) continue;
    const kind = /[a-z]/.test(character)
      ? "l"
      : /[A-Z]/.test(character)
        ? "u"
        : /\d/.test(character)
          ? "d"
          : "s";
    if (previous && kind !== previous) switches++;
    previous = kind;
  }
  return switches / body.length >= 0.3;
}
