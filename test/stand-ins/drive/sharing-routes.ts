import { driveErrors } from "./drive-api-error.ts";
import { sharedDriveJson } from "./drive-json.ts";
import { type DriveRoute, json } from "./drive-route.ts";
import { permissionJson } from "./file-json.ts";
import { reachableFile } from "./file-reach.ts";
import { applyFields } from "./partial-response.ts";
import { fieldsOf, pageSizeOf, paginate } from "./request-params.ts";

/** drives.list/get, permissions.list (the way to read shared-drive items' access) and about.get. */
export const sharingRoutes: DriveRoute[] = [
  {
    name: "drives.list",
    method: "GET",
    pattern: "/drive/v3/drives",
    handle({ query, world }) {
      const fields = fieldsOf(query, "kind,nextPageToken,drives(kind,id,name)");
      const { page, nextPageToken } = paginate([...world.drives.values()], query, pageSizeOf(query, 10, 100));
      const body = { kind: "drive#driveList", nextPageToken, drives: page.map(sharedDriveJson) };
      return json(applyFields(body, fields));
    },
  },
  {
    name: "drives.get",
    method: "GET",
    pattern: "/drive/v3/drives/:driveId",
    handle({ query, world, params }) {
      const drive = world.drives.get(params.driveId ?? "");
      if (!drive) throw driveErrors.notFound(`Shared drive not found: ${params.driveId}`);
      return json(applyFields(sharedDriveJson(drive), fieldsOf(query, "kind,id,name")));
    },
  },
  {
    name: "permissions.list",
    method: "GET",
    pattern: "/drive/v3/files/:fileId/permissions",
    handle(context) {
      const { query, world } = context;
      const file = reachableFile(context);
      const fields = fieldsOf(query, "kind,nextPageToken,permissions(kind,id,type,role)");
      const all = world.effectivePermissions(file).map(permissionJson);
      const { page, nextPageToken } = paginate(all, query, pageSizeOf(query, 100, 100));
      return json(applyFields({ kind: "drive#permissionList", nextPageToken, permissions: page }, fields));
    },
  },
  {
    name: "about.get",
    method: "GET",
    pattern: "/drive/v3/about",
    handle({ query, world, principal }) {
      if (!query.get("fields")) {
        throw driveErrors.required("fields", "The 'fields' parameter is required for this method.");
      }
      const isAccount = principal === world.account.email;
      const body = {
        kind: "drive#about",
        user: {
          kind: "drive#user",
          displayName: isAccount ? world.account.displayName : principal,
          emailAddress: principal,
          me: true,
          permissionId: isAccount ? world.account.permissionId : undefined,
        },
        storageQuota: { limit: "16106127360", usage: "0", usageInDrive: "0", usageInDriveTrash: "0" },
        canCreateDrives: true,
        maxUploadSize: "5242880000000",
        appInstalled: false,
      };
      return json(applyFields(body, fieldsOf(query, "")));
    },
  },
];
