import { importNode } from "./node-builtins.js";
import { prismEntry, startPrism } from "./prism.js";
import { startTokenServer } from "./token-server.js";

/** Options of {@link startMockServer}. */
export interface MockServerOptions {
  /** OpenAPI document to mock. @default the merged spec bundled with this package */
  specPath?: string;
  /** Client id the token endpoint accepts. @default "aptic-mock-client" */
  clientId?: string;
  /** Client secret the token endpoint accepts. @default "aptic-mock-secret" */
  clientSecret?: string;
  /** Lifetime of issued tokens in seconds. @default 3600 */
  tokenExpiresIn?: number;
}

/** A running mock gateway: Prism on the bundled spec plus a local OAuth2 token endpoint. */
export interface MockServer {
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Number of tokens the token endpoint has issued. */
  readonly tokensIssued: number;
  /** Stops both servers. */
  close(): Promise<void>;
}

// Kept in a variable so bundlers do not treat `new URL(literal, import.meta.url)` as an asset to
// ship: browser and worker builds of the testing kit never need the YAML file.
const SPEC_FROM_HERE = "../../generated/aptic.openapi.yaml";

/**
 * The file path of the merged spec shipped in the package (`generated/` sits two levels above
 * this module). A function (it was a constant) so that `node:url` is imported only when needed.
 *
 * @example
 * ```ts
 * const prism = await startPrism({ specPath: await bundledSpecPath() });
 * ```
 */
export async function bundledSpecPath(): Promise<string> {
  const { fileURLToPath } = await importNode("url");
  return fileURLToPath(new URL(SPEC_FROM_HERE, import.meta.url));
}

/**
 * Starts a mock Aptic gateway on loopback for integration tests and demos: no account needed.
 * Needs Prism, which is not a dependency: without it this throws `startMockServer needs
 * @stoplight/prism-cli: npm install --save-dev @stoplight/prism-cli@5`.
 *
 * @example
 * ```ts
 * import { startMockServer } from "aptic-gateway-client/testing";
 * import { clientCredentials, createApticClient, unwrap } from "aptic-gateway-client";
 *
 * const mock = await startMockServer();
 * const { clientId, clientSecret, tokenUrl } = mock;
 * const aptic = createApticClient({ baseUrl: mock.baseUrl, auth: clientCredentials({ clientId, clientSecret, tokenUrl }) });
 * console.log(await unwrap(aptic.GET("/debtors/ping")));
 * await mock.close();
 * ```
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const clientId = options.clientId ?? "aptic-mock-client";
  const clientSecret = options.clientSecret ?? "aptic-mock-secret";
  // Before the token server starts, so a missing Prism leaves nothing running.
  await prismEntry("startMockServer");
  const tokens = await startTokenServer({ clientId, clientSecret, expiresIn: options.tokenExpiresIn ?? 3600 });
  try {
    const prism = await startPrism({ specPath: options.specPath ?? (await bundledSpecPath()) });
    return {
      baseUrl: prism.url,
      tokenUrl: tokens.tokenUrl,
      clientId,
      clientSecret,
      get tokensIssued() {
        return tokens.issued;
      },
      close: async () => {
        await Promise.all([prism.close(), tokens.close()]);
      },
    };
  } catch (err) {
    await tokens.close();
    throw err;
  }
}
