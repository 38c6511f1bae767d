import { blockContent, tableRowContent } from "./block-content.ts";
import type { BlockSpec, DataSourceSpec, PropertySchema } from "./block-spec.ts";
import { compactId, newId } from "./ids.ts";
import { plainText, type RichTextInput } from "./rich-text.ts";

export type ParentSpec =
  | { page_id: string }
  | { workspace: true }
  | { data_source_id: string }
  | { block_id: string };

export interface StoredPage {
  id: string;
  title: RichTextInput;
  parent: ParentSpec;
  /** Raw Notion property values besides the title, by property name. */
  properties: Record<string, unknown>;
  createdTime: string;
  lastEditedTime: string;
  inTrash: boolean;
}

export interface StoredBlock {
  id: string;
  type: string;
  content: Record<string, unknown>;
  parent: { page_id: string } | { block_id: string };
  createdTime: string;
  /** Set on a synced-block reference: whose children it shows. */
  syncedFrom?: string;
}

export interface StoredDatabase {
  id: string;
  title: string;
  parent: ParentSpec;
  dataSourceIds: string[];
  createdTime: string;
  lastEditedTime: string;
}

export interface StoredDataSource {
  id: string;
  name: string;
  databaseId: string;
  schema: PropertySchema;
  rowIds: string[];
  createdTime: string;
  lastEditedTime: string;
}

export interface NewPage {
  id?: string;
  title: RichTextInput;
  parent: ParentSpec;
  blocks?: BlockSpec[];
  properties?: Record<string, unknown>;
  createdTime?: string;
  lastEditedTime?: string;
}

export interface NewDatabase {
  id?: string;
  title: string;
  parent: { page_id: string } | { workspace: true };
  dataSources: DataSourceSpec[];
}

/** The stand-in's pages, blocks, databases and data sources, and what the integration may see. */
export class NotionWorkspace {
  readonly pages = new Map<string, StoredPage>();
  readonly blocks = new Map<string, StoredBlock>();
  readonly databases = new Map<string, StoredDatabase>();
  readonly dataSources = new Map<string, StoredDataSource>();
  /** Child block ids of a page or block, in order, by compact id of the holder. */
  readonly children = new Map<string, string[]>();
  readonly unshared = new Set<string>();
  readonly hiddenFromSearch = new Set<string>();
  clock = "2026-01-01T00:00:00.000Z";

  addPage(page: NewPage, asBlock = true): StoredPage {
    const id = page.id ?? newId();
    const stored: StoredPage = {
      id,
      title: page.title,
      parent: page.parent,
      properties: page.properties ?? {},
      createdTime: page.createdTime ?? this.clock,
      lastEditedTime: page.lastEditedTime ?? page.createdTime ?? this.clock,
      inTrash: false,
    };
    this.pages.set(compactId(id), stored);
    if ("data_source_id" in page.parent) this.dataSourceOrThrow(page.parent.data_source_id).rowIds.push(id);
    else if (asBlock)
      this.appendHolderBlock(page.parent, { id, type: "child_page", title: plainText(page.title) });
    this.addBlocks({ page_id: id }, page.blocks ?? []);
    return stored;
  }

  addDatabase(database: NewDatabase, asBlock = true): StoredDatabase {
    const id = database.id ?? newId();
    const stored: StoredDatabase = {
      id,
      title: database.title,
      parent: database.parent,
      dataSourceIds: [],
      createdTime: this.clock,
      lastEditedTime: this.clock,
    };
    this.databases.set(compactId(id), stored);
    for (const source of database.dataSources) {
      const sourceId = source.id ?? newId();
      stored.dataSourceIds.push(sourceId);
      this.dataSources.set(compactId(sourceId), {
        id: sourceId,
        name: source.name,
        databaseId: id,
        schema: source.properties ?? { Name: "title" },
        rowIds: [],
        createdTime: this.clock,
        lastEditedTime: this.clock,
      });
    }
    if (asBlock)
      this.appendHolderBlock(database.parent, { id, type: "child_database", title: database.title });
    return stored;
  }

  /** Replaces a page's title and/or content; last_edited_time becomes the clock's time. */
  editPage(id: string, edit: { title?: RichTextInput; blocks?: BlockSpec[] }): void {
    const page = this.pageOrThrow(id);
    if (edit.title !== undefined) page.title = edit.title;
    if (edit.blocks) {
      this.children.set(compactId(id), []);
      this.addBlocks({ page_id: page.id }, edit.blocks);
    }
    page.lastEditedTime = this.clock;
  }

