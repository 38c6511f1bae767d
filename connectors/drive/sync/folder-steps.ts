import { z } from "zod";

/** One folder (or the shared drive) above a file, as document metadata keeps it (`folders`, root first). */
export interface FolderStep {
  id: string;
  name: string;
}

const folderStepsSchema = z.array(z.object({ id: z.string(), name: z.string() }));

/** "Team drive/Policies/HR", or undefined at a root or when nothing above the file is known. */
export function folderPathOf(steps: readonly FolderStep[]): string | undefined {
  return steps.length === 0 ? undefined : steps.map((step) => step.name).join("/");
}

/** The steps a document's metadata holds; undefined when it has none (indexed before they were kept). */
export function storedFolderSteps(metadata: Record<string, unknown>): FolderStep[] | undefined {
  const parsed = folderStepsSchema.safeParse(metadata.folders);
  return parsed.success ? parsed.data : undefined;
}
