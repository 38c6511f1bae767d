import {
  type FileContent,
  googleTypes,
  type PermissionSpec,
  type Placement,
  type SheetSpec,
  type StoredFile,
  type StoredPermission,
} from "./drive-file.ts";
import type { DriveWorld } from "./drive-world.ts";
import * as fileChanges from "./file-changes.ts";

/** New content for a file: a Doc's Markdown, a Sheet's sheets, Slides' texts, or bytes/text. */
export type ContentSpec =
  | { markdown: string }
  | { sheets: SheetSpec[] }
  | { slides: string[] }
  | { bytes: Uint8Array }
  | { text: string };

export interface WorldHelpers {
  /** A Google Doc; `exportBytes` pretends its export is that large (e.g. > 10 MB). */
  addDoc(spec: Placement & { markdown: string; exportBytes?: number }): { id: string };
  /** A Google Sheet with several sheets of rows (XLSX export holds all, CSV the first). */
  addSheet(spec: Placement & { sheets: SheetSpec[]; exportBytes?: number }): { id: string };
  addSlides(spec: Placement & { slides: string[] }): { id: string };
  /** Any file with bytes (PDF, DOCX, image…) or text (Markdown, plain, HTML) of that MIME type. */
  addFile(spec: Placement & { mimeType: string } & ({ bytes: Uint8Array } | { text: string })): {
    id: string;
  };
  addFolder(spec: Placement): { id: string };
  addShortcut(spec: Placement & { targetId: string }): { id: string };
  /** A shared drive (members default to the account as organizer); its files inherit the members. */
  addDrive(spec: { id?: string; name: string; members?: PermissionSpec[] }): { id: string };
  /** New content: modifiedTime, version and revision move on; a change is recorded. */
  edit(id: string, content: ContentSpec, exportBytes?: number): void;
  rename(id: string, name: string): void;
  move(id: string, parent: string): void;
  trash(id: string): void;
  untrash(id: string): void;
  /** Deleted for good: the changes feed says `removed: true`. */
  remove(id: string): void;
  /** The account loses access (unshared from it): `removed: true` in the feed, gone from lists. */
  loseAccess(id: string): void;
  share(id: string, permission: PermissionSpec): StoredPermission;
  /** By permission id, email address or domain. */
  unshare(id: string, who: string): void;
  /** The stored file now (not a wire answer); throws for unknown ids. */
  file(id: string): StoredFile;
  /** What `changes.getStartPageToken` would answer now. */
  startPageToken(): string;
  setClock(iso: string): void;
  now(): string;
}

export function contentOf(spec: ContentSpec): FileContent {
  if ("markdown" in spec) return { kind: "doc", markdown: spec.markdown };
  if ("sheets" in spec) return { kind: "sheet", sheets: spec.sheets };
  if ("slides" in spec) return { kind: "slides", slides: spec.slides };
  if ("bytes" in spec) return { kind: "binary", bytes: spec.bytes };
  return { kind: "binary", bytes: new TextEncoder().encode(spec.text) };
}

export function worldHelpers(world: DriveWorld): WorldHelpers {
  const id = (file: StoredFile) => ({ id: file.id });
  return {
    addDoc: ({ markdown, exportBytes, ...place }) =>
      id(world.addFile(place, googleTypes.doc, { kind: "doc", markdown }, exportBytes)),
    addSheet: ({ sheets, exportBytes, ...place }) =>
      id(world.addFile(place, googleTypes.sheet, { kind: "sheet", sheets }, exportBytes)),
    addSlides: ({ slides, ...place }) =>
      id(world.addFile(place, googleTypes.slides, { kind: "slides", slides })),
    addFile(spec) {
      // The placement's extra keys (bytes or text) are ignored by world.addFile.
      const { mimeType, ...place } = spec;
      const content = contentOf("bytes" in spec ? { bytes: spec.bytes } : { text: spec.text });
      return id(world.addFile(place, mimeType, content));
    },
    addFolder: (place) => id(world.addFile(place, googleTypes.folder, { kind: "folder" })),
    addShortcut: ({ targetId, ...place }) =>
      id(world.addFile(place, googleTypes.shortcut, { kind: "shortcut", targetId })),
    addDrive: (spec) => ({ id: world.addDrive(spec).id }),
    edit: (fileId, content, exportBytes) => fileChanges.edit(world, fileId, contentOf(content), exportBytes),
    rename: (fileId, name) => fileChanges.rename(world, fileId, name),
    move: (fileId, parent) => fileChanges.move(world, fileId, parent),
    trash: (fileId) => fileChanges.trash(world, fileId),
    untrash: (fileId) => fileChanges.untrash(world, fileId),
    remove: (fileId) => fileChanges.remove(world, fileId),
    loseAccess: (fileId) => fileChanges.loseAccess(world, fileId),
    share: (fileId, permission) => fileChanges.share(world, fileId, permission),
    unshare: (fileId, who) => fileChanges.unshare(world, fileId, who),
    file: (fileId) => world.fileOrThrow(fileId),
    startPageToken: () => String(world.nextChangeId()),
    setClock: (iso) => world.setClock(iso),
    now: () => world.now(),
  };
}
