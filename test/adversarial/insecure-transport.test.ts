// Theme: credentials never travel in clear to another machine, and URL options cannot smuggle
// credentials or query strings in. Everything here fails at construction (or before the first
// byte is sent); the recording fetch proves nothing went out.
import { describe, expect, it } from "vitest";
import {
  apiKey,
  ApticUsageError,
  bearer,
  clientCredentials,
  createApticClient,
  createApticClientFromEnv,
  type ApticAuth,
  type CustomAuthProvider,
} from "../../src/index.js";
import { rejection } from "./support/endpoints.js";
import { errorSurfaces, expectErrorClean } from "./support/secrets.js";
import { pingDebtors } from "../../src/operations/index.js";

/** A fetch that records and answers 200, so a test can prove nothing (or what) was sent. */
function recordingFetch() {
  const sent: Request[] = [];
  const fetch = async (request: Request) => {
    sent.push(request);
    return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
  };
  return { sent, fetch };
}

const TOKEN_URL = "https://login.example.org/connect/token";
const AUTHS: Array<[string, () => ApticAuth | CustomAuthProvider]> = [
  ["bearer", () => bearer("t0ken-value")],
  ["apiKey", () => apiKey("k3y-value")],
  ["clientCredentials", () => clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl: TOKEN_URL })],
  ["a custom provider", () => () => ({ authorization: "Bearer t0ken-value" })],
];

/** The ApticUsageError thrown by `build`, or a failure if it did not throw one. */
function usageError(build: () => unknown): ApticUsageError {
  let thrown: unknown;
  try {
    build();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(ApticUsageError);
  return thrown as ApticUsageError;
}

describe("plain http to another machine is refused while credentials would go over it", () => {
  it.each(AUTHS)("an http baseUrl to a remote host with %s auth is an ApticUsageError naming baseUrl and allowInsecureHttp", (_, auth) => {
    const { sent, fetch } = recordingFetch();
    const err = usageError(() => createApticClient({ baseUrl: "http://gateway.example.org", auth: auth(), fetch }));
    expect(err.message).toContain("baseUrl");
    expect(err.message).toContain("allowInsecureHttp");
    expect(sent).toHaveLength(0);
  });

  it.each([
    "http://10.0.0.7",
    "http://169.254.169.254",
    "http://127.0.0.1.evil.example",
    "http://localhost.evil.example",
    "http://evil-localhost",
    "http://[::2]",
  ])("%s does not pass for loopback", (baseUrl) => {
    expect(usageError(() => createApticClient({ baseUrl, auth: bearer("t0ken-value") })).message).toContain("allowInsecureHttp");
  });

  it("a per-call baseUrl override to plain http on a remote host is refused before anything is sent", async () => {
    const { sent, fetch } = recordingFetch();
    const aptic = createApticClient({ baseUrl: "https://gateway.example.org", auth: bearer("t0ken-value"), fetch });
    const err = await rejection(aptic.GET(pingDebtors.path, { baseUrl: "http://gateway.example.org" } as never));
    expect(err).toBeInstanceOf(ApticUsageError);
    expect((err as Error).message).toContain("allowInsecureHttp");
    expect(sent).toHaveLength(0);
  });

  it("an http tokenUrl to a remote host is an ApticUsageError naming tokenUrl and allowInsecureHttp", () => {
    const { sent, fetch } = recordingFetch();
    const auth = clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl: "http://login.example.org/connect/token" });
    const err = usageError(() => createApticClient({ baseUrl: "https://gateway.example.org", auth, fetch }));
    expect(err.message).toContain("tokenUrl");
    expect(err.message).toContain("allowInsecureHttp");
    expect(sent).toHaveLength(0);
  });

  it("APTIC_BASE_URL over plain http to a remote host is refused with the key from APTIC_API_KEY", () => {
    const err = usageError(() => createApticClientFromEnv({}, { APTIC_BASE_URL: "http://gateway.example.org", APTIC_API_KEY: "k3y-value" }));
    expect(err.message).toContain("allowInsecureHttp");
  });

  it("allowInsecureHttp: true on the client opts in for the baseUrl (and the credential is then sent)", async () => {
    const { sent, fetch } = recordingFetch();
    const aptic = createApticClient({ baseUrl: "http://gateway.example.org", auth: bearer("t0ken-value"), allowInsecureHttp: true, fetch });
    await aptic.GET(pingDebtors.path);
    expect(sent.map((r) => [r.url, r.headers.get("authorization")])).toEqual([[`http://gateway.example.org${pingDebtors.path}`, "Bearer t0ken-value"]]);
  });

  it("allowInsecureHttp on clientCredentials (or on the client) opts in for the tokenUrl", () => {
    const tokenUrl = "http://login.example.org/connect/token";
    expect(() =>
      createApticClient({
        baseUrl: "https://gw.example.org",
        auth: clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl, allowInsecureHttp: true }),
      }),
    ).not.toThrow();
    expect(() =>
      createApticClient({
        baseUrl: "https://gw.example.org",
        allowInsecureHttp: true,
        auth: clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl }),
      }),
    ).not.toThrow();
  });

  it.each(["http://127.0.0.1:4010", "http://127.8.9.10", "http://localhost:4010", "http://[::1]:4010"])(
    "plain http to loopback (%s) is allowed for baseUrl and tokenUrl",
    (url) => {
      expect(() => createApticClient({ baseUrl: url, auth: bearer("t0ken-value") })).not.toThrow();
      expect(() =>
        createApticClient({
          baseUrl: "https://gw.example.org",
          auth: clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl: `${url}/token` }),
        }),
      ).not.toThrow();
    },
  );
});

describe("a baseUrl that would change where or how every request goes is refused, with the reason", () => {
  it.each([
    ["https://user:hunter2-pass@gateway.example.org", /user-info/],
    ["https://:hunter2-pass@gateway.example.org", /user-info/],
    ["https://gateway.example.org/api?tenant=1", /query/],
    ["https://gateway.example.org/api?", /query/],
    ["https://gateway.example.org/api#frag", /fragment/],
    ["https://gateway.example.org/api#", /fragment/],
    [" https://gateway.example.org", /whitespace/],
    ["https://gateway.example.org\n", /whitespace/],
    ["\thttps://gateway.example.org", /whitespace/],
  ])("baseUrl %j is refused (%s)", (baseUrl, reason) => {
    const { sent, fetch } = recordingFetch();
    const err = usageError(() => createApticClient({ baseUrl, fetch }));
    expect(err.message).toMatch(reason);
    expect(err.message).toContain("baseUrl");
    for (const [where, text] of errorSurfaces(err)) expect(text, where).not.toContain("hunter2");
    expect(sent).toHaveLength(0);
  });

  it("a tokenUrl with user-info is refused and no surface of the error shows the password", () => {
    const password = "hunter2-Pass+/=%";
    const tokenUrl = `https://erp:${encodeURIComponent(password)}@login.example.org/connect/token`;
    const err = usageError(() => clientCredentials({ clientId: "erp", clientSecret: "s3cret-value", tokenUrl }));
    expect(err.message).toContain("tokenUrl");
    expect(err.message).toMatch(/user-info/);
    expectErrorClean(err, [password]);
  });
});
