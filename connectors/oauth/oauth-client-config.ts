import type { Env } from "#shared/config/env.ts";

/** What every OAuth connector needs before it can connect: its client, and the key that seals tokens. */
export interface OAuthClientSecrets {
  clientId: string;
  clientSecret: string;
  /** ENCRYPTION_KEY: seals the tokens and signs the `state` (with a key derived from it). */
  encryptionKey: string;
}

/** A setting under the variable it is read from: `["GOOGLE_CLIENT_ID", env.GOOGLE_CLIENT_ID]`. */
export type OAuthSetting = readonly [variable: string, value: string | undefined];

/** The client id, client secret and ENCRYPTION_KEY, in that order; undefined while any is unset. */
export function oauthClientSecrets([clientId, clientSecret, encryptionKey]: readonly [
  OAuthSetting,
  OAuthSetting,
  OAuthSetting,
]): OAuthClientSecrets | undefined {
  if (!clientId[1] || !clientSecret[1] || !encryptionKey[1]) return undefined;
  return { clientId: clientId[1], clientSecret: clientSecret[1], encryptionKey: encryptionKey[1] };
}

/** Which of the settings are unset, in words: "A is not set", "A, B and C are not set". */
export function unsetSettings(settings: readonly OAuthSetting[]): string {
  const unset = settings.filter(([, value]) => !value).map(([variable]) => variable);
  return `${listOf(unset)} ${unset.length === 1 ? "is" : "are"} not set`;
}

/** `${PUBLIC_URL}${callbackPath}`, or the web role on this machine when PUBLIC_URL is unset. */
export function oauthRedirectUri(env: Pick<Env, "PUBLIC_URL" | "WEB_PORT">, callbackPath: string): string {
  const base = (env.PUBLIC_URL ?? `http://localhost:${env.WEB_PORT}`).replace(/\/+$/, "");
  return `${base}${callbackPath}`;
}

function listOf(names: readonly string[]): string {
  return names.length <= 2 ? names.join(" and ") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
