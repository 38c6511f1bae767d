import type { SourceConnectionKind } from "#shared/db/schema.ts";
import type { SourceConnector } from "./source-connector.ts";

/**
 * A connector whose module loads on its first sync: Google's client libraries take seconds to
 * import, which every `sabio sync` and sync role would pay without a Drive connection.
 */
export function lazySourceConnector(
  known: { kind: SourceConnectionKind; displayName: string; syncMinutes: number | undefined },
  load: () => Promise<SourceConnector>,
): SourceConnector {
  let loaded: Promise<SourceConnector> | undefined;
  return {
    ...known,
    async open(connection) {
      loaded ??= load().catch((error: unknown) => {
        loaded = undefined;
        throw error;
      });
      return (await loaded).open(connection);
    },
  };
}
