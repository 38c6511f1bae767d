import {
  type FileContent,
  googleTypes,
  type PermissionSpec,
  type Placement,
  type SharedDrive,
  type StoredFile,
  type StoredPermission,
} from "./drive-file.ts";
import { storedPermission } from "./permission-ids.ts";

export interface Account {
  email: string;
  displayName: string;
  permissionId: string;
}

/** One entry of the changes feed; the file's state is read when the feed is listed, as Drive does. */
export interface ChangeRecord {
  id: number;
  changeType: "file" | "drive";
  fileId: string | undefined;
  driveId: string | undefined;
  time: string;
  removed: boolean;
}

/**
 * The files, shared drives and changes feed behind the stand-in. Every mutation takes the clock's
 * next second (so modifiedTimes differ and `modifiedTime >` queries are exact) and records a change.
 */
export class DriveWorld {
  readonly account: Account;
  readonly rootFolderId = "0AStandInMyDriveRootUk9PVA";
  readonly files = new Map<string, StoredFile>();
  readonly drives = new Map<string, SharedDrive>();
  readonly changes: ChangeRecord[] = [];
  private clockMs: number;
  private counter = 0;

  constructor(account: Account, clock: string) {
    this.account = account;
    this.clockMs = Date.parse(clock);
  }

  now(): string {
    return new Date(this.clockMs).toISOString();
  }
  setClock(iso: string): void {
    this.clockMs = Date.parse(iso);
  }
  /** The next change id: what `changes.getStartPageToken` answers. */
  nextChangeId(): number {
    return this.changes.length + 1;
  }
  private tick(): string {
    this.clockMs += 1000;
    return this.now();
  }
  private newId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter.toString(36).padStart(5, "0")}StandInXq7`;
  }

  addDrive(spec: { id?: string; name: string; members?: PermissionSpec[] }): SharedDrive {
    const members = spec.members ?? [
      { type: "user", role: "organizer", emailAddress: this.account.email } satisfies PermissionSpec,
    ];
    const drive: SharedDrive = {
      id: spec.id ?? this.newId("0AD"),
      name: spec.name,
      createdTime: this.tick(),
      members: members.map(storedPermission),
    };
    this.drives.set(drive.id, drive);
    this.record("drive", undefined, drive.id, false);
    return drive;
  }

  addFile(placement: Placement, mimeType: string, content: FileContent, exportBytes?: number): StoredFile {
    const parent = placement.parent ?? placement.driveId ?? this.rootFolderId;
    const driveId = placement.driveId ?? this.driveOf(parent);
    const time = this.tick();
    const ownerEmail = placement.ownerEmail ?? this.account.email;
    const own: PermissionSpec[] =
      driveId === undefined ? [{ type: "user", role: "owner", emailAddress: ownerEmail }] : [];
    const file: StoredFile = {
      id: placement.id ?? this.newId("1F"),
      name: placement.name,
      mimeType,
      content,
      parents: [parent],
      driveId,
      ownerEmail,
      trashed: false,
      explicitlyTrashed: false,
      trashedTime: undefined,
      createdTime: placement.createdTime ?? time,
      modifiedTime: placement.modifiedTime ?? time,
      version: 1,
      headRevision: 1,
      permissions: [...own, ...(placement.permissions ?? [])].map(storedPermission),
      exportBytes,
      accessible: true,
    };
    this.files.set(file.id, file);
    this.recordFile(file);
    return file;
  }

  /** The file as the account sees it; undefined when deleted or out of reach. */
  file(id: string): StoredFile | undefined {
    const file = this.files.get(id);
    return file?.accessible ? file : undefined;
  }
  fileOrThrow(id: string): StoredFile {
    const file = this.file(id);
    if (!file) throw new Error(`No file ${id} in the stand-in Drive`);
    return file;
  }

  /** Own permissions, plus the shared drive's members (inherited) for a shared-drive file. */
  effectivePermissions(file: StoredFile): (StoredPermission & { inheritedFrom?: string })[] {
    const drive = file.driveId ? this.drives.get(file.driveId) : undefined;
    const inherited = (drive?.members ?? []).map((member) => ({ ...member, inheritedFrom: drive?.id }));
    return [...inherited, ...file.permissions];
  }

  /** New content: modifiedTime, version and head revision move on. */
  edit(id: string, content: FileContent, exportBytes?: number): void {
    const file = this.fileOrThrow(id);
    file.content = content;
    if (exportBytes !== undefined) file.exportBytes = exportBytes;
    file.modifiedTime = this.tick();
    file.headRevision += 1;
    this.bump(file);
  }
  /** Renaming counts as a modification in Drive (modifiedTime moves); moving does not. */
  rename(id: string, name: string): void {
    const file = this.fileOrThrow(id);
    file.name = name;
    file.modifiedTime = this.tick();
    this.bump(file);
  }
  move(id: string, parent: string): void {
    const file = this.fileOrThrow(id);
    file.parents = [parent];
    file.driveId = this.driveOf(parent);
    this.tick();
    this.bump(file);
  }
  /** Trashing a folder trashes what is inside it too (those are not `explicitlyTrashed`). */
  trash(id: string, explicitly = true): void {
    const file = this.fileOrThrow(id);
    file.trashed = true;
    file.explicitlyTrashed = explicitly;
    file.trashedTime = this.tick();
    this.bump(file);
    for (const child of this.childrenOf(id)) if (!child.trashed) this.trash(child.id, false);
  }
  untrash(id: string): void {
    const file = this.fileOrThrow(id);
    file.trashed = false;
    file.explicitlyTrashed = false;
    file.trashedTime = undefined;
    this.tick();
    this.bump(file);
    for (const child of this.childrenOf(id))
      if (child.trashed && !child.explicitlyTrashed) this.untrash(child.id);
  }
  /** Deleted for good (with what a folder holds): the feed says `removed: true`, without a file. */
  remove(id: string): void {
    const file = this.fileOrThrow(id);
    for (const child of this.childrenOf(id)) this.remove(child.id);
    this.files.delete(id);
    this.tick();
    this.record("file", id, file.driveId, true);
  }
  /** The account can no longer open it (unshared from it): `removed: true` too, as Drive says it. */
  loseAccess(id: string): void {
    const file = this.fileOrThrow(id);
    file.accessible = false;
    this.tick();
    this.record("file", id, file.driveId, true);
  }
  share(id: string, spec: PermissionSpec): StoredPermission {
    const file = this.fileOrThrow(id);
    const permission = storedPermission(spec);
    file.permissions = [...file.permissions.filter((each) => each.id !== permission.id), permission];
    this.tick();
    this.bump(file);
    return permission;
  }
  /** Removes the permission with this id, or for this email address or domain. */
  unshare(id: string, who: string): void {
    const file = this.fileOrThrow(id);
    const keep = (each: StoredPermission) =>
      each.id !== who && each.emailAddress !== who && each.domain !== who;
    file.permissions = file.permissions.filter(keep);
    this.tick();
    this.bump(file);
  }

  childrenOf(id: string): StoredFile[] {
    return [...this.files.values()].filter((file) => file.accessible && file.parents.includes(id));
  }

  private driveOf(parent: string): string | undefined {
    if (this.drives.has(parent)) return parent;
    return this.files.get(parent)?.driveId;
  }
  private bump(file: StoredFile): void {
    file.version += 1;
    this.recordFile(file);
  }
  private recordFile(file: StoredFile): void {
    this.record("file", file.id, file.driveId, false);
  }
  private record(
    changeType: "file" | "drive",
    fileId: string | undefined,
    driveId: string | undefined,
    removed: boolean,
  ): void {
    this.changes.push({ id: this.nextChangeId(), changeType, fileId, driveId, time: this.now(), removed });
  }
}

export const isFolder = (file: StoredFile): boolean => file.mimeType === googleTypes.folder;
