import { oauthErrors } from "./oauth-error.ts";

export interface JwtClaims {
  iss: string;
  scope: string;
  aud: string;
  sub: string | undefined;
}

/**
 * Reads a service account's signed JWT as Google's token endpoint would, minus the signature check:
 * three base64url parts, an RS256 header, `iss`, `scope`, `aud`, `iat` and a later `exp`.
 */
export function readJwtAssertion(assertion: string): JwtClaims {
  const [header, payload, signature] = assertion.split(".");
  if (!header || !payload || !signature || assertion.split(".").length !== 3)
    throw oauthErrors.badAssertion();
  const decode = (part: string): Record<string, unknown> => {
    try {
      return JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
    } catch {
      throw oauthErrors.badAssertion();
    }
  };
  const head = decode(header);
  const claims = decode(payload);
  const { iss, scope, aud, iat, exp, sub } = claims;
  if (head.alg !== "RS256" || typeof iss !== "string" || typeof scope !== "string" || typeof aud !== "string")
    throw oauthErrors.badAssertion();
  if (typeof iat !== "number" || typeof exp !== "number" || exp <= iat) throw oauthErrors.badAssertion();
  return { iss, scope, aud, sub: typeof sub === "string" ? sub : undefined };
}
