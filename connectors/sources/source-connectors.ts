import type { SourceConnectionKind } from "#shared/db/schema.ts";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import type { SourceConnector } from "./source-connector.ts";

/** The connectors this process can sync with, by kind: filled by the entry point. */
export interface SourceConnectors {
  /** Throws invalid_config when this deployment has no connector of that kind. */
  get(kind: SourceConnectionKind): SourceConnector;
  find(kind: SourceConnectionKind): SourceConnector | undefined;
  all(): readonly SourceConnector[];
}

export function sourceConnectors(connectors: readonly SourceConnector[]): SourceConnectors {
  const byKind = new Map<SourceConnectionKind, SourceConnector>();
  for (const connector of connectors) {
    if (byKind.has(connector.kind)) throw new Error(`two source connectors of kind "${connector.kind}"`);
    byKind.set(connector.kind, connector);
  }
  return {
    get(kind) {
      const connector = byKind.get(kind);
      if (connector) return connector;
      throw new AppError(ErrorCode.InvalidConfig, `This Sabio cannot sync "${kind}" sources.`, {
        hint: "upgrade Sabio, or disconnect the source",
      });
    },
    find: (kind) => byKind.get(kind),
    all: () => [...byKind.values()],
  };
}
