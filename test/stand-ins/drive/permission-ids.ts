import { createHash } from "node:crypto";
import type { PermissionSpec, StoredPermission } from "./drive-file.ts";

/** Drive's permission ids: a numeric id per user/group/domain, fixed names for link sharing. */
export function permissionId(spec: PermissionSpec): string {
  if (spec.type === "anyone") return spec.allowFileDiscovery ? "anyone" : "anyoneWithLink";
  const subject = spec.type === "domain" ? `domain:${spec.domain ?? ""}` : (spec.emailAddress ?? "");
  const digest = createHash("sha256").update(subject.toLowerCase()).digest();
  return [...digest.subarray(0, 10)].map((byte) => String(byte % 100).padStart(2, "0")).join("");
}

export function storedPermission(spec: PermissionSpec): StoredPermission {
  if ((spec.type === "user" || spec.type === "group") && !spec.emailAddress) {
    throw new Error(`A ${spec.type} permission needs an emailAddress`);
  }
  if (spec.type === "domain" && !spec.domain) throw new Error("A domain permission needs a domain");
  return { ...spec, id: permissionId(spec) };
}
