import type { FileContent, PermissionSpec, StoredPermission } from "./drive-file.ts";
import type { DriveWorld } from "./drive-world.ts";
import { storedPermission } from "./permission-ids.ts";

// What happens to files after they are added, each recorded in the changes feed as Drive does.

/** New content: modifiedTime, version and head revision move on. */
export function edit(world: DriveWorld, id: string, content: FileContent, exportBytes?: number): void {
  const file = world.fileOrThrow(id);
  file.content = content;
  if (exportBytes !== undefined) file.exportBytes = exportBytes;
  file.modifiedTime = world.tick();
  file.headRevision += 1;
  world.bump(file);
}
/** Renaming counts as a modification in Drive (modifiedTime moves); moving does not. */
export function rename(world: DriveWorld, id: string, name: string): void {
  const file = world.fileOrThrow(id);
  file.name = name;
  file.modifiedTime = world.tick();
  world.bump(file);
}
export function move(world: DriveWorld, id: string, parent: string): void {
  const file = world.fileOrThrow(id);
  file.parents = [parent];
  file.driveId = world.driveOf(parent);
  world.tick();
  world.bump(file);
}
/** Trashing a folder trashes what is inside it too (those are not `explicitlyTrashed`). */
export function trash(world: DriveWorld, id: string, explicitly = true): void {
  const file = world.fileOrThrow(id);
  file.trashed = true;
  file.explicitlyTrashed = explicitly;
  file.trashedTime = world.tick();
  world.bump(file);
  for (const child of world.childrenOf(id)) if (!child.trashed) trash(world, child.id, false);
}
export function untrash(world: DriveWorld, id: string): void {
  const file = world.fileOrThrow(id);
  file.trashed = false;
  file.explicitlyTrashed = false;
  file.trashedTime = undefined;
  world.tick();
  world.bump(file);
  for (const child of world.childrenOf(id))
    if (child.trashed && !child.explicitlyTrashed) untrash(world, child.id);
}
/** Deleted for good (with what a folder holds): the feed says `removed: true`, without a file. */
export function remove(world: DriveWorld, id: string): void {
  const file = world.fileOrThrow(id);
  for (const child of world.childrenOf(id)) remove(world, child.id);
  world.files.delete(id);
  world.tick();
  world.record("file", id, file.driveId, true);
}
/** The account can no longer open it (unshared from it): `removed: true` too, as Drive says it. */
export function loseAccess(world: DriveWorld, id: string): void {
  const file = world.fileOrThrow(id);
  file.accessible = false;
  world.tick();
  world.record("file", id, file.driveId, true);
}
export function share(world: DriveWorld, id: string, spec: PermissionSpec): StoredPermission {
  const file = world.fileOrThrow(id);
  const permission = storedPermission(spec);
  file.permissions = [...file.permissions.filter((each) => each.id !== permission.id), permission];
  world.tick();
  world.bump(file);
  return permission;
}
/** Removes the permission with this id, or for this email address or domain. */
export function unshare(world: DriveWorld, id: string, who: string): void {
  const file = world.fileOrThrow(id);
  const keep = (each: StoredPermission) =>
    each.id !== who && each.emailAddress !== who && each.domain !== who;
  file.permissions = file.permissions.filter(keep);
  world.tick();
  world.bump(file);
}
