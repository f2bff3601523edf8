import type { OperationId } from "../../../generated/operations.js";
import type { FieldErrors, SchemaChecker } from "../../schema/checker.js";
import { checkResponse, responseSchema } from "../../schema/response-check.js";
import { problem, type Answer } from "./responses.js";
import type { OperationModel } from "../../schema/spec-model.js";

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
 * if (violation) return violationAnswer(violation, request.url);
 * ```
 */
export function checkAnswer(checker: SchemaChecker, op: OperationModel, answer: Answer): SpecViolation | undefined {
  const base = { operationId: op.id, status: answer.status };
  // An injected fault may be any status (a proxy can always answer 503); others must be documented.
  if (!op.responses.has(answer.status) && (answer.source === "fault" || PROTOCOL.has(answer.status))) return undefined;
  const need = responseSchema(op, answer.status, answer.body !== undefined);
  if (need === undefined || "message" in need) return need && { ...base, ...need };
  const { items } = answer;
  if (items) {
    const itemErrors = items.list.map((item) => checker.checkOnce(item, items.schema)).find((e) => Object.keys(e).length > 0);
    if (itemErrors) return { ...base, message: `A stored item in the ${answer.status} body of ${op.id} does not match its schema`, errors: itemErrors };
  }
  // Items already checked need no second pass: an envelope is checked without them, an item
  // answered under the very schema it was checked against not at all.
  if (items && !items.envelope && items.schema === need.schema) return undefined;
  const body = items?.envelope && typeof answer.body === "object" ? { ...answer.body, value: [] } : answer.body;
  const mismatch = checkResponse(checker, op, answer.status, body);
  return mismatch && { ...base, ...mismatch };
}

/** The loud 500 the client receives instead of a response the spec does not allow. */
export function violationAnswer(violation: SpecViolation, instance: string): Answer {
  return problem(500, "violation", `Fake gateway: ${violation.message}. Check the fake.on() or failNext() answer, or the seeded data.`, {
    title: "The fake produced a response that does not match the spec",
    instance,
    errors: violation.errors,
  });
}
