import type { OperationId } from "../../../generated/operations.js";
import type { FieldErrors, SchemaChecker } from "./schema-checker.js";
import { problem, type Answer } from "./responses.js";
import type { OperationModel } from "./spec-model.js";

/**
 * A response the fake was about to send that the spec does not allow (a wrong status, a body
 * where none is documented, or a body that breaks the response schema).
 *
 * @example
 * ```ts
 * fake.violations; // [{ operationId: "getDebtor", status: 200, message: "…", errors: { regDate: ["format: …"] } }]
 * ```
 */
export interface SpecViolation {
  operationId: OperationId | undefined;
  status: number;
  message: string;
  errors: FieldErrors;
}

// Statuses any HTTP server may send whatever the spec says, which the fake produces itself.
const PROTOCOL = new Set([405, 413, 415]);

/**
 * Checks an answer against its operation's documented responses.
 *
 * @example
 * ```ts
 * const violation = checkAnswer(checker, op, answer);
 * if (violation) return violationAnswer(violation);
 * ```
 */
export function checkAnswer(checker: SchemaChecker, op: OperationModel, answer: Answer): SpecViolation | undefined {
  const documented = op.responses.get(answer.status);
  const base = { operationId: op.id, status: answer.status };
  if (!documented) {
    // An injected fault may be any status (a proxy can always answer 503); others must be documented.
    if (answer.source === "fault" || PROTOCOL.has(answer.status)) return undefined;
    return { ...base, message: `${op.id} does not document status ${answer.status} (documented: ${[...op.responses.keys()].join(", ")})`, errors: {} };
  }
  if (!documented.media) {
    return answer.body === undefined
      ? undefined
      : { ...base, message: `${op.id} documents no body for status ${answer.status}, but one was produced`, errors: {} };
  }
  if (answer.body === undefined) return { ...base, message: `${op.id} documents a body for status ${answer.status}, but none was produced`, errors: {} };
  const { items } = answer;
  if (items) {
    const itemErrors = items.list.map((item) => checker.checkOnce(item, items.schema)).find((e) => Object.keys(e).length > 0);
    if (itemErrors) return { ...base, message: `A stored item in the ${answer.status} body of ${op.id} does not match its schema`, errors: itemErrors };
  }
  // Items already checked need no second pass: an envelope is checked without them, an item
  // answered under the very schema it was checked against not at all.
  if (items && !items.envelope && items.schema === documented.media.schema) return undefined;
  const body = items?.envelope && typeof answer.body === "object" ? { ...answer.body, value: [] } : answer.body;
  const errors = checker.check(body, documented.media.schema);
  return Object.keys(errors).length === 0
    ? undefined
    : { ...base, message: `The ${answer.status} body of ${op.id} does not match its response schema`, errors };
}

/** The loud 500 the client receives instead of a response the spec does not allow. */
export function violationAnswer(violation: SpecViolation, instance: string): Answer {
  return problem(500, "violation", `Fake gateway: ${violation.message}. Check the fake.on() or failNext() answer, or the seeded data.`, {
    title: "The fake produced a response that does not match the spec",
    instance,
    errors: violation.errors,
  });
}
