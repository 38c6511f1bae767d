import { createSignalLog } from "../signal-log.ts";
import { changeRoutes } from "./change-routes.ts";
import { DirectoryGroups, type GroupSpec } from "./directory-groups.ts";
import { directoryRoutes } from "./directory-routes.ts";
import type { DriveCall } from "./drive-call.ts";
import { startDriveHttp } from "./drive-http.ts";
import type { RouteSettings } from "./drive-route.ts";
import { DriveWorld } from "./drive-world.ts";
import { createFaultQueue, type DriveFault } from "./fault-queue.ts";
import { fileRoutes } from "./file-routes.ts";
import type { AuthorizeRequest } from "./oauth-routes.ts";
import { permissionId } from "./permission-ids.ts";
import { sharingRoutes } from "./sharing-routes.ts";
import { type TokenGrant, TokenStore } from "./token-store.ts";
import { type WorldHelpers, worldHelpers } from "./world-helpers.ts";

export type { GroupSpec } from "./directory-groups.ts";
export type { DriveCall } from "./drive-call.ts";
export type { PermissionSpec, SheetSpec, StoredFile } from "./drive-file.ts";
export { googleTypes } from "./drive-file.ts";
export type { DriveFault } from "./fault-queue.ts";
export type { AuthorizeRequest } from "./oauth-routes.ts";
export type { TokenGrant } from "./token-store.ts";
export type { ContentSpec } from "./world-helpers.ts";

export interface DriveStandInOptions {
  /** The connected Google account (default admin@example.com). */
  account?: { email: string; displayName?: string };
  /** The OAuth web client the token endpoint accepts. */
  client?: { clientId: string; clientSecret: string };
  /** Initial clock (default 2026-01-01T00:00:00.000Z); each world change takes the next second. */
  clock?: string;
  /** `expires_in` of access tokens (default 3599, Google's). */
  tokenLifetimeSeconds?: number;
  /** Exports above this answer 403 exportSizeLimitExceeded (default 10 MB, Google's). */
  exportLimitBytes?: number;
  /** Most files one files.list page holds, whatever pageSize asks (default 1000). */
  listPageCap?: number;
  /** Who may list groups through the Directory API (Workspace admins; default the account). */
  directoryAdmins?: string[];
}

export interface DriveStandIn extends WorldHelpers {
  /** e.g. http://127.0.0.1:40123/ — `drive({ version: "v3", rootUrl })`. */
  rootUrl: string;
  /** OAuth2Client `endpoints.oauth2TokenUrl` (code exchange, refresh, JWT-bearer grant). */
  tokenUrl: string;
  /** OAuth2Client `endpoints.oauth2AuthBaseUrl`: a GET redirects to redirect_uri with a code. */
  authUrl: string;
  account: { email: string; displayName: string; permissionId: string };
  client: { clientId: string; clientSecret: string };
  /** My Drive's root folder id (what `'root' in parents` means). */
  rootFolderId: string;
  /** Every call, in order, failed ones included. */
  calls: DriveCall[];
  /** By route name: "files.list", "files.export", "files.download", "changes.list", "oauth.token"… */
  callsTo(route: string): DriveCall[];
  /** Resolves once `count` calls to the route have been answered (default 1, within 5 s). */
  waitFor(route: string, count?: number, timeoutMs?: number): Promise<DriveCall[]>;
  /** The next `times` calls to the route ("*" for any Drive route) answer with the fault instead. */
  failNext(route: string, fault: DriveFault, times?: number): void;
  clearFaults(): void;
  /** From now on every listing says `incompleteSearch: true` and leaves `omit` out; false ends it. */
  setIncompleteSearch(omit: string[] | false): void;
  /** What the token endpoint handed out or refused (grant type, client, JWT iss/sub, scope). */
  tokenGrants: TokenGrant[];
  /** The consent requests made (scope, access_type, prompt, state…). */
  authorizations: AuthorizeRequest[];
  /** A code as consent would give for this redirect URI (offline by default: a refresh token comes). */
  authorizationCode(redirectUri: string, options?: { offline?: boolean; scope?: string }): string;
  /** A Workspace group in the Directory API (`groups.list?userKey=` answers direct membership only). */
  addGroup(spec: GroupSpec): { id: string };
  /** Who may list groups from now on (others get 403 "Not Authorized to access this resource/api"). */
  setDirectoryAdmins(emails: string[]): void;
  /** An access token that works at once, skipping OAuth (scope default drive.readonly). */
  mintAccessToken(principal?: string, scope?: string): string;
  /** Access tokens handed out so far answer 401 (clients must refresh). */
  expireAccessTokens(): void;
  /** The user revoked the app: refresh grants answer invalid_grant, access tokens 401. */
  revokeGrants(): void;
  close(): Promise<void>;
}

