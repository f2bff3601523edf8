// Tracing and logging from the client's events: one span per call with an attribute per attempt,
// using a tracer shaped like OpenTelemetry's (pass `trace.getTracer("aptic")` in a real app —
// OpenTelemetry is not a dependency of this package). Nothing secret is ever in an event.
import { createApticClient, createApticClientFromEnv, requestIdOf, unwrap, type ApticEvent } from "aptic-gateway-client";
import { pingCustomers, pingDebtors } from "aptic-gateway-client/operations";

/** The part of OpenTelemetry's Tracer API used here. */
interface Span {
  setAttribute(key: string, value: string | number): void;
  end(): void;
}
interface Tracer {
  startSpan(name: string, options: { attributes: Record<string, string | number> }): Span;
}

/** A console tracer standing in for OpenTelemetry's. */
const tracer: Tracer = {
  startSpan(name, { attributes }) {
    const all = { ...attributes };
    return { setAttribute: (key, value) => void (all[key] = value), end: () => console.log("span", name, all) };
  },
};

/** Turns events into spans: started by the first request of a call, ended when it finishes. */
function tracing(spans = new Map<string, Span>()) {
  return (event: ApticEvent) => {
    if (event.type === "token") return console.log(`token fetched in ${event.durationMs} ms, valid ${event.expiresInS} s`);
    const key = `${event.method} ${event.url}`;
    if (event.type === "request" && event.attempt === 1) {
      spans.set(key, tracer.startSpan(event.operationId ?? event.schemaPath, { attributes: { "http.request.method": event.method, "url.full": event.url } }));
    }
    const span = spans.get(key);
    if (event.type === "response") span?.setAttribute(`aptic.attempt.${event.attempt}.status`, event.status);
    if (event.type === "retry") span?.setAttribute(`aptic.attempt.${event.attempt}.retry`, `${event.reason} (${event.delayMs} ms)`);
    if (event.type === "finished" || event.type === "failed") {
      span?.setAttribute("aptic.attempts", event.attempt);
      if (event.type === "finished") span?.setAttribute("http.response.status_code", event.status);
      else span?.setAttribute("error.type", event.errorName);
      span?.end();
      spans.delete(key);
    }
  };
}

const fromEnv = createApticClientFromEnv({ onEvent: tracing() });
const result = await fromEnv.call(pingDebtors, { requestId: crypto.randomUUID() });
console.log("gateway request id:", requestIdOf(result) ?? "(none sent)");

// Or send every event to a logger, called as (fields, message): pino, bunyan and console fit.
const logged = createApticClient({ baseUrl: process.env.APTIC_BASE_URL ?? "http://127.0.0.1:4010", logger: { info: console.info, warn: console.warn } });
await unwrap(logged.call(pingCustomers)).catch((err: unknown) => console.info("expected without credentials:", (err as Error).name));
