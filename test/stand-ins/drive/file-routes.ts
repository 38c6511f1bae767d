import { driveErrors } from "./drive-api-error.ts";
import { type DriveRoute, json } from "./drive-route.ts";
import { exportFormats } from "./export-formats.ts";
import { fileFieldNames, fileJson } from "./file-json.ts";
import { orderFiles } from "./file-order.ts";
import { compileQuery } from "./file-query.ts";
import { corpusFilter, reachableFile } from "./file-reach.ts";
import { applyFields, checkFieldNames } from "./partial-response.ts";
import { fieldsOf, pageSizeOf, paginate } from "./request-params.ts";
import { rootFolderJson } from "./root-folder.ts";

const listDefault = "kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType)";
const fileDefault = "kind,id,name,mimeType";

/** files.list, files.get (metadata, or the bytes with alt=media) and files.export. */
export const fileRoutes: DriveRoute[] = [
  {
    name: "files.list",
    method: "GET",
    pattern: "/drive/v3/files",
    handle(context) {
      const { query, world } = context;
      const fields = fieldsOf(query, listDefault);
      checkFieldNames(fields, "files", fileFieldNames);
      const inCorpus = corpusFilter(context);
      const matches = query.get("q") ? compileQuery(query.get("q") ?? "", world) : () => true;
      const incomplete = context.incompleteSearch ?? context.settings.incompleteSearch;
      const omitted = new Set(incomplete?.omit ?? []);
      const found = [...world.files.values()].filter(
        (file) => file.accessible && inCorpus(file) && !omitted.has(file.id) && matches(file),
      );
      const size = Math.min(pageSizeOf(query, 100, 1000), context.settings.listPageCap);
      const { page, nextPageToken } = paginate(orderFiles(found, query.get("orderBy")), query, size);
      const body = {
        kind: "drive#fileList",
        incompleteSearch: incomplete !== undefined,
        nextPageToken,
        files: page.map((file) => fileJson(world, file)),
      };
      return json(applyFields(body, fields));
    },
  },
  {
    name: "files.download",
    method: "GET",
    pattern: "/drive/v3/files/:fileId",
    when: (query) => query.get("alt") === "media",
    handle(context) {
      const file = reachableFile(context);
      if (file.content.kind !== "binary") throw driveErrors.fileNotDownloadable();
      return { status: 200, bytes: file.content.bytes, contentType: file.mimeType };
    },
  },
  {
    name: "files.get",
    method: "GET",
    pattern: "/drive/v3/files/:fileId",
    handle(context) {
      const fields = fieldsOf(context.query, fileDefault);
      checkFieldNames(fields, undefined, fileFieldNames);
      const root = rootFolderJson(context.world, context.params.fileId ?? "");
      return json(applyFields(root ?? fileJson(context.world, reachableFile(context)), fields));
    },
  },
  {
    name: "files.export",
    method: "GET",
    pattern: "/drive/v3/files/:fileId/export",
    async handle(context) {
      const file = reachableFile(context, { anyDrive: true });
      const mimeType = context.query.get("mimeType");
      if (!mimeType) throw driveErrors.required("mimeType", "Required parameter: mimeType");
      const formats = exportFormats[file.mimeType];
      if (!formats) throw driveErrors.fileNotExportable();
      const exporter = formats[mimeType];
      if (!exporter) throw driveErrors.badRequest("The requested conversion is not supported.");
      const limit = context.settings.exportLimitBytes;
      if ((file.exportBytes ?? 0) > limit) throw driveErrors.exportSizeLimitExceeded();
      const exported = await exporter(file.content);
      if (exported.bytes.byteLength > limit) throw driveErrors.exportSizeLimitExceeded();
      return { status: 200, ...exported };
    },
  },
];
