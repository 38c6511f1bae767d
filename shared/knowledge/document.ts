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

/**
 * Who may see a document, in Drive's permission kinds. Any one entry matching the asker is enough.
 * Emails and domains compare case-insensitively (Drive's own addresses differ in case).
 */
export interface DocumentAccess {
  /** People's emails. */
  users?: string[];
  /** Group emails: seen only by viewers whose groups are known (Directory expansion). */
  groups?: string[];
  /** Whole domains ("example.com"): everyone with an email there, and askers whose email is unknown. */
  domains?: string[];
  /** Anyone (with the link): everyone in the workspace. */
  public?: boolean;
}
