import { readFileSync } from "node:fs";

/** The version in package.json: the one `npm link`, `npx` and a clone all run. */
export function sabioVersion(): string {
  const packageJson = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  return String(packageJson.version);
}
