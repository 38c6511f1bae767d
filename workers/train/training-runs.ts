import { eq } from "drizzle-orm";
import type { Db } from "#shared/db/database.ts";
import { type TrainingRunRow, trainingRuns } from "#shared/db/schema.ts";

export type TrainingRunUpdate = Partial<Omit<TrainingRunRow, "id" | "workspaceId" | "startedAt">>;

/** Records a run as `running` the moment it starts, so a crash mid-run still leaves a row. */
export async function startTrainingRun(
  db: Db,
  run: { id: string; workspaceId: string; current: string; startedAt: Date },
): Promise<void> {
  await db.insert(trainingRuns).values({ ...run, status: "running" });
}

export async function updateTrainingRun(db: Db, id: string, update: TrainingRunUpdate): Promise<void> {
  await db.update(trainingRuns).set(update).where(eq(trainingRuns.id, id));
}

export async function trainingRun(db: Db, id: string): Promise<TrainingRunRow | undefined> {
  const [row] = await db.select().from(trainingRuns).where(eq(trainingRuns.id, id));
  return row;
}
