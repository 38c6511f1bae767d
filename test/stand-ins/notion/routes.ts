import { compactId } from "./ids.ts";
import { NotionApiError, notFound, validationError } from "./notion-api-error.ts";
import type { NotionWorkspace } from "./notion-workspace.ts";
import { blockJson, databaseJson, dataSourceJson, pageJson, standInUser } from "./object-json.ts";
import { paginate } from "./paginate.ts";
import { plainText } from "./rich-text.ts";
import { rowFilter, rowOrder } from "./timestamp-filter.ts";

export interface RouteRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown>;
}

export interface RouteOptions {
  rowCap: number;
  workspaceName: string;
  workspaceId: string;
}

type Json = Record<string, unknown>;

/** Answers one authenticated API request from the workspace, or throws a NotionApiError. */
export function route(workspace: NotionWorkspace, request: RouteRequest, options: RouteOptions): Json {
  const { method, path, body, query } = request;
  const parts = path.split("/").filter(Boolean).slice(1);
  const [resource, id, sub] = parts;
  if (method === "POST" && resource === "search" && parts.length === 1) return search(workspace, body);
  if (method === "GET" && resource === "users" && id === "me") {
    return {
      ...standInUser,
      name: "Sabio",
      avatar_url: null,
      type: "bot",
      bot: {
        owner: { type: "workspace", workspace: true },
        workspace_name: options.workspaceName,
        workspace_id: options.workspaceId,
        workspace_limits: { max_file_upload_size_in_bytes: 5_368_709_120 },
      },
    };
  }
  if (!id) throw new NotionApiError(400, "invalid_request_url", "Invalid request URL.");
  if (workspace.isUnshared(id)) throw notFound(id, resource === "pages" ? "page" : "block");
  if (method === "GET" && resource === "pages" && !sub) {
    const page = workspace.pages.get(compactId(id));
    if (!page) throw notFound(id, "page");
    return pageJson(workspace, page);
  }
  if (method === "GET" && resource === "blocks" && sub === "children") {
    if (!workspace.pages.has(compactId(id)) && !workspace.blocks.has(compactId(id))) throw notFound(id);
    const blocks = workspace
      .childIds(id)
      .flatMap((childId) => workspace.blocks.get(compactId(childId)) ?? []);
    const page = paginate(blocks, query.start_cursor, query.page_size);
    return {
      object: "list",
      ...page,
      results: page.results.map((block) => blockJson(workspace, block)),
      type: "block",
      block: {},
    };
  }
  if (method === "GET" && resource === "databases" && !sub) {
    const database = workspace.databases.get(compactId(id));
    if (!database) throw notFound(id, "database");
    return databaseJson(workspace, database);
  }
  const source = resource === "data_sources" ? workspace.dataSources.get(compactId(id)) : undefined;
  if (resource === "data_sources" && !source) throw notFound(id, "data_source");
  if (method === "GET" && source && !sub) return dataSourceJson(workspace, source);
  if (method === "POST" && source && sub === "query") {
    const rows = source.rowIds
      .flatMap((rowId) => workspace.pages.get(compactId(rowId)) ?? [])
      .filter((row) => !row.inTrash && !workspace.isUnshared(row.id))
      .filter(rowFilter(body.filter))
      .sort(rowOrder(body.sorts));
    const capped = rows.slice(0, options.rowCap);
    const page = paginate(capped, body.start_cursor, body.page_size);
    const requestStatus =
      rows.length > options.rowCap
        ? { type: "incomplete", incomplete_reason: "query_result_limit_reached" }
        : { type: "complete" };
    return {
      object: "list",
      ...page,
      results: page.results.map((row) => pageJson(workspace, row)),
      type: "page_or_data_source",
      page_or_data_source: {},
      request_status: requestStatus,
    };
  }
  throw new NotionApiError(400, "invalid_request_url", `Invalid request URL: ${method} ${path}`);
}

function search(workspace: NotionWorkspace, body: Json): Json {
  const filter = body.filter as { property?: string; value?: string } | undefined;
  if (filter && filter.value !== "page" && filter.value !== "data_source") {
    throw validationError("body.filter.value should be `page` or `data_source`.");
  }
  const sort = body.sort as { timestamp?: string; direction?: string } | undefined;
  if (sort && sort.timestamp !== "last_edited_time")
    throw validationError("The stand-in sorts search by last_edited_time only.");
  const words = typeof body.query === "string" ? body.query.toLowerCase() : "";
  const visible = (id: string) =>
    !workspace.isTrashed(id) && !workspace.isUnshared(id) && !workspace.hiddenFromSearch.has(compactId(id));
  const pages = filter?.value === "data_source" ? [] : [...workspace.pages.values()];
  const sources = filter?.value === "page" ? [] : [...workspace.dataSources.values()];
  const found = [
    ...pages.map((page) => ({
      id: page.id,
      title: plainText(page.title),
      edited: page.lastEditedTime,
      json: () => pageJson(workspace, page),
    })),
    ...sources.map((source) => ({
      id: source.id,
      title: source.name,
      edited: source.lastEditedTime,
      json: () => dataSourceJson(workspace, source),
    })),
  ]
    .filter((item) => visible(item.id))
    .filter((item) => words === "" || item.title.toLowerCase().includes(words));
  const direction = sort?.direction === "ascending" ? 1 : -1;
  found.sort((a, b) => direction * (Date.parse(a.edited) - Date.parse(b.edited)));
  const page = paginate(found, body.start_cursor, body.page_size);
  return {
    object: "list",
    ...page,
    results: page.results.map((item) => item.json()),
    type: "page_or_data_source",
    page_or_data_source: {},
  };
}
