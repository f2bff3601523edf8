// The events reach real loggers with every field intact: pino (and console) take the client's
// `(fields, message)` calls as they are; winston takes them through messageFirst(). Each test
// reads what the logger wrote and finds in it every field of every event onEvent saw.
import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it, vi } from "vitest";
import winston from "winston";
import { clientCredentials, createApticClient, createApticClientFromEnv, messageFirst, type ApticEvent, type Logger } from "../../src/index.js";
import { pingDebtors } from "../../src/operations/index.js";
import { fakeFetch, json } from "../support/fake-fetch.js";

const BASE = "https://gateway.invalid";
const TOKEN_URL = "https://login.invalid/connect/token";

/** A call that emits every kind of event: token, request, response, retry, finished, then failed. */
async function eventsThrough(logger: Logger): Promise<ApticEvent[]> {
  const events: ApticEvent[] = [];
  const fetch = fakeFetch(
    () => json(200, { access_token: "tok-real-loggers", expires_in: 3600 }),
    () => json(503, {}),
    () => json(200, {}, { "x-request-id": "req-1" }),
    () => {
      throw new TypeError("socket hang up");
    },
  );
  const aptic = createApticClient({
    baseUrl: BASE,
    auth: clientCredentials({ clientId: "erp", clientSecret: "s3cret-real-loggers", tokenUrl: TOKEN_URL }),
    fetch,
    logger,
    onEvent: (event) => void events.push(event),
    timing: { sleep: async () => {} },
  });
  await aptic.GET(pingDebtors.path);
  await aptic.GET(pingDebtors.path, { retry: false }).catch(() => undefined);
  expect(new Set(events.map((e) => e.type))).toEqual(new Set(["token", "request", "response", "retry", "finished", "failed"]));
  return events;
}

/** The event's fields as JSON keeps them (undefined ones are left out by every JSON logger). */
const asJson = (event: ApticEvent) => JSON.parse(JSON.stringify(event)) as Record<string, unknown>;

describe("pino", () => {
  it("writes every field of every event, with the summary as msg, at the event's level", async () => {
    const lines: string[] = [];
    const logger = pino({ level: "debug", base: undefined }, { write: (line: string) => void lines.push(line) });
    const events = await eventsThrough(logger);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toHaveLength(events.length);
    records.forEach((record, i) => {
      const event = events[i] as ApticEvent;
      expect(record).toMatchObject(asJson(event));
      expect(typeof record["msg"]).toBe("string");
    });
    const levelOf = (type: string) => records.find((r) => r["type"] === type)?.["level"];
    expect([levelOf("request"), levelOf("token"), levelOf("retry"), levelOf("failed")]).toEqual([20, 30, 40, 50]);
    expect(lines.join("")).not.toContain("s3cret-real-loggers");
    expect(lines.join("")).not.toContain("tok-real-loggers");
  });
});

describe("winston", () => {
  it("through messageFirst(): every field of every event, with the summary as message", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = winston.createLogger({ level: "debug", format: winston.format.json(), transports: [new winston.transports.Stream({ stream })] });
    const events = await eventsThrough(messageFirst(logger));
    await vi.waitFor(() => expect(lines).toHaveLength(events.length));
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    records.forEach((record, i) => {
      const event = events[i] as ApticEvent;
      expect(record).toMatchObject(asJson(event));
      expect(typeof record["message"]).toBe("string");
    });
    expect(records.map((r) => r["level"])).toContain("warn");
    expect(lines.join("")).not.toContain("s3cret-real-loggers");
  });

  it("messageFirst keeps only the levels the logger has, and calls them as its methods", () => {
    const seen: unknown[][] = [];
    const target = {
      prefix: "p",
      warn(this: { prefix: string }, message: string, meta: ApticEvent) {
        seen.push([this.prefix, message, meta.type]);
      },
    };
    const adapted = messageFirst(target);
    expect(Object.keys(adapted)).toEqual(["warn"]);
    adapted.warn?.({ type: "token", tokenUrl: TOKEN_URL, durationMs: 1, expiresInS: 60, refreshed: false }, "m");
    expect(seen).toEqual([["p", "m", "token"]]);
  });
});

describe("console and APTIC_LOG", () => {
  it("console takes (fields, message) as is", async () => {
    const spies = (["debug", "info", "warn", "error"] as const).map((name) => vi.spyOn(console, name).mockImplementation(() => {}));
    try {
      const events = await eventsThrough(console);
      const token = events.find((e) => e.type === "token");
      expect(spies[1]).toHaveBeenCalledWith(token, expect.stringContaining("token fetched"));
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it.each<[string, string[]]>([
    ["debug", ["debug", "info", "warn", "error"]],
    ["info", ["info", "warn", "error"]],
    ["WARN", ["warn", "error"]],
    ["error", ["error"]],
    ["off", []],
    ["", []],
  ])("APTIC_LOG=%s logs to the console from that level up, as (message, fields)", async (level, levels) => {
    const spies = (["debug", "info", "warn", "error"] as const).map((name) => [name, vi.spyOn(console, name).mockImplementation(() => {})] as const);
    try {
      const fetch = fakeFetch(
        () => json(503, {}),
        () => json(200, {}),
      );
      const aptic = createApticClientFromEnv({ fetch, timing: { sleep: async () => {} } }, { APTIC_BASE_URL: BASE, APTIC_TOKEN: "tok-env", APTIC_LOG: level });
      await aptic.GET(pingDebtors.path);
      await aptic.GET(pingDebtors.path, { retry: false, timeoutMs: 1 }).catch(() => undefined);
      const used = spies.filter(([, spy]) => spy.mock.calls.length > 0).map(([name]) => name);
      expect(used.filter((name) => !levels.includes(name))).toEqual([]);
      if (levels.includes("warn")) {
        const [message, fields] = spies[2]?.[1].mock.calls[0] ?? [];
        expect(message).toContain("retrying in");
        expect(fields).toMatchObject({ type: "retry", method: "GET" });
      }
    } finally {
      for (const [, spy] of spies) spy.mockRestore();
    }
  });

  it("an unknown APTIC_LOG value is refused, naming the valid ones; an explicit logger wins", () => {
    expect(() => createApticClientFromEnv({}, { APTIC_BASE_URL: BASE, APTIC_LOG: "verbose" })).toThrow(
      'APTIC_LOG must be one of debug, info, warn, error, off (got "verbose")',
    );
    expect(() => createApticClientFromEnv({ logger: {} }, { APTIC_BASE_URL: BASE, APTIC_LOG: "verbose" })).not.toThrow();
  });
});
