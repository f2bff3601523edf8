// The four ways to authenticate. Secrets never appear in errors or logs.
import { apiKey, bearer, clientCredentials, createApticClient } from "aptic-gateway-client";

const baseUrl = process.env.APTIC_BASE_URL ?? "http://127.0.0.1:4010";

// 1. OAuth2 client credentials: token cached until expiry, shared by concurrent calls,
//    refreshed once on 401.
export const oauthClient = createApticClient({
  baseUrl,
  auth: clientCredentials({
    clientId: process.env.APTIC_CLIENT_ID ?? "erp-integration",
    clientSecret: process.env.APTIC_CLIENT_SECRET ?? "",
    tokenUrl: process.env.APTIC_TOKEN_URL ?? `${baseUrl}/connect/token`,
    scope: "debtors customers",
  }),
});

// 2. A bearer token you obtain yourself (a string, or a function called per attempt).
export const bearerClient = createApticClient({ baseUrl, auth: bearer(async () => "token-from-your-vault") });

// 3. An API key (header defaults to X-Api-Key).
export const apiKeyClient = createApticClient({ baseUrl, auth: apiKey("your-api-key", { header: "X-Api-Key" }) });

// 4. A custom provider: return the headers; `refresh` is true once after a 401.
export const customClient = createApticClient({
  baseUrl,
  auth: async ({ refresh }) => ({ authorization: `Bearer ${refresh ? "renewed" : "cached"}-token` }),
});
