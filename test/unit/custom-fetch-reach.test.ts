// README "Proxies and client certificates": a `fetch` that adds an undici dispatcher is called for
// every attempt of a call and for the OAuth2 token request, with the call's signal and
// redirect: "manual" kept — so a proxy or client certificate set there covers all of them.
import { describe, expect, it } from "vitest";
import { clientCredentials, createApticClient, unwrap } from "../../src/index.js";
import { pingDebtors } from "../../src/operations/index.js";
import { createFakeGateway } from "../../src/testing/index.js";

describe("a custom fetch carrying a dispatcher", () => {
  it("sees the token request and every attempt, each with the dispatcher, the signal and manual redirects", async () => {
    const fake = await createFakeGateway();
    const dispatcher = { name: "proxy-agent-stand-in" };
    const seen: { url: string; dispatcher: unknown; signal: boolean; redirect: unknown }[] = [];
    const withDispatcher = (request: Request, init?: RequestInit) => {
      const sent = { ...init, dispatcher } as RequestInit & { dispatcher: unknown };
      seen.push({ url: new URL(request.url).pathname, dispatcher: sent.dispatcher, signal: sent.signal instanceof AbortSignal, redirect: sent.redirect });
      return fake.fetch(request, init);
    };
    const aptic = createApticClient({
      baseUrl: fake.baseUrl,
      fetch: withDispatcher,
      auth: clientCredentials({ clientId: fake.clientId, clientSecret: fake.clientSecret, tokenUrl: fake.tokenUrl }),
      retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 },
    });
    fake.failNext({ operationId: pingDebtors.id, status: 503 });

    expect(await unwrap(aptic.call(pingDebtors))).toEqual({});

    expect(seen.map((s) => s.url)).toEqual([new URL(fake.tokenUrl).pathname, pingDebtors.path, pingDebtors.path]);
    for (const call of seen) expect(call).toMatchObject({ dispatcher, signal: true, redirect: "manual" });
  });
});
