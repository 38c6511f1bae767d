import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, ErrorCode } from "#shared/errors/app-error.ts";
import { freePort } from "#test/helpers/free-port.ts";
import { requestToken, type TokenEndpoint, type TokenRefusal } from "./request-token.ts";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A token endpoint that records each request and answers as the test says (or holds it). */
async function startTokenEndpoint() {
  const received: Received[] = [];
  let answer: (response: ServerResponse) => void = (response) => response.end();
  const server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      body += chunk;
    });
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      answer(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/token`,
    received,
    answerWith(status: number, body: string) {
      answer = (response) => response.writeHead(status, { "content-type": "application/json" }).end(body);
    },
    hold() {
      answer = () => {};
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const tokenResponse = z.object({ access_token: z.string().min(1) });

describe("requestToken", () => {
  let endpoint: Awaited<ReturnType<typeof startTokenEndpoint>>;
  beforeEach(async () => {
    endpoint = await startTokenEndpoint();
  });
  afterEach(async () => {
    await endpoint.close();
  });

  const at = (overrides: Partial<TokenEndpoint<{ access_token: string }>> = {}) => ({
    name: "Acme's token endpoint",
    url: endpoint.url,
    body: { form: { grant_type: "refresh_token", refresh_token: "rt-1" } },
    tokenResponse,
    ...overrides,
  });

  it("sends the grant form-encoded or as JSON, with the provider's headers, and reads only the fields asked for", async () => {
    endpoint.answerWith(200, JSON.stringify({ access_token: "at-1", extra: "ignored" }));

    const form = await requestToken(at());
    const json = await requestToken(
      at({ body: { json: { grant_type: "refresh_token" } }, headers: { authorization: "Basic abc" } }),
    );

    expect(form).toEqual({ ok: true, tokens: { access_token: "at-1" } });
    expect(json).toEqual(form);
    const [formRequest, jsonRequest] = endpoint.received;
    expect(formRequest?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(new URLSearchParams(formRequest?.body).get("refresh_token")).toBe("rt-1");
    expect(jsonRequest?.headers).toMatchObject({
      "content-type": "application/json",
      accept: "application/json",
      authorization: "Basic abc",
    });
    expect(JSON.parse(jsonRequest?.body ?? "")).toEqual({ grant_type: "refresh_token" });
  });

  it("returns a refusal with the OAuth error code, or the provider's reading of its error body", async () => {
    endpoint.answerWith(400, JSON.stringify({ error: "invalid_grant", error_description: "x".repeat(400) }));
    const refused = await requestToken(at());
    expect(refused).toEqual({
      ok: false,
      failure: { status: 400, error: "invalid_grant", description: "x".repeat(300) },
    });

    endpoint.answerWith(401, JSON.stringify({ code: "unauthorized", message: "bad client" }));
    const codeAndMessage = z
      .object({ code: z.string(), message: z.string() })
      .transform((body): TokenRefusal => ({ error: body.code, description: body.message }));
    expect(await requestToken(at({ errorResponse: codeAndMessage }))).toEqual({
      ok: false,
      failure: { status: 401, error: "unauthorized", description: "bad client" },
    });
  });

  it("names the status when the error body says nothing it understands", async () => {
    endpoint.answerWith(502, "<html>Bad Gateway</html>");
    expect(await requestToken(at())).toEqual({
      ok: false,
      failure: { status: 502, error: "http_502", description: "" },
    });
  });

  it("throws a retryable unavailable error when the endpoint does not answer in time", async () => {
    endpoint.hold();
    const error = await requestToken(at(), { timeoutMs: 50 }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: ErrorCode.Unavailable, retryable: true });
    expect((error as AppError).message).toMatch(/^Could not reach Acme's token endpoint: .*timeout/);
  });

  it("throws a retryable unavailable error when nothing listens", async () => {
    const url = `http://127.0.0.1:${await freePort()}/token`;
    const error = await requestToken(at({ url })).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: ErrorCode.Unavailable, retryable: true });
    expect((error as AppError).message).toMatch(/^Could not reach Acme's token endpoint: /);
  });

  it("throws a retryable upstream error for a success it cannot read, without quoting the body", async () => {
    endpoint.answerWith(200, JSON.stringify({ refresh_token: "rt-secret-value" }));
    const error = await requestToken(at()).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({
      code: ErrorCode.UpstreamError,
      retryable: true,
      message: "Acme's token endpoint answered in a form Sabio does not understand.",
    });
    expect((error as AppError).message).not.toContain("rt-secret-value");
  });
});
