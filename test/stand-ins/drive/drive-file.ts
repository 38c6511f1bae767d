/** Who may open a file, as a Drive permission says it (anyone = anyone with the link). */
export interface PermissionSpec {
  type: "user" | "group" | "domain" | "anyone";
  role: "owner" | "organizer" | "fileOrganizer" | "writer" | "commenter" | "reader";
  emailAddress?: string;
  domain?: string;
  /** Domain and anyone permissions: findable in search (true) or link only (false, the default). */
  allowFileDiscovery?: boolean;
  displayName?: string;
}

export interface StoredPermission extends PermissionSpec {
  id: string;
}

export type SheetCell = string | number | boolean | null;
export interface SheetSpec {
  title: string;
  rows: SheetCell[][];
}

/** What a file holds: Google Docs/Sheets/Slides keep their source, other files their bytes. */
export type FileContent =
  | { kind: "doc"; markdown: string }
  | { kind: "sheet"; sheets: SheetSpec[] }
  | { kind: "slides"; slides: string[] }
  | { kind: "folder" }
  | { kind: "shortcut"; targetId: string }
  | { kind: "binary"; bytes: Uint8Array };

export interface StoredFile {
  id: string;
  name: string;
  mimeType: string;
  content: FileContent;
  /** One parent: the folder, My Drive's root folder, or the shared drive's id (its root). */
  parents: string[];
  /** The shared drive holding it; undefined in My Drive. */
  driveId: string | undefined;
  ownerEmail: string;
  trashed: boolean;
  explicitlyTrashed: boolean;
  trashedTime: string | undefined;
  createdTime: string;
  modifiedTime: string;
  /** Drive's monotonically increasing file version (sent as a string). */
  version: number;
  headRevision: number;
  permissions: StoredPermission[];
  /** Export size Drive would compute, when a test wants a > 10 MB export without making one. */
  exportBytes: number | undefined;
  /** False once the connected account lost access: gone from every answer (changes say removed). */
  accessible: boolean;
}

export interface SharedDrive {
  id: string;
  name: string;
  createdTime: string;
  /** Members: each file in the drive inherits these. */
  members: StoredPermission[];
}

/** Drive's MIME types for its own kinds. */
export const googleTypes = {
  doc: "application/vnd.google-apps.document",
  sheet: "application/vnd.google-apps.spreadsheet",
  slides: "application/vnd.google-apps.presentation",
  folder: "application/vnd.google-apps.folder",
  shortcut: "application/vnd.google-apps.shortcut",
} as const;

/** Where a new file goes: a folder (`parent`), a shared drive's root (`driveId`), or My Drive's root. */
export interface Placement {
  id?: string;
  name: string;
  parent?: string;
  driveId?: string;
  /** Default: the connected account. */
  ownerEmail?: string;
  permissions?: PermissionSpec[];
  createdTime?: string;
  modifiedTime?: string;
}