/**
 * An in-process Google Drive v3 API, Directory API groups listing and OAuth token endpoint on a random local port: the real
 * `@googleapis/drive` client and google-auth-library talk to it. Answers in Drive's shapes (fields,
 * page tokens, the changes feed), errors as Google's `{ error: { code, message, errors: [{ reason }] } }`.
 */
export async function startDriveStandIn(options: DriveStandInOptions = {}): Promise<DriveStandIn> {
  const email = options.account?.email ?? "admin@example.com";
  const account = {
    email,
    displayName: options.account?.displayName ?? email.split("@")[0] ?? email,
    permissionId: permissionId({ type: "user", role: "owner", emailAddress: email }),
  };
  const client = options.client ?? {
    clientId: "stand-in.apps.googleusercontent.com",
    clientSecret: "stand-in-secret",
  };
  const world = new DriveWorld(account, options.clock ?? "2026-01-01T00:00:00.000Z");
  const tokens = new TokenStore(client, email, options.tokenLifetimeSeconds ?? 3599);
  const faults = createFaultQueue();
  const log = createSignalLog<DriveCall>((call) => [call.route, `${call.route} ${call.status}`]);
  const settings: RouteSettings = {
    listPageCap: options.listPageCap ?? 1000,
    exportLimitBytes: options.exportLimitBytes ?? 10 * 1024 * 1024,
    incompleteSearch: undefined,
  };
  const authorizations: AuthorizeRequest[] = [];
  const directory = new DirectoryGroups(options.directoryAdmins ?? [email]);
  const http = await startDriveHttp({
    world,
    routes: [...changeRoutes, ...fileRoutes, ...sharingRoutes, ...directoryRoutes(directory)],
    tokens,
    faults,
    log,
    settings,
    clientId: client.clientId,
    authorizations,
  });
  return {
    ...worldHelpers(world),
    rootUrl: `${http.origin}/`,
    tokenUrl: `${http.origin}/token`,
    authUrl: `${http.origin}/o/oauth2/v2/auth`,
    account,
    client,
    rootFolderId: world.rootFolderId,
    calls: log.entries,
    callsTo: log.matching,
    waitFor: log.waitFor,
    failNext: (route, fault, times = 1) => faults.add(route, fault, times),
    clearFaults: () => faults.clear(),
    setIncompleteSearch(omit) {
      settings.incompleteSearch = omit === false ? undefined : { omit };
    },
    tokenGrants: tokens.grants,
    authorizations,
    authorizationCode: (redirectUri, codeOptions) => tokens.issueCode(redirectUri, codeOptions),
    addGroup: (spec) => directory.add(spec),
    setDirectoryAdmins(emails) {
      directory.admins = new Set(emails.map((admin) => admin.toLowerCase()));
    },
    mintAccessToken: (principal, scope) => tokens.mintAccessToken(principal, scope),
    expireAccessTokens: () => tokens.expireAccessTokens(),
    revokeGrants: () => tokens.revokeGrants(),
    close: () => http.close(),
  };
}
