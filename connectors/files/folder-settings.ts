import { z } from "zod";
import type { SourceConnectionRow } from "#shared/db/schema.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";

/** What a folder connection keeps in `source_connections.settings`. */
export const folderSettingsSchema = z.object({
  /** Absolute path of the folder, as last ingested. */
  path: z.string().min(1),
  /** Citation paths start with this when there is no base URL: the folder's name when first connected. */
  name: z.string(),
  /** The published docs site (normalised, ends in "/"): files cite their page there. */
  baseUrl: z.string().url().optional(),
});
export type FolderSettings = z.infer<typeof folderSettingsSchema>;

/** The `source` a folder connection's documents are indexed under: one per connection. */
export function folderSource(connectionId: string): string {
  return `files:${connectionId}`;
}

export function folderSettings(connection: SourceConnectionRow): FolderSettings {
  const parsed = folderSettingsSchema.safeParse(connection.settings);
  if (!parsed.success) {
    throw new AppError(ErrorCode.InvalidConfig, `Folder source "${connection.id}" has unreadable settings.`, {
      hint: "ingest the folder again with `--source` to set its path",
    });
  }
  return parsed.data;
}
