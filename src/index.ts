// Public entry point: the client, its errors, pagination and the generated types. Webhooks, OData,
// services, the Node adapter and the testing kit are subpath exports (`aptic-gateway-client/webhooks`…)
// so an app ships only what it imports. Everything is named, typed and documented at its definition.
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
  createApiError,
} from "./errors/api-error.js";
export type { ApiErrorInit } from "./errors/api-error.js";
export { ApticConnectionError, ApticTimeoutError, ApticAbortError, ApticAuthenticationError } from "./errors/transport-errors.js";
export type { ProblemDetails } from "./errors/problem.js";
export { VERSION } from "./version.js";
export type { paths, components, operations, webhooks } from "../generated/aptic.js";
export { paginate, paginatePages } from "./pagination/paginate.js";
export type { ListInit, ListItem, ListPage, ListPath, PaginateOptions } from "./pagination/types.js";
