import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { testDatabaseBackends, useTestDatabase } from "#test/helpers/test-database-backends.ts";
import { runTraining } from "#workers/train/run-training.ts";
import type { TrainingDataset } from "#workers/train/training-dataset.ts";
import { writeDatasetFixture } from "./dataset-fixture.ts";
import { approveQuestions, newWorkspace, useTrainingKit } from "./training-test-kit.ts";

const postgres = testDatabaseBackends.filter((backend) => backend.kind === "postgres");
const directoryLock = fileURLToPath(new URL("../../shared/db/directory-lock.ts", import.meta.url));

describe.each(postgres)("one training at a time ($kind)", (backend) => {
  const db = useTestDatabase(backend);
  const kit = useTrainingKit();

  it("lets one of two runs train and skips the other while it does", async () => {
    const [first, second] = [newWorkspace(), newWorkspace()];
    await approveQuestions(db(), first, 4);
    await approveQuestions(db(), second, 4);
    // The first run holds the lock while its dataset is being built, until the test lets it go.
    let entered!: () => void;
    const building = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let letGo!: () => void;
    const released = new Promise<void>((resolve) => {
      letGo = resolve;
    });
    const slowDataset = async ({ outDir }: { outDir: string }): Promise<TrainingDataset> => {
      entered();
      await released;
      return writeDatasetFixture(outDir);
    };
    const training = runTraining(kit().deps(db(), { buildDataset: slowDataset }), { workspaceId: first });
    await building;

    const skipped = await runTraining(kit().deps(db()), { workspaceId: second });
    letGo();
    const trained = await training;

    expect(skipped).toMatchObject({
      status: "skipped",
      reason: "another training is running on this machine",
    });
    expect(trained.status).toBe("rejected");
    // Once the first is done, the lock is free again.
    expect((await runTraining(kit().deps(db()), { workspaceId: second })).status).toBe("rejected");
  });

  it("is held across processes, and a killed holder does not keep it", async () => {
    const workspaceId = newWorkspace();
    await approveQuestions(db(), workspaceId, 4);
    const lockPath = kit().settings().lockPath;
    const holder = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const { acquireDirectoryLock } = await import(${JSON.stringify(directoryLock)});
         await acquireDirectoryLock(${JSON.stringify(lockPath)}, "training");
         console.log("held");
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const [line] = (await once(holder.stdout, "data")) as [Buffer];
    expect(line.toString().trim()).toBe("held");

    const whileHeld = await runTraining(kit().deps(db()), { workspaceId });
    expect(whileHeld).toMatchObject({
      status: "skipped",
      reason: "another training is running on this machine",
    });

    holder.kill("SIGKILL");
    await once(holder, "exit");
    const afterKill = await runTraining(kit().deps(db()), { workspaceId });
    expect(afterKill.status).toBe("rejected");
  });
});
