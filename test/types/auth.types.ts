// Type tests for the auth option (checked by `npm run typecheck`): only what bearer(), apiKey() and
// clientCredentials() return, or a provider whose return type is checked. Each @ts-expect-error
// line stops compiling if ApticAuth widens back to "anything with a bind".
import { apiKey, bearer, clientCredentials, createApticClient, type ApticAuth } from "../../src/index.js";

const baseUrl = "https://gateway.invalid";

createApticClient({ baseUrl, auth: bearer("t") });
createApticClient({ baseUrl, auth: apiKey("k") });
createApticClient({ baseUrl, auth: clientCredentials({ clientId: "c", clientSecret: "s", tokenUrl: "https://login.invalid/token" }) });
createApticClient({ baseUrl, auth: async ({ refresh }) => ({ authorization: `Bearer ${refresh ? "new" : "old"}` }) });
createApticClient({ baseUrl, auth: undefined });

// @ts-expect-error bearer not called: a function is not a strategy
createApticClient({ baseUrl, auth: bearer });
// @ts-expect-error apiKey not called
createApticClient({ baseUrl, auth: apiKey });
// @ts-expect-error a provider returns headers, not a string
createApticClient({ baseUrl, auth: async () => "Bearer t" });
// @ts-expect-error header values are strings
createApticClient({ baseUrl, auth: () => ({ authorization: 42 }) });
// @ts-expect-error an object with a bind is not a strategy without its kind
const untagged: ApticAuth = { bind: bearer("t").bind };

export { untagged };
