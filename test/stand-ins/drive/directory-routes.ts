import type { DirectoryGroups, StoredGroup } from "./directory-groups.ts";
import { DriveApiError, driveErrors } from "./drive-api-error.ts";
import { type DriveRoute, json } from "./drive-route.ts";
import { applyFields } from "./partial-response.ts";
import { fieldsOf, paginate } from "./request-params.ts";

/** Scopes that let a token read groups (the read-write one includes reading). */
const groupScopes = [
  "https://www.googleapis.com/auth/admin.directory.group.readonly",
  "https://www.googleapis.com/auth/admin.directory.group",
];

/**
 * Admin SDK Directory `groups.list` (`GET /admin/directory/v1/groups?userKey=<email>`): the groups
 * the user — or, given a group's email, the group — is a DIRECT member of, as Google answers (one
 * level: nesting is the caller's to follow), in pages of `maxResults` (1–200, default 200). 403 unless the token carries a group scope and acts for an admin.
 */
export function directoryRoutes(directory: DirectoryGroups): DriveRoute[] {
  return [
    {
      name: "directory.groups.list",
      method: "GET",
      pattern: "/admin/directory/v1/groups",
      handle({ query, principal, scope }) {
        if (!scope.split(" ").some((granted) => groupScopes.includes(granted))) throw insufficientScopes();
        if (!directory.admins.has(principal.toLowerCase())) throw notAuthorized();
        const userKey = query.get("userKey");
        if (!userKey && !query.get("customer") && !query.get("domain")) {
          throw driveErrors.badRequest("Bad Request");
        }
        const all = userKey ? directory.directGroupsOf(userKey) : directory.groups;
        const { page, nextPageToken } = paginate(all, query, maxResultsOf(query));
        const body = {
          kind: "admin#directory#groups",
          etag: '"stand-in-etag"',
          ...(page.length > 0 ? { groups: page.map(groupJson) } : {}),
          nextPageToken,
        };
        return json(applyFields(body, fieldsOf(query, "kind,etag,groups,nextPageToken")));
      },
    },
  ];
}

function groupJson(group: StoredGroup): Record<string, unknown> {
  return {
    kind: "admin#directory#group",
    id: group.id,
    etag: `"${group.id}"`,
    email: group.email,
    name: group.name,
    directMembersCount: String(group.members.length),
    description: "",
    adminCreated: true,
  };
}

function maxResultsOf(query: URLSearchParams): number {
  const raw = query.get("maxResults");
  if (raw === null) return 200;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 1 || size > 200) {
    throw driveErrors.invalidParameter(
      "maxResults",
      `Invalid value '${raw}'. Values must be within the range: [1, 200]`,
    );
  }
  return size;
}

const insufficientScopes = () =>
  new DriveApiError(
    403,
    { message: "Insufficient Permission", domain: "global", reason: "insufficientPermissions" },
    { grpcStatus: "PERMISSION_DENIED" },
  );

const notAuthorized = () =>
  new DriveApiError(403, {
    message: "Not Authorized to access this resource/api",
    domain: "global",
    reason: "forbidden",
  });
