// The one place tests of the fake construct clients: when the client's `auth` option changes
// (clientCredentials()/bearer()/apiKey() factories), only this file changes.
import { apiKey, clientCredentials, createApticClient, type ApticClient, type ApticClientOptions } from "../../../src/index.js";
import type { FakeGateway } from "../../../src/testing/index.js";

export type FakeAuthMode = "oauth2" | "apiKey" | "none";

/** A typed client that talks to `fake` in-process (or to `baseUrl`, e.g. fake.listen()'s url). */
export function fakeClient(
  fake: FakeGateway,
  options: Omit<ApticClientOptions, "auth" | "baseUrl"> & { authMode?: FakeAuthMode; baseUrl?: string; tokenUrl?: string } = {},
): ApticClient {
  const { authMode = "oauth2", baseUrl = fake.baseUrl, tokenUrl = fake.tokenUrl, ...rest } = options;
  const auth =
    authMode === "oauth2"
      ? clientCredentials({ clientId: fake.clientId, clientSecret: fake.clientSecret, tokenUrl })
      : authMode === "apiKey"
        ? apiKey(fake.apiKey, { header: fake.apiKeyHeader })
        : undefined;
  return createApticClient({ baseUrl, fetch: fake.fetch, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 }, ...rest, ...(auth ? { auth } : {}) });
}
