// Type tests for the error classes (checked by `npm run typecheck`): literal statuses and names,
// narrowing of AnyApticApiError by `switch (status)` and by `instanceof`. Each @ts-expect-error
// line stops compiling if a type widens.
import {
  ApticNotFoundError,
  ApticRateLimitError,
  ApticServerError,
  ApticUnprocessableEntityError,
  toApiError,
  type AnyApticApiError,
} from "../../src/index.js";

declare const result: { error?: unknown; response: Response };

const status404: 404 = (null as unknown as ApticNotFoundError).status;
const name404: "ApticNotFoundError" = (null as unknown as ApticNotFoundError).name;
// @ts-expect-error a 404 error's status is 404, never another number
const notFound500: 500 = (null as unknown as ApticNotFoundError).status;
// @ts-expect-error a server error's status is a 5xx
const server404: 404 = (null as unknown as ApticServerError).status;

export function handle(err: AnyApticApiError): string {
  switch (err.status) {
    case 404:
      return err.name satisfies "ApticNotFoundError";
    case 422:
      return Object.keys(err.fieldErrors ?? {}).join(",");
    case 429:
      return String(err.retryAfterMs satisfies number | undefined);
    case 503:
      return String(err.retryAfterMs);
    case 418:
      // @ts-expect-error a status without its own class has no fieldErrors
      return String(err.fieldErrors);
    default:
      return err.message;
  }
}

export function byInstance(): number | undefined {
  const err = toApiError(result);
  if (err instanceof ApticRateLimitError) return err.retryAfterMs;
  if (err instanceof ApticUnprocessableEntityError) return Object.keys(err.fieldErrors ?? {}).length;
  // @ts-expect-error only 429 and 5xx errors carry retryAfterMs
  return err?.retryAfterMs;
}

export const used = [status404, name404, notFound500, server404];
