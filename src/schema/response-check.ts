import type { FieldErrors, SchemaChecker } from "./checker.js";
import type { OperationModel } from "./spec-model.js";

/** Why a response breaks its operation's documented responses; `errors` is empty unless the body broke the schema. */
export interface ResponseMismatch {
  message: string;
  errors: FieldErrors;
}

/**
 * What the spec asks of one response before any schema check: `{ schema }` to check the body
 * against, a mismatch (status not documented, a body where none is documented or none where one
 * is), or `undefined` when there is nothing to check (no body documented, none given).
 *
 * @example
 * ```ts
 * const need = responseSchema(model.operations.get("getDebtor"), 200, true); // { schema: { $ref: "…/Debtor" } }
 * ```
 */
export function responseSchema(op: OperationModel, status: number, hasBody: boolean): { schema: unknown } | ResponseMismatch | undefined {
  const documented = op.responses.get(status);
  if (!documented) return { message: `${op.id} does not document status ${status} (documented: ${[...op.responses.keys()].join(", ")})`, errors: {} };
  if (!documented.media) return hasBody ? { message: `${op.id} documents no body for status ${status}, but one was produced`, errors: {} } : undefined;
  if (!hasBody) return { message: `${op.id} documents a body for status ${status}, but none was produced`, errors: {} };
  return { schema: documented.media.schema };
}

/**
 * Checks one response (status and parsed JSON body, `undefined` for none) against its operation.
 *
 * @example
 * ```ts
 * checkResponse(checker, op, 200, { debtorGuid: 7 }); // { message: "The 200 body of getDebtor …", errors: { debtorGuid: ["type: …"] } }
 * ```
 */
export function checkResponse(checker: SchemaChecker, op: OperationModel, status: number, body: unknown): ResponseMismatch | undefined {
  const need = responseSchema(op, status, body !== undefined);
  if (need === undefined || "message" in need) return need;
  const errors = checker.check(body, need.schema);
  return Object.keys(errors).length === 0 ? undefined : { message: `The ${status} body of ${op.id} does not match its response schema`, errors };
}
