import { driveErrors } from "./drive-api-error.ts";
import { googleTypes, type StoredFile } from "./drive-file.ts";

const keys: Record<string, (file: StoredFile) => string | number> = {
  createdTime: (file) => file.createdTime,
  modifiedTime: (file) => file.modifiedTime,
  name: (file) => file.name.toLowerCase(),
  name_natural: (file) => file.name.toLowerCase(),
  folder: (file) => (file.mimeType === googleTypes.folder ? 0 : 1),
};

/** Sorts by files.list's `orderBy` ("folder,modifiedTime desc,name"); without it, the order files were added. */
export function orderFiles(files: StoredFile[], orderBy: string | null): StoredFile[] {
  if (!orderBy) return files;
  const clauses = orderBy.split(",").map((clause) => {
    const [name = "", direction] = clause.trim().split(/\s+/);
    const key = keys[name];
    if (!key || (direction !== undefined && direction !== "desc")) {
      throw driveErrors.invalidParameter("orderBy", `Invalid sort key: ${clause.trim()}`);
    }
    return { key, sign: direction === "desc" ? -1 : 1 };
  });
  return [...files].sort((left, right) => {
    for (const { key, sign } of clauses) {
      const a = key(left);
      const b = key(right);
      if (a !== b) return a < b ? -sign : sign;
    }
    return 0;
  });
}
