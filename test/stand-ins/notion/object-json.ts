import { compactId } from "./ids.ts";
import type {
  NotionWorkspace,
  ParentSpec,
  StoredBlock,
  StoredDatabase,
  StoredDataSource,
  StoredPage,
} from "./notion-workspace.ts";
import { plainText, richText } from "./rich-text.ts";

/** The integration's bot user: `created_by` / `last_edited_by` of everything. */
export const standInUser = { object: "user", id: "9e5a1b0c-0000-4000-8000-00000000b07a" } as const;

type Json = Record<string, unknown>;

function urlOf(title: string, id: string): string {
  const slug = title.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return `https://www.notion.so/${slug ? `${slug}-` : ""}${compactId(id)}`;
}

function parentJson(workspace: NotionWorkspace, parent: ParentSpec): Json {
  if ("workspace" in parent) return { type: "workspace", workspace: true };
  if ("page_id" in parent) return { type: "page_id", page_id: parent.page_id };
  if ("block_id" in parent) return { type: "block_id", block_id: parent.block_id };
  const source = workspace.dataSourceOrThrow(parent.data_source_id);
  return { type: "data_source_id", data_source_id: source.id, database_id: source.databaseId };
}

/** `PageObjectResponse`: a row's title goes under its data source's title property. */
export function pageJson(workspace: NotionWorkspace, page: StoredPage): Json {
  const source =
    "data_source_id" in page.parent ? workspace.dataSourceOrThrow(page.parent.data_source_id) : undefined;
  const titleName =
    (source && Object.entries(source.schema).find(([, type]) => type === "title")?.[0]) ?? "title";
  return {
    object: "page",
    id: page.id,
    created_time: page.createdTime,
    last_edited_time: page.lastEditedTime,
    created_by: standInUser,
    last_edited_by: standInUser,
    cover: null,
    icon: null,
    parent: parentJson(workspace, page.parent),
    in_trash: page.inTrash,
    archived: page.inTrash,
    is_archived: page.inTrash,
    is_locked: false,
    properties: {
      ...page.properties,
      [titleName]: { id: "title", type: "title", title: richText(page.title) },
    },
    url: urlOf(plainText(page.title), page.id),
    public_url: null,
  };
}

/** A `BlockObjectResponse` of any type. */
export function blockJson(workspace: NotionWorkspace, block: StoredBlock): Json {
  const page = workspace.pages.get(compactId(block.id));
  return {
    object: "block",
    id: block.id,
    parent:
      "page_id" in block.parent
        ? { type: "page_id", ...block.parent }
        : { type: "block_id", ...block.parent },
    created_time: block.createdTime,
    last_edited_time: page?.lastEditedTime ?? block.createdTime,
    created_by: standInUser,
    last_edited_by: standInUser,
    has_children: workspace.childIds(block.id).length > 0,
    in_trash: page?.inTrash ?? false,
    archived: page?.inTrash ?? false,
    type: block.type,
    [block.type]: block.content,
  };
}

/** `DatabaseObjectResponse` (2025-09-03: a container of data sources). */
export function databaseJson(workspace: NotionWorkspace, database: StoredDatabase): Json {
  return {
    object: "database",
    id: database.id,
    title: richText(database.title),
    description: [],
    parent: parentJson(workspace, database.parent),
    is_inline: "page_id" in database.parent,
    in_trash: false,
    archived: false,
    is_locked: false,
    created_time: database.createdTime,
    last_edited_time: database.lastEditedTime,
    data_sources: database.dataSourceIds.map((id) => ({ id, name: workspace.dataSourceOrThrow(id).name })),
    icon: null,
    cover: null,
    url: urlOf(database.title, database.id),
    public_url: null,
  };
}

/** `DataSourceObjectResponse` with its property schema. */
export function dataSourceJson(workspace: NotionWorkspace, source: StoredDataSource): Json {
  const database = workspace.databases.get(compactId(source.databaseId));
  const properties = Object.fromEntries(
    Object.entries(source.schema).map(([name, type]) => [
      name,
      {
        id: type === "title" ? "title" : compactId(name).slice(0, 4),
        name,
        description: null,
        type,
        [type]: schemaConfig(type),
      },
    ]),
  );
  return {
    object: "data_source",
    id: source.id,
    title: richText(source.name),
    description: [],
    parent: { type: "database_id", database_id: source.databaseId },
    database_parent: database
      ? parentJson(workspace, database.parent)
      : { type: "workspace", workspace: true },
    is_inline: database ? "page_id" in database.parent : false,
    in_trash: false,
    archived: false,
    created_time: source.createdTime,
    last_edited_time: source.lastEditedTime,
    created_by: standInUser,
    last_edited_by: standInUser,
    properties,
    icon: null,
    cover: null,
    url: urlOf(source.name, source.id),
    public_url: null,
  };
}

function schemaConfig(type: string): Json {
  if (type === "select" || type === "multi_select") return { options: [] };
  if (type === "status") return { options: [], groups: [] };
  if (type === "number") return { format: "number" };
  return {};
}
