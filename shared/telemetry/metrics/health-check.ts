import { withinTime } from "./within-time.ts";

/** One dependency this process needs (Redis, the database): resolves when it answers. */
export interface DependencyCheck {
  name: string;
  check(): Promise<void>;
}

export interface HealthReport {
  status: "ok" | "failing";
  roles: string[];
  /** Seconds since this process started. */
  uptime: number;
  /** Each dependency that did not answer, with why. */
  failed?: { name: string; error: string }[];
}

/**
 * Runs every check at once, each bounded by `timeoutMs`, so /healthz answers within that time
 * whatever hangs (a Redis that accepts connections but never replies, a locked database).
 */
export async function checkHealth(
  checks: DependencyCheck[],
  options: { roles: string[]; uptimeSeconds: number; timeoutMs: number },
): Promise<HealthReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        await withinTime(check(), options.timeoutMs, name);
        return undefined;
      } catch (error) {
        return { name, error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  const failed = results.filter((result) => result !== undefined);
  const base = { roles: options.roles, uptime: Math.round(options.uptimeSeconds) };
  return failed.length === 0 ? { status: "ok", ...base } : { status: "failing", ...base, failed };
}
