import { type Client, isFullPage, type PageObjectResponse } from "@notionhq/client";

export interface RecentlyEditedDataSource {
  id: string;
  lastEditedTime: Date;
}

export interface RecentlyEdited {
  pages: PageObjectResponse[];
  /** Data sources edited at or after `since`: their rows may have changed where search missed them. */
  dataSources: RecentlyEditedDataSource[];
  /** The newest last_edited_time among the results read (pages and data sources), or null. */
  newest: Date | null;
  calls: number;
}

/**
 * Pages and data sources edited at or after `since`: `search` sorted by last_edited_time
 * descending, stopping at the first result older than `since` (pages and data sources share the
 * order). Search lags and hides trashed and un-shared pages, so this finds edits, not removals.
 */
export async function searchRecentlyEdited(client: Client, since: Date): Promise<RecentlyEdited> {
  const found: RecentlyEdited = { pages: [], dataSources: [], newest: null, calls: 0 };
  let cursor: string | undefined;
  do {
    const response = await client.search({
      page_size: 100,
      sort: { timestamp: "last_edited_time", direction: "descending" },
      ...(cursor === undefined ? {} : { start_cursor: cursor }),
    });
    found.calls += 1;
    for (const result of response.results) {
      if (!("last_edited_time" in result)) continue;
      const edited = new Date(result.last_edited_time);
      if (edited < since) return found;
      if (found.newest === null || edited > found.newest) found.newest = edited;
      if (result.object === "page" && isFullPage(result) && !result.in_trash) found.pages.push(result);
      else if (result.object === "data_source" && !result.in_trash) {
        found.dataSources.push({ id: result.id, lastEditedTime: edited });
      }
    }
    cursor = response.has_more && response.next_cursor !== null ? response.next_cursor : undefined;
  } while (cursor !== undefined);
  return found;
}
