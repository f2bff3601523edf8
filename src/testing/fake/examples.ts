import type { ParsedRequest } from "./context.js";
import type { Answer } from "./responses.js";
import { isObject } from "../../schema/spec-model.js";

/**
 * Answers an operation the fake cannot satisfy statefully (pings, summaries, calculations…) with
 * its documented success status and first example. Top-level fields named like a path parameter
 * take the request's value (a summary of debtor X says debtorGuid X). The source header reads
 * `example`, so a test can tell the answer is canned.
 *
 * @example
 * ```ts
 * exampleAnswer(parsed); // { status: 200, body: { …example… }, source: "example" }
 * ```
 */
export function exampleAnswer(req: ParsedRequest): Answer {
  const op = req.operation;
  const media = op.responses.get(op.info.success)?.media;
  if (!media) return { status: op.info.success, source: "example" };
  let body = media.example === undefined ? {} : structuredClone(media.example.value);
  if (isObject(body)) {
    body = { ...body };
    for (const [name, value] of Object.entries(req.match.params)) if (name in (body as object)) (body as Record<string, unknown>)[name] = value;
  }
  return { status: op.info.success, body, source: "example", contentType: media.contentType };
}
