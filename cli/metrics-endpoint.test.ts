import type { ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { queueNames } from "#shared/queue/job-catalog.ts";
import { useAnswerProcessKit } from "#test/helpers/answer-process-kit.ts";
import { freePort } from "#test/helpers/free-port.ts";
import { waitForOutput, waitForStart } from "#test/helpers/process-output.ts";
import { parsePrometheusText, sampleValue } from "#test/helpers/prometheus-text.ts";

// Each test starts a process (up to processStartMs on a loaded machine), then works with it.
describe("sabio start: /metrics and /healthz on METRICS_PORT (real processes, real Redis)", {
  timeout: 180_000,
}, () => {
  const kit = useAnswerProcessKit();
  let child: ChildProcess | undefined;

  afterEach(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    child = undefined;
  });

  it("counts an answered question, times it, shows every queue, and /healthz is 200", async () => {
    const port = await freePort();
    child = kit().startAnswer({ METRICS_PORT: String(port) });
    await waitForStart(child);
    await kit().ask("cli-metrics-1");
    await waitForOutput(child, /Sources:[\s\S]*parking\.md/);

    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.status).toBe(200);
    const samples = parsePrometheusText(await response.text());
    expect(sampleValue(samples, "sabio_questions_total", { outcome: "generated" })).toBe(1);
    expect(sampleValue(samples, "sabio_questions_total", { outcome: "failed" })).toBe(0);
    expect(sampleValue(samples, "sabio_answer_latency_seconds_count")).toBe(1);
    for (const queue of queueNames) {
      expect(sampleValue(samples, "sabio_queue_depth", { queue }), queue).toBeDefined();
    }
    expect(sampleValue(samples, "process_resident_memory_bytes")).toBeGreaterThan(0);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", roles: ["answer"] });
  });

  it("/healthz is 503 naming Redis while Redis is unreachable (served while the roles wait for it)", async () => {
    const port = await freePort();
    const closedRedisPort = await freePort();
    child = kit().startAnswer({
      METRICS_PORT: String(port),
      REDIS_URL: `redis://127.0.0.1:${closedRedisPort}`,
    });
    await waitForOutput(child, /serving \/metrics and \/healthz/);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(503);
    const report = (await health.json()) as { status: string; failed: { name: string }[] };
    expect(report.status).toBe("failing");
    expect(report.failed.map((failure) => failure.name)).toEqual(["redis"]);
  });

  it("METRICS_PORT=0 serves nothing, and the process still answers", async () => {
    child = kit().startAnswer({ METRICS_PORT: "0" });
    const started = await waitForStart(child);
    expect(started).not.toContain("serving /metrics");
    await kit().ask("cli-metrics-2");
    await waitForOutput(child, /Sources:[\s\S]*parking\.md/);
  });

  it("a METRICS_PORT already in use is a warning: the process keeps running and answering", async () => {
    const port = await freePort();
    const occupier: Server = createServer();
    await new Promise<void>((resolve) => occupier.listen(port, resolve));
    try {
      child = kit().startAnswer({ METRICS_PORT: String(port) });
      const started = await waitForStart(child);
      expect(started).toContain("METRICS_PORT is in use");
      await kit().ask("cli-metrics-3");
      const output = await waitForOutput(child, /Sources:[\s\S]*parking\.md/);
      expect(output).toContain("level minus two");
      expect(child.exitCode).toBeNull();
    } finally {
      await new Promise((resolve) => occupier.close(resolve));
    }
  });
});
