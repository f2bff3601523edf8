// `aptic-gateway-client/validation`: opt-in response validation against the bundled spec. A
// subpath of its own, so apps that leave it off bundle neither the spec nor a validator.
import { spec } from "../../generated/spec.js";
import { usage } from "../errors/aptic-error.js";
import { loadSchemaChecker, type SchemaChecker } from "../schema/checker.js";
import { checkResponse } from "../schema/response-check.js";
import { buildSpecModel, type OperationModel } from "../schema/spec-model.js";
import { ApticResponseValidationError } from "./error.js";
import type { ResponseValidator } from "./types.js";

export { ApticResponseValidationError } from "./error.js";
export type { CallEventFields, CheckedResponse, ResponseValidator } from "./types.js";

interface Ready {
  checker: SchemaChecker;
  byId: Map<string, OperationModel>;
  byTemplate: Map<string, OperationModel>;
}

let ready: Promise<Ready> | undefined;

function load(): Promise<Ready> {
  ready ??= loadSchemaChecker(spec, "responseValidation", "app").then(
    (checker) => {
      const { operations } = buildSpecModel(checker.doc);
      const byTemplate = new Map([...operations.values()].map((op) => [`${op.info.method} ${op.info.path}`, op]));
      return { checker, byId: operations as Map<string, OperationModel>, byTemplate };
    },
    (error: unknown) => {
      ready = undefined;
      throw error;
    },
  );
  return ready;
}

/**
 * Checks every JSON response body against the spec's schema for its operation and status (the
 * checker the fake gateway uses, @cfworker/json-schema, installed by the app: not a dependency). A mismatch
 * becomes a `validation` event (logged at warn level); with `"throw"` a 2xx body that breaks the
 * spec also rejects the call with an {@link ApticResponseValidationError} (operation, status,
 * JSON path). Error responses stay error results either way, so error handling is unchanged;
 * statuses the spec does not document, non-JSON `parseAs` and calls to paths outside the spec
 * are not checked.
 *
 * @example
 * ```ts
 * import { createApticClient } from "aptic-gateway-client";
 * import { responseValidation } from "aptic-gateway-client/validation";
 *
 * const aptic = createApticClient({
 *   baseUrl: "https://gateway.example.org",
 *   validateResponses: responseValidation("throw"),
 *   onEvent: (event) => event.type === "validation" && console.warn(event.operationId, event.errors),
 * });
 * ```
 */
export function responseValidation(mode: "warn" | "throw" = "warn"): ResponseValidator {
  usage(mode === "warn" || mode === "throw", `responseValidation mode must be "warn" or "throw" (got ${JSON.stringify(mode)})`);
  return {
    async check(response, fields, emit) {
      const { checker, byId, byTemplate } = await load();
      const op = response.operationId === undefined ? byTemplate.get(`${response.method} ${response.schemaPath}`) : byId.get(response.operationId);
      if (!op?.responses.has(response.status)) return;
      // openapi-fetch hands over an empty error body as "".
      const body = response.body === "" ? undefined : response.body;
      const mismatch = checkResponse(checker, op, response.status, body);
      if (!mismatch) return;
      emit?.({ type: "validation", ...fields, operationId: op.id, status: response.status, errorMessage: mismatch.message, errors: mismatch.errors });
      if (mode === "throw" && response.ok) {
        const first = Object.entries(mismatch.errors)[0];
        throw new ApticResponseValidationError(`${mismatch.message}${first ? ` at ${first[0]}: ${first[1].join("; ")}` : ""}`, {
          operationId: op.id,
          status: response.status,
          errors: mismatch.errors,
        });
      }
    },
  };
}
