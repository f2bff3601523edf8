// What a logger receives for each event: the level, a one-line message, and the event itself —
// with every known secret scrubbed from both.
import { describe, expect, it } from "vitest";
import { createScrubber } from "../../src/secrets/scrub.js";
import { createEmitter } from "../../src/events/events.js";
import type { ApticEvent, Logger } from "../../src/events/types.js";
import { listDebtors } from "../../src/operations/index.js";

const call = { method: "GET", url: "https://gw.example/api/debtors", operationId: "listDebtors", schemaPath: listDebtors.path, attempt: 2 };

function recordingLogger() {
  const lines: string[] = [];
  const at =
    (level: string) =>
    (fields: ApticEvent, message: string): void =>
      void lines.push(`${level} ${message} [${fields.type}]`);
  const logger: Logger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  return { lines, logger };
}

describe("logger lines", () => {
  it.each<[ApticEvent, string]>([
    [{ ...call, type: "request" }, "debug → GET https://gw.example/api/debtors (attempt 2) [request]"],
    [{ ...call, type: "response", status: 503, durationMs: 12, requestId: "r1" }, "debug ← GET https://gw.example/api/debtors 503 in 12 ms [response]"],
    [
      { ...call, type: "redirect", status: 307, to: "https://other.example/x", credentials: "stripped" },
      "info ↪ GET https://gw.example/api/debtors 307 to https://other.example/x (credentials stripped) [redirect]",
    ],
    [{ ...call, type: "retry", reason: "503, backoff", delayMs: 250 }, "warn GET https://gw.example/api/debtors: 503, backoff; retrying in 250 ms [retry]"],
    [
      { ...call, type: "finished", status: 200, durationMs: 40, requestId: undefined },
      "debug GET https://gw.example/api/debtors 200 after 2 attempt(s), 40 ms [finished]",
    ],
    [
      { ...call, type: "failed", durationMs: 41, errorName: "ApticTimeoutError", errorMessage: "timed out" },
      "error GET https://gw.example/api/debtors failed after 2 attempt(s), 41 ms: timed out [failed]",
    ],
    [
      { type: "token", tokenUrl: "https://id.example/token", durationMs: 9, expiresInS: 3600, refreshed: false },
      "info token fetched from https://id.example/token in 9 ms (expires in 3600 s) [token]",
    ],
    [
      { type: "token", tokenUrl: "https://id.example/token", durationMs: 9, expiresInS: 60, refreshed: true },
      "info token refreshed from https://id.example/token in 9 ms (expires in 60 s) [token]",
    ],
  ])("%o", (event, line) => {
    const { lines, logger } = recordingLogger();
    createEmitter(
      undefined,
      logger,
      createScrubber(() => []),
    )?.(event);
    expect(lines).toEqual([line]);
  });

  it("a secret in a failure message is scrubbed from the line and from the fields", () => {
    const seen: ApticEvent[] = [];
    const { lines, logger } = recordingLogger();
    const emit = createEmitter(
      (e) => void seen.push(e),
      logger,
      createScrubber(() => ["s3cr3t-token-value"]),
    );
    emit?.({ ...call, type: "failed", durationMs: 1, errorName: "Error", errorMessage: "server said s3cr3t-token-value" });
    expect(lines).toEqual(["error GET https://gw.example/api/debtors failed after 2 attempt(s), 1 ms: server said [REDACTED] [failed]"]);
    expect(JSON.stringify(seen)).not.toContain("s3cr3t-token-value");
  });

  it("no listener and no logger: no emitter at all (a call builds no event)", () => {
    expect(
      createEmitter(
        undefined,
        undefined,
        createScrubber(() => []),
      ),
    ).toBeUndefined();
    expect(
      typeof createEmitter(
        () => {},
        undefined,
        createScrubber(() => []),
      ),
    ).toBe("function");
  });
});
