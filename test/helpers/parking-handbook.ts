import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { main } from "../../cli/main.ts";
import type { Output } from "../../cli/output.ts";

const quiet: Output = { out: () => {}, note: () => {}, write: () => {} };

/**
 * The one-page handbook the process tests ask about ("Where do visitors park?": level minus two),
 * written to `tempPath`/handbook/parking.md and ingested into `workspace` with `sabio ingest`,
 * embedded by the Ollama at `ollamaHost`. Returns the data directory (`tempPath`/data).
 */
export async function ingestParkingHandbook(
  tempPath: string,
  ollamaHost: string,
  workspace: string,
): Promise<string> {
  const folder = join(tempPath, "handbook");
  await mkdir(folder);
  await writeFile(
    join(folder, "parking.md"),
    "# Parking\n\nVisitors park on level minus two of the garage.\n",
  );
  const dataDir = join(tempPath, "data");
  const ingested = await main(
    ["ingest", folder, "--workspace", workspace],
    { DATA_DIR: dataDir, OLLAMA_HOST: ollamaHost },
    quiet,
  );
  if (ingested !== 0) throw new Error(`ingest into ${workspace} failed with ${ingested}`);
  return dataDir;
}
