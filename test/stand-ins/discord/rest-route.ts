import type { DiscordWorld } from "./discord-world.ts";

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body (or a multipart body's `payload_json`); `{}` when there is none. */
  body: Record<string, unknown>;
  /** The raw parsed body, for routes whose body is an array (bulk command overwrite). */
  rawBody: unknown;
  world: DiscordWorld;
  /** A gateway dispatch, as Discord sends one after a REST change (the bot's own MESSAGE_CREATE…). */
  emit(type: string, data: Record<string, unknown>): void;
  /** How long an interaction may wait for its first callback (Discord: 3 s). */
  interactionWindowMs: number;
}

export interface RouteAnswer {
  status: number;
  body?: unknown;
}

export interface RouteDefinition {
  /** Short name tests use, e.g. "createMessage". */
  name: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path after `/api/v10`, `:name` for a parameter, e.g. "/channels/:channel_id/messages". */
  pattern: string;
  /** Interaction callbacks and webhook routes take no bot token. */
  auth: boolean;
  handle(context: RouteContext): RouteAnswer;
}

/** The route and its parameters for a request path, if any matches. */
export function matchRoute(
  routes: RouteDefinition[],
  method: string,
  path: string,
): { route: RouteDefinition; params: Record<string, string> } | undefined {
  const segments = path.split("/").filter(Boolean);
  for (const route of routes) {
    if (route.method !== method) continue;
    const parts = route.pattern.split("/").filter(Boolean);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = parts.every((part, index) => {
      const segment = segments[index] ?? "";
      if (part.startsWith(":")) {
        params[part.slice(1)] = decodeURIComponent(segment);
        return true;
      }
      return part === segment;
    });
    if (matches) return { route, params };
  }
  return undefined;
}

export const noContent: RouteAnswer = { status: 204 };
export const ok = (body: unknown): RouteAnswer => ({ status: 200, body });
