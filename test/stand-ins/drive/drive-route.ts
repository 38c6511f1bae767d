import type { DriveWorld } from "./drive-world.ts";

export interface RouteSettings {
  /** Most items one files.list page holds whatever `pageSize` asks (Drive may send fewer). */
  listPageCap: number;
  /** Exports larger than this answer 403 exportSizeLimitExceeded (Drive: 10 MB). */
  exportLimitBytes: number;
  /** Set by `setIncompleteSearch`: every listing then answers `incompleteSearch: true`, leaving these out. */
  incompleteSearch: { omit: string[] } | undefined;
}

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  world: DriveWorld;
  /** Whom the Bearer token acts for. */
  principal: string;
  /** The scopes the Bearer token was granted (space-separated, as the token endpoint answered). */
  scope: string;
  settings: RouteSettings;
  /** A queued `incompleteSearch` fault for this one call. */
  incompleteSearch: { omit: string[] } | undefined;
}

export type RouteAnswer =
  | { status: number; json: unknown }
  | { status: number; bytes: Uint8Array; contentType: string };

export interface DriveRoute {
  name: string;
  method: "GET" | "POST";
  /** Path with `:name` parameters, e.g. "/drive/v3/files/:fileId/export". */
  pattern: string;
  /** For routes sharing a path (files.get vs files.download with alt=media). */
  when?: (query: URLSearchParams) => boolean;
  handle(context: RouteContext): RouteAnswer | Promise<RouteAnswer>;
}

export function matchRoute(
  routes: DriveRoute[],
  method: string,
  path: string,
  query: URLSearchParams,
): { route: DriveRoute; params: Record<string, string> } | undefined {
  const segments = path.split("/").filter(Boolean);
  for (const route of routes) {
    if (route.method !== method || (route.when && !route.when(query))) continue;
    const parts = route.pattern.split("/").filter(Boolean);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = parts.every((part, index) => {
      const segment = segments[index] ?? "";
      if (!part.startsWith(":")) return part === segment;
      params[part.slice(1)] = decodeURIComponent(segment);
      return true;
    });
    if (matches) return { route, params };
  }
  return undefined;
}

export const json = (body: unknown): RouteAnswer => ({ status: 200, json: body });
export const flag = (query: URLSearchParams, name: string): boolean => query.get(name) === "true";
