/**
 * The document model every connector produces. Content is Markdown (connectors convert HTML, PDF,
 * DOCX, Notion blocks…), so one chunker serves all sources.
 */
export interface SourceDocument {
  workspaceId: string;
  /** Connector name: "files", "notion", "drive". */
  source: string;
  /** The connector's own stable id (relative path, Notion page id, Drive file id). */
  externalId: string;
  title: string;
  /** Where a citation links to: https URL or a file path. */
  url: string;
  updatedAt: Date;
  /** Markdown body, without front matter. */
  content: string;
  /** Small structured facts (front matter, page properties) kept with the document, not embedded. */
  metadata?: Record<string, unknown>;
  /** Room for access control: who may see this document. Null = everyone in the workspace. */
  access?: DocumentAccess | null;
}

export interface DocumentAccess {
  users?: string[];
  groups?: string[];
  public?: boolean;
}
