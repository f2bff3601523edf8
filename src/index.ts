// Public entry point. Everything here is named, typed and documented at its definition.
export { createApticClient } from "./client/create-client.js";
export type { ApticClientOptions } from "./client/options.js";
export type { ApticClient, ApticMethod, ApticPath } from "./client/types.js";
export { unwrap, toApiError } from "./client/unwrap.js";
export type { ApticRequestOptions } from "./http/request-options.js";
export type { Logger } from "./http/logger.js";
export type { Timing } from "./http/timing.js";
export { DEFAULT_RETRY } from "./retry/options.js";
export type { RetryOptions } from "./retry/options.js";
export type { AuthOption, ApiKeyAuth, BearerAuth, ClientCredentialsAuth, CustomAuthProvider } from "./auth/types.js";
export { ApticError, ApticUsageError } from "./errors/aptic-error.js";
export {
  ApticApiError,
  ApticBadRequestError,
  ApticUnauthorizedError,
  ApticForbiddenError,
  ApticNotFoundError,
  ApticConflictError,
  ApticUnprocessableEntityError,
  ApticRateLimitError,
  ApticServerError,
} from "./errors/api-error.js";
export { ApticConnectionError, ApticTimeoutError, ApticAbortError, ApticAuthenticationError } from "./errors/transport-errors.js";
export type { ProblemDetails } from "./errors/problem.js";
export { VERSION } from "./version.js";
export type { paths, components, operations, webhooks } from "../generated/aptic.js";
export { paginate, paginatePages } from "./pagination/paginate.js";
export type { ListInit, ListItem, ListPage, ListPath, PaginateOptions } from "./pagination/types.js";
export {
  invokeService,
  invokeDebtorService,
  invokeDebtorAreaService,
  invokeCustomerService,
  invokeCustomerAreaService,
  invokeCallback,
} from "./services/invoke.js";
export type { InvokeOptions, ServiceMethod } from "./services/invoke.js";
export * from "./odata/index.js";