  pageOrThrow(id: string): StoredPage {
    const page = this.pages.get(compactId(id));
    if (!page) throw new Error(`Notion stand-in: no page ${id}`);
    return page;
  }

  dataSourceOrThrow(id: string): StoredDataSource {
    const source = this.dataSources.get(compactId(id));
    if (!source) throw new Error(`Notion stand-in: no data source ${id}`);
    return source;
  }

  /** Ids of the blocks listed under a page or block; a synced reference lists its original's. */
  childIds(id: string): string[] {
    const block = this.blocks.get(compactId(id));
    const holder = block?.syncedFrom ?? id;
    return (this.children.get(compactId(holder)) ?? []).filter(
      (childId) => !this.pages.get(compactId(childId))?.inTrash,
    );
  }

  /** Title → id of the child pages listed under a page or block (as its children list them). */
  childPageIds(id: string): Record<string, string> {
    return Object.fromEntries(
      this.childIds(id).flatMap((childId) => {
        const block = this.blocks.get(compactId(childId));
        return block?.type === "child_page" ? [[String(block.content.title), block.id]] : [];
      }),
    );
  }

  /** True when the object, or anything above it, was un-shared with the integration. */
  isUnshared(id: string): boolean {
    return this.someAncestor(id, (key) => this.unshared.has(key));
  }

  /** True when the page, or a page above it, is in the trash. */
  isTrashed(id: string): boolean {
    return this.someAncestor(id, (key) => this.pages.get(key)?.inTrash === true);
  }

  addBlocks(parent: StoredBlock["parent"], specs: BlockSpec[]): void {
    for (const spec of specs) this.addBlock(parent, spec);
  }

  private addBlock(parent: StoredBlock["parent"], spec: BlockSpec): void {
    const id = spec.id ?? newId();
    const holder: ParentSpec = parent;
    if (spec.type === "child_page") {
      this.appendBlock(parent, { id, type: spec.type, content: blockContent(spec) });
      this.addPage({ id, title: spec.title, parent: holder, blocks: spec.blocks ?? [] }, false);
      return;
    }
    if (spec.type === "child_database") {
      this.appendBlock(parent, { id, type: spec.type, content: blockContent(spec) });
      const databaseParent = "page_id" in parent ? parent : { page_id: parent.block_id };
      this.addDatabase(
        { id, title: spec.title, parent: databaseParent, dataSources: spec.dataSources ?? [] },
        false,
      );
      return;
    }
    const syncedFrom =
      spec.type === "synced_block" && "synced_from" in spec ? spec.synced_from.block_id : undefined;
    this.appendBlock(parent, {
      id,
      type: spec.type,
      content: blockContent(spec),
      ...(syncedFrom ? { syncedFrom } : {}),
    });
    if (spec.type === "table") {
      for (const row of spec.rows)
        this.appendBlock({ block_id: id }, { id: newId(), type: "table_row", content: tableRowContent(row) });
    } else if ("children" in spec && spec.children) {
      this.addBlocks({ block_id: id }, spec.children);
    }
  }

  private appendBlock(
    parent: StoredBlock["parent"],
    block: Omit<StoredBlock, "parent" | "createdTime">,
  ): void {
    this.blocks.set(compactId(block.id), { ...block, parent, createdTime: this.clock });
    const holderKey = compactId("page_id" in parent ? parent.page_id : parent.block_id);
    const list = this.children.get(holderKey) ?? [];
    list.push(block.id);
    this.children.set(holderKey, list);
  }

  private appendHolderBlock(parent: ParentSpec, block: { id: string; type: string; title: string }): void {
    if ("page_id" in parent || "block_id" in parent) {
      this.appendBlock(parent, { id: block.id, type: block.type, content: { title: block.title } });
    }
  }

  private someAncestor(id: string, test: (key: string) => boolean): boolean {
    const seen = new Set<string>();
    let key: string | undefined = compactId(id);
    while (key && !seen.has(key)) {
      if (test(key)) return true;
      seen.add(key);
      key = this.parentKey(key);
    }
    return false;
  }

  private parentKey(key: string): string | undefined {
    const parent =
      this.pages.get(key)?.parent ?? this.blocks.get(key)?.parent ?? this.databases.get(key)?.parent;
    if (parent) return "workspace" in parent ? undefined : compactId(Object.values(parent)[0] as string);
    const source = this.dataSources.get(key);
    return source ? compactId(source.databaseId) : undefined;
  }
}
