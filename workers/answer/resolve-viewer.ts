import { errorMessage } from "#shared/errors/app-error.ts";
import type { AccessViewer } from "#shared/knowledge/store/access-keys.ts";
import type { ViewerResolver } from "#shared/knowledge/store/viewer-groups.ts";
import type { Logger } from "#shared/log/logger.ts";
import type { Platform, ReplyTarget } from "#shared/platform/platform.ts";

/**
 * Whom the answer is for. DRIVE_ACCESS=workspace: nobody in particular (no filter). Otherwise the
 * asker as their platform knows them; a platform that can't tell, or a failed look-up, gives an
 * unknown email, which sees only what is shared with a whole domain or anyone. A known email gets
 * its groups from `expand` (the Workspace directory, when configured). Never throws.
 */
export async function resolveViewer(
  platform: Platform,
  target: ReplyTarget,
  access: "enforce" | "workspace" | undefined,
  logger: Logger,
  expand?: ViewerResolver,
): Promise<AccessViewer | undefined> {
  if (access === "workspace") return undefined;
  if (!platform.asker || !target.userId) return {};
  try {
    const { email } = await platform.asker(target);
    if (!email) return {};
    return expand ? await expand({ email }) : { email };
  } catch (error) {
    logger.warn({ err: errorMessage(error) }, "could not tell who asked; answering as an unknown email");
    return {};
  }
}
