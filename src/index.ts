// Public entry point: the client, its auth strategies, errors, pagination and the generated types.
// Webhooks, OData, services, the operation table, the Node adapter and the testing kit are
// subpath exports (`aptic-gateway-client/webhooks`…) so an app ships only what it imports.
// Everything is named, typed and documented at its definition.
export { createApticClient } from "./client/create-client.js";
export { createApticClientFromEnv, authFromEnv } from "./client/from-env.js";
export type { ApticClientOptions } from "./client/options.js";
export type { ApticClient, ApticMethod, ApticPath, ApticInit, ApticResult, OperationRef } from "./client/types.js";
/** openapi-fetch's middleware type, for `aptic.use()`. */
export type { Middleware } from "openapi-fetch";
export type { ApticRequestOptions } from "./client/call-options.js";
export { unwrap, toApiError, requestIdOf } from "./client/response.js";
export type { ApticEvent, Logger, MessageFirstLogger } from "./events/types.js";
export { messageFirst } from "./events/events.js";
export type { Timing } from "./attempt/timing.js";
export { DEFAULT_RETRY } from "./retry/options.js";
export type { RetryOptions } from "./retry/options.js";
export { bearer } from "./auth/bearer.js";
export { apiKey } from "./auth/api-key.js";
export { clientCredentials } from "./auth/client-credentials.js";
export type { ClientCredentialsConfig } from "./auth/client-credentials.js";
export { DEFAULT_TOKEN_LIFETIME_S } from "./auth/token-request.js";
export type { ApticAuth, AuthContext, AuthDeps, AuthHeaders, BoundAuth, CustomAuthProvider } from "./auth/types.js";
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
  fieldErrorsOf,
} from "./errors/api-error.js";
export type { AnyApticApiError, ApiErrorInit, ApticServerStatus } from "./errors/api-error.js";
export { ApticConnectionError, ApticTimeoutError, ApticAbortError, ApticResponseError } from "./errors/transport-errors.js";
export { ApticTokenError } from "./errors/token-error.js";
export type { ProblemDetails } from "./errors/problem.js";
export { VERSION } from "./version.js";
export type { paths, components, operations, webhooks } from "../generated/aptic.js";
export * from "../generated/models.js";
export { paginate, paginatePages } from "./pagination/paginate.js";
export type { ListInit, ListItem, ListOperation, ListPage, PaginateOptions } from "./pagination/types.js";
