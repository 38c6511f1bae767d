import { driveErrors } from "./drive-api-error.ts";
import { sharedDriveJson } from "./drive-json.ts";
import { type DriveRoute, flag, json, type RouteContext } from "./drive-route.ts";
import type { ChangeRecord } from "./drive-world.ts";
import { fileJson } from "./file-json.ts";
import { corpusFilter } from "./file-reach.ts";
import { applyFields } from "./partial-response.ts";
import { fieldsOf, pageSizeOf } from "./request-params.ts";

const listDefault =
  "kind,nextPageToken,newStartPageToken,changes(kind,changeType,time,removed,fileId,driveId,file(kind,id,name,mimeType),drive(kind,id,name))";

function startToken(context: RouteContext): number {
  const raw = context.query.get("pageToken");
  if (!raw) throw driveErrors.required("pageToken", "Required parameter: pageToken");
  const token = Number(raw);
  if (!/^\d+$/.test(raw) || token < 1 || token > context.world.nextChangeId()) {
    throw driveErrors.invalidParameter("pageToken", "Invalid Value");
  }
  return token;
}

/**
 * The feed from a token on: one entry per file (or drive), its latest change, as Drive coalesces them;
 * the file is read as it is now. Shared-drive entries only with `includeItemsFromAllDrives`.
 */
function feedFrom(context: RouteContext, token: number): ChangeRecord[] {
  const inCorpus = corpusFilter({ ...context, query: withoutCorpora(context.query) });
  const allDrives = flag(context.query, "includeItemsFromAllDrives");
  const includeRemoved = context.query.get("includeRemoved") !== "false";
  const latest = new Map<string, ChangeRecord>();
  for (const change of context.world.changes.slice(token - 1)) {
    if (change.changeType === "drive" ? !allDrives : !inCorpus(change)) continue;
    latest.set(`${change.changeType}:${change.fileId ?? change.driveId}`, change);
  }
  return [...latest.values()]
    .filter((change) => includeRemoved || !change.removed)
    .sort((left, right) => left.id - right.id);
}

/** changes.list takes `driveId` without `corpora`: a feed of that drive only. */
function withoutCorpora(query: URLSearchParams): URLSearchParams {
  const copy = new URLSearchParams(query);
  copy.delete("corpora");
  if (copy.has("driveId")) copy.set("corpora", "drive");
  return copy;
}

/** changes.getStartPageToken and changes.list. */
export const changeRoutes: DriveRoute[] = [
  {
    name: "changes.getStartPageToken",
    method: "GET",
    pattern: "/drive/v3/changes/startPageToken",
    handle({ query, world }) {
      const body = { kind: "drive#startPageToken", startPageToken: String(world.nextChangeId()) };
      return json(applyFields(body, fieldsOf(query, "kind,startPageToken")));
    },
  },
  {
    name: "changes.list",
    method: "GET",
    pattern: "/drive/v3/changes",
    handle(context) {
      const { query, world } = context;
      const fields = fieldsOf(query, listDefault);
      const feed = feedFrom(context, startToken(context));
      const page = feed.slice(0, pageSizeOf(query, 100, 1000));
      const last = page.at(-1);
      const more = page.length < feed.length && last !== undefined;
      const changes = page.map((change) => {
        const file = change.fileId && !change.removed ? world.file(change.fileId) : undefined;
        const drive = change.driveId ? world.drives.get(change.driveId) : undefined;
        return {
          kind: "drive#change",
          changeType: change.changeType,
          time: change.time,
          removed: change.removed,
          fileId: change.fileId,
          driveId: change.driveId,
          file: file ? fileJson(world, file) : undefined,
          drive: change.changeType === "drive" && drive ? sharedDriveJson(drive) : undefined,
        };
      });
      const body = {
        kind: "drive#changeList",
        nextPageToken: more ? String(last.id + 1) : undefined,
        newStartPageToken: more ? undefined : String(world.nextChangeId()),
        changes,
      };
      return json(applyFields(body, fields));
    },
  },
];
