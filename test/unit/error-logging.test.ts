/**
 * Remix's `handleError` (app/entry.server.tsx) writes an error through the app's logger with its
 * stack and the request id, so it can be matched to the request's log line; a request the browser
 * abandoned is not logged. Runs against a real pino logger writing into memory.
 */
import { Writable } from "node:stream";
import { beforeAll, describe, expect, it, vi } from "vitest";

const lines: Record<string, unknown>[] = [];
let handleError: typeof import("~/entry.server").handleError;
let logger: typeof import("~/logger.server").logger;

beforeAll(async () => {
  const memory = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  // The app's logger lives on globalThis: put one there (configured as the app's) that writes into
  // memory, then load the app's modules afresh so they pick it up.
  const { createLogger } = await import("~/logger.server");
  globalThis.__appLogger = createLogger({ level: "info", destination: memory });
  vi.resetModules();
  ({ logger } = await import("~/logger.server"));
  ({ handleError } = await import("~/entry.server"));
});

function args(requestId: string, signal?: AbortSignal) {
  const request = new Request("http://localhost/plans/1?q=hemmelig", {
    headers: { cookie: "__session=abc123" },
    signal,
  });
  return { request, params: {}, context: { requestId } };
}

describe("handleError", () => {
  it("logs the error with its stack and the request id, and not the cookie", () => {
    handleError(new Error("Databasen forsvandt"), args("req-500"));
    const line = lines.find((l) => l.reqId === "req-500")!;
    expect(line.level).toBe(50);
    const err = line.err as { message: string; stack: string };
    expect(err.message).toBe("Databasen forsvandt");
    expect(err.stack).toContain("error-logging.test.ts");
    expect(JSON.stringify(lines)).not.toContain("abc123");
  });

  it("does not log a request the browser abandoned", () => {
    const controller = new AbortController();
    controller.abort();
    handleError(new Error("aborted"), args("req-aborted", controller.signal));
    expect(lines.some((l) => l.reqId === "req-aborted")).toBe(false);
  });

  it("redacts cookies and passwords if a header object is ever logged", () => {
    logger.info({
      reqId: "req-headers",
      headers: { cookie: "__session=abc123", authorization: "Basic eDp5" },
      password: "Hemmelig-Kode-42",
    });
    const line = lines.find((l) => l.reqId === "req-headers")!;
    expect(line.headers).toEqual({ cookie: "[redacted]", authorization: "[redacted]" });
    expect(line.password).toBe("[redacted]");
  });
});
