import type { TestProject } from "vitest/node";
import { startMockServer, type MockServer } from "../../src/testing/mock-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    mock: { baseUrl: string; tokenUrl: string; clientId: string; clientSecret: string };
  }
}

let server: MockServer | undefined;

/** Starts the mock gateway (Prism + token endpoint) once for all test files. */
export async function setup(project: TestProject): Promise<void> {
  server = await startMockServer();
  const { baseUrl, tokenUrl, clientId, clientSecret } = server;
  project.provide("mock", { baseUrl, tokenUrl, clientId, clientSecret });
}

export async function teardown(): Promise<void> {
  await server?.close();
}
