import type { ApticEvent } from "../events/types.js";

/** One response as the client hands it to a {@link ResponseValidator}. */
export interface CheckedResponse {
  /** The operation called (by name, or found from a path-literal call's generated path). */
  operationId: string | undefined;
  method: string;
  /** The path template sent (after `routes`). */
  schemaPath: string;
  status: number;
  /** The parsed JSON body (`data` for 2xx, `error` otherwise); `undefined` when there was none. */
  body: unknown;
  /** Whether the status is 2xx. */
  ok: boolean;
}

/** The fields of the call that every event carries, to build the `validation` event from. */
export type CallEventFields = Omit<Extract<ApticEvent, { type: "request" }>, "type">;

/**
 * The client option `validateResponses`: built by `responseValidation()` from
 * aptic-gateway-client/validation, so an app that does not validate bundles no validator.
 *
 * @example
 * ```ts
 * import { responseValidation } from "aptic-gateway-client/validation";
 *
 * const validateResponses: ResponseValidator = responseValidation("warn");
 * ```
 */
export interface ResponseValidator {
  /** Checks one JSON response; reports through `emit`, and may throw for a 2xx body. */
  check(response: CheckedResponse, fields: CallEventFields, emit: ((event: ApticEvent) => void) | undefined): void | Promise<void>;
}
