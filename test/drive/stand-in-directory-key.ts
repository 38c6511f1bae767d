import { generateKeyPairSync } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ServiceAccountKey } from "#connectors/drive/client/drive-credential.ts";

/** For tests: a service account key (a real RSA key, so the JWT is signed) written to `directory`. */
export async function writeStandInServiceAccountKey(
  directory: string,
): Promise<{ path: string; key: ServiceAccountKey }> {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const key = {
    client_email: "sabio@stand-in.iam.gserviceaccount.com",
    private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
  const path = join(directory, "service-account.json");
  await writeFile(path, JSON.stringify({ type: "service_account", ...key }));
  return { path, key };
}
