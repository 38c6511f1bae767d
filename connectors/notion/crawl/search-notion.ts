import { type Client, isFullPage, type PageObjectResponse } from "@notionhq/client";

export interface SearchHit {
  pages: PageObjectResponse[];
  dataSourceIds: string[];
}

/**
 * Every page and data source `search` returns, all result pages. Not a complete listing on its own:
 * search lags and only guarantees what was shared directly with the integration.
 */
export async function searchNotion(client: Client, onHits: (hits: SearchHit) => void): Promise<void> {
  let cursor: string | undefined;
  do {
    const response = await client.search({
      page_size: 100,
      sort: { timestamp: "last_edited_time", direction: "descending" },
      ...(cursor === undefined ? {} : { start_cursor: cursor }),
    });
    const hits: SearchHit = { pages: [], dataSourceIds: [] };
    for (const result of response.results) {
      if (result.object === "data_source") hits.dataSourceIds.push(result.id);
      else if (isFullPage(result)) hits.pages.push(result);
    }
    onHits(hits);
    cursor = response.has_more && response.next_cursor !== null ? response.next_cursor : undefined;
  } while (cursor !== undefined);
}
