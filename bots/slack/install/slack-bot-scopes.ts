import manifest from "../manifest.json" with { type: "json" };

/** The bot scopes the install asks for: the manifest's, so the two never drift apart. */
export const slackBotScopes: readonly string[] = manifest.oauth_config.scopes.bot;
