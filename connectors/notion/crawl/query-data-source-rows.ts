import { type Client, isFullPage, type PageObjectResponse } from "@notionhq/client";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { notionIdKey } from "./notion-id-key.ts";

/**
 * Every row of a data source. A query stops silently around 10,000 rows (`request_status`
 * incomplete), so rows come oldest first by `created_time` and each capped window is followed by
 * another starting at the last created time seen (on or after: ties are kept, duplicates dropped).
 * Throws when a window brings nothing new (more rows share one timestamp than the cap).
 * `editedSince` keeps only rows edited at or after it (what an incremental sync needs). Returns how
 * many queries it sent.
 */
export async function queryDataSourceRows(
  client: Client,
  dataSourceId: string,
  onRows: (rows: PageObjectResponse[]) => void,
  options: { editedSince?: Date } = {},
): Promise<number> {
  const edited =
    options.editedSince === undefined
      ? undefined
      : ({
          timestamp: "last_edited_time",
          last_edited_time: { on_or_after: options.editedSince.toISOString() },
        } as const);
  const seen = new Set<string>();
  let from: string | undefined;
  let calls = 0;
  for (;;) {
    let cursor: string | undefined;
    let incomplete = false;
    let latest = from;
    let fresh = 0;
    const window =
      from === undefined
        ? undefined
        : ({ timestamp: "created_time", created_time: { on_or_after: from } } as const);
    const filter = window && edited ? { and: [edited, window] } : (window ?? edited);
    do {
      const response = await client.dataSources.query({
        data_source_id: dataSourceId,
        page_size: 100,
        sorts: [{ timestamp: "created_time", direction: "ascending" }],
        ...(filter === undefined ? {} : { filter }),
        ...(cursor === undefined ? {} : { start_cursor: cursor }),
      });
      calls += 1;
      const rows = response.results.filter(isFullPage).filter((row) => !seen.has(notionIdKey(row.id)));
      for (const row of rows) {
        seen.add(notionIdKey(row.id));
        if (latest === undefined || Date.parse(row.created_time) > Date.parse(latest))
          latest = row.created_time;
      }
      fresh += rows.length;
      if (rows.length > 0) onRows(rows);
      incomplete ||= response.request_status?.type === "incomplete";
      cursor = response.has_more && response.next_cursor !== null ? response.next_cursor : undefined;
    } while (cursor !== undefined);
    if (!incomplete) return calls;
    if (fresh === 0 || latest === undefined || latest === from) {
      throw new AppError(
        ErrorCode.UpstreamError,
        `Notion: data source ${dataSourceId} has more rows at ${latest ?? "one time"} than one query returns`,
      );
    }
    from = latest;
  }
}
