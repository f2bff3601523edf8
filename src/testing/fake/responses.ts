import type { FieldErrors } from "../../schema/checker.js";

/** Header on every fake response that says where the answer came from. */
export const SOURCE_HEADER = "x-fake-gateway-source";

/** Where an answer came from (the value of {@link SOURCE_HEADER}). */
export type AnswerSource = "store" | "example" | "handler" | "service" | "fault" | "auth" | "validation" | "webhooks" | "violation" | "strict" | "routing";

const TYPES: Record<number, string> = {
  400: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
  401: "https://tools.ietf.org/html/rfc9110#section-15.5.2",
  403: "https://tools.ietf.org/html/rfc9110#section-15.5.4",
  404: "https://tools.ietf.org/html/rfc9110#section-15.5.5",
  405: "https://tools.ietf.org/html/rfc9110#section-15.5.6",
  409: "https://tools.ietf.org/html/rfc9110#section-15.5.10",
  415: "https://tools.ietf.org/html/rfc9110#section-15.5.16",
  422: "https://tools.ietf.org/html/rfc4918#section-11.2",
  429: "https://tools.ietf.org/html/rfc6585#section-4",
  500: "https://tools.ietf.org/html/rfc9110#section-15.6.1",
  501: "https://tools.ietf.org/html/rfc9110#section-15.6.2",
  502: "https://tools.ietf.org/html/rfc9110#section-15.6.3",
  503: "https://tools.ietf.org/html/rfc9110#section-15.6.4",
  504: "https://tools.ietf.org/html/rfc9110#section-15.6.5",
};

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** An answer before it becomes a `Response`: checked against the spec first (internal). */
export interface Answer {
  status: number;
  /** JSON body; `undefined` means no body. */
  body?: unknown;
  headers?: Record<string, string>;
  source: AnswerSource;
  /** Content type of the body. @default "application/json" (problem+json for problem bodies) */
  contentType?: string;
  /**
   * Stored items the body consists of (the body itself, or an envelope's `value`), each checked
   * once against `schema` when stored — the response check then checks only what is new.
   */
  items?: { list: readonly object[]; schema: unknown; envelope: boolean };
}

/**
 * An RFC 9457 problem answer, shaped like ASP.NET's ProblemDetails (`traceId` included).
 *
 * @example
 * ```ts
 * problem(404, "validation", "No debtor with GUID 3f2c….", { instance: "/debtors/3f2c…" });
 * ```
 */
export function problem(
  status: number,
  source: AnswerSource,
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Answer {
  const body = { type: TYPES[status] ?? "about:blank", title: TITLES[status] ?? "Error", status, detail, traceId: traceId(), ...extra };
  return { status, body, headers, source, contentType: "application/problem+json" };
}

/**
 * ASP.NET's ValidationProblemDetails: `errors: { field: [message] }` with its usual title.
 *
 * @example
 * ```ts
 * validationProblem(400, { $top: ["maximum: 101 is greater than 100."] }, "/debtors");
 * ```
 */
export function validationProblem(status: number, errors: FieldErrors, instance: string): Answer {
  const fields = Object.keys(errors);
  return problem(status, "validation", `Invalid ${fields.join(", ")}: ${Object.values(errors)[0]?.[0] ?? ""}`, {
    title: "One or more validation errors occurred.",
    instance,
    errors,
  });
}

/** A W3C traceparent-style id, as ASP.NET puts in problem bodies. */
function traceId(): string {
  const hex = crypto.randomUUID().replace(/-/g, "");
  return `00-${hex}-${hex.slice(0, 16)}-00`;
}

/**
 * Turns an answer into a `Response` (JSON-encoded, `cache-control: no-store`, source header).
 *
 * @example
 * ```ts
 * toResponse({ status: 200, body: {}, source: "example" }).headers.get(SOURCE_HEADER); // "example"
 * ```
 */
export function toResponse(answer: Answer): Response {
  const headers = new Headers(answer.headers);
  headers.set(SOURCE_HEADER, answer.source);
  if (!headers.has("cache-control")) headers.set("cache-control", "no-store");
  if (answer.body === undefined || answer.status === 204 || answer.status === 304) return new Response(null, { status: answer.status, headers });
  if (!headers.has("content-type")) headers.set("content-type", answer.contentType ?? "application/json; charset=utf-8");
  return new Response(JSON.stringify(answer.body), { status: answer.status, headers });
}
