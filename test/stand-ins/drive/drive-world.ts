import type {
  FileContent,
  PermissionSpec,
  Placement,
  SharedDrive,
  StoredFile,
  StoredPermission,
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
  /** The clock moves one second on; every world change takes its own time. */
  tick(): string {
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

  childrenOf(id: string): StoredFile[] {
    return [...this.files.values()].filter((file) => file.accessible && file.parents.includes(id));
  }

  /** The shared drive a folder (or a drive root) belongs to; undefined in My Drive. */
  driveOf(parent: string): string | undefined {
    if (this.drives.has(parent)) return parent;
    return this.files.get(parent)?.driveId;
  }
  /** A new version of the file, recorded in the changes feed. */
  bump(file: StoredFile): void {
    file.version += 1;
    this.recordFile(file);
  }
  private recordFile(file: StoredFile): void {
    this.record("file", file.id, file.driveId, false);
  }
  record(
    changeType: "file" | "drive",
    fileId: string | undefined,
    driveId: string | undefined,
    removed: boolean,
  ): void {
    this.changes.push({ id: this.nextChangeId(), changeType, fileId, driveId, time: this.now(), removed });
  }
}
