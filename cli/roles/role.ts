import type { Redis } from "ioredis";
import type { Platform } from "#shared/platform/platform.ts";
import type { Producer } from "#shared/queue/enqueue.ts";
import type { Telemetry } from "#shared/telemetry/telemetry.ts";
import type { Output } from "../output.ts";
import type { Services } from "../services.ts";

/** A role started in this process (answer worker, Slack bot…), stoppable gracefully or by force. */
export interface RunningRole {
  name: string;
  /** Resolves when the role is taking work. */
  ready(): Promise<void>;
  /** Stops taking work and finishes what is in hand. */
  close(): Promise<void>;
  /** Gives up on work in hand (after the shutdown timeout). */
  forceClose(): Promise<void>;
}

/** What every role may use; shared so several roles in one process share connections. */
export interface RoleContext {
  services: Services;
  output: Output;
  /** Redis for blocking worker reads (maxRetriesPerRequest: null). */
  workerRedis(): Redis;
  /** Redis that fails fast, for producers and bots. */
  producerRedis(): Redis;
  producer(): Producer;
  /**
   * The one observer seam (metrics, plus Langfuse and PostHog when configured), shut down by
   * `sabio start`; unset (tests) means no observer.
   */
  telemetry?: Telemetry;
  /** Reply channels by platform name, for the answer worker. */
  platforms: Record<string, Platform>;
  /**
   * Set when this process holds the embedded database: the answer role then runs the ingests
   * `sabio ingest` hands over, proved with this key (cli/running-start/running-start-file.ts).
   */
  ingestSecret?: string;
}
