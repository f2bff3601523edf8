// The testing kit's optional tools are no dependency or peer of the package; without one, the
// feature that needs it says what to install, in one format. (npm run check:package installs the
// packed package into a project without them and sees the same messages.)
import { describe, expect, it, vi } from "vitest";
import { ApticUsageError } from "../../src/index.js";
import { missingTool, OPTIONAL_TOOLS } from "../../src/errors/missing-tool.js";

const hidden = /^@stoplight\/prism-cli(\/|$)/;

vi.mock("../../src/testing/node-builtins.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/testing/node-builtins.js")>();
  return {
    importNode: async (name: "module" | "path" | "http" | "child_process" | "url") => {
      const mod = await real.importNode(name);
      if (name !== "module") return mod;
      const { createRequire } = mod as typeof import("node:module");
      return {
        ...mod,
        createRequire: (from: string) => {
          const require = createRequire(from);
          const resolve = (id: string) => {
            if (hidden.test(id)) throw Object.assign(new Error(`Cannot find module '${id}'`), { code: "MODULE_NOT_FOUND" });
            return require.resolve(id);
          };
          return Object.assign((id: string) => require(id), require, { resolve });
        },
      };
    },
  };
});
vi.mock("@cfworker/json-schema", () => {
  throw new Error("Cannot find module '@cfworker/json-schema'");
});

describe("missing optional tools", () => {
  it("one message format: what needs which package, and the install command", () => {
    const cause = new Error("Cannot find module");
    const error = missingTool("startMockServer", OPTIONAL_TOOLS.prism, cause);
    expect(error).toBeInstanceOf(ApticUsageError);
    expect(error.message).toBe("startMockServer needs @stoplight/prism-cli: npm install --save-dev @stoplight/prism-cli@5");
    expect(error.cause).toBe(cause);
    expect(missingTool("createFakeGateway", OPTIONAL_TOOLS.jsonSchema, cause).message).toBe(
      "createFakeGateway needs @cfworker/json-schema: npm install --save-dev @cfworker/json-schema@4",
    );
    expect(missingTool("createFakeGateway", OPTIONAL_TOOLS.jsonSchema, cause, "test").message).toBe(
      "createFakeGateway needs @cfworker/json-schema: npm install --save-dev @cfworker/json-schema@4",
    );
  });

  it("a tool a production feature needs is a dependency of the app: plain npm install", () => {
    const cause = new Error("Cannot find module");
    const error = missingTool("responseValidation", OPTIONAL_TOOLS.jsonSchema, cause, "app");
    expect(error).toBeInstanceOf(ApticUsageError);
    expect(error.message).toBe("responseValidation needs @cfworker/json-schema: npm install @cfworker/json-schema@4");
    expect(error.cause).toBe(cause);
  });

  it("startMockServer() and startPrism() without Prism say to install it (not a raw Cannot find module)", async () => {
    const { startMockServer, startPrism } = await import("../../src/testing/index.js");
    const mock = startMockServer();
    await expect(mock).rejects.toBeInstanceOf(ApticUsageError);
    await expect(mock).rejects.toThrow("startMockServer needs @stoplight/prism-cli: npm install --save-dev @stoplight/prism-cli@5");
    await expect(startPrism({ specPath: "generated/aptic.openapi.yaml" })).rejects.toThrow(
      "startPrism needs @stoplight/prism-cli: npm install --save-dev @stoplight/prism-cli@5",
    );
  });

  it("createFakeGateway() without @cfworker/json-schema says to install it", async () => {
    const { createFakeGateway } = await import("../../src/testing/index.js");
    await expect(createFakeGateway()).rejects.toThrow("createFakeGateway needs @cfworker/json-schema: npm install --save-dev @cfworker/json-schema@4");
  });

  it("the doctor without @cfworker/json-schema exits 2 saying what to install", async () => {
    const { doctorMain } = await import("../../src/doctor/index.js");
    let stderr = "";
    const code = await doctorMain(["doctor"], {
      env: { APTIC_BASE_URL: "http://127.0.0.1:9" },
      stdout: () => {},
      stderr: (t) => (stderr += t),
      fetch: async () => new Response(null),
    });
    expect([code, stderr]).toEqual([2, "aptic-gateway-client: The doctor needs @cfworker/json-schema: npm install --save-dev @cfworker/json-schema@4\n"]);
  });

  it("responseValidation() without @cfworker/json-schema says npm install (a dependency of the app, not --save-dev)", async () => {
    const { createApticClient } = await import("../../src/index.js");
    const { responseValidation } = await import("../../src/validation/index.js");
    const { pingDebtors } = await import("../../src/operations/index.js");
    const aptic = createApticClient({
      baseUrl: "http://127.0.0.1:9",
      fetch: async () => new Response("{}", { status: 200, headers: { "content-type": "application/json" } }),
      validateResponses: responseValidation("warn"),
    });
    const call = aptic.call(pingDebtors);
    await expect(call).rejects.toBeInstanceOf(ApticUsageError);
    await expect(call).rejects.toThrow("responseValidation needs @cfworker/json-schema: npm install @cfworker/json-schema@4");
    await expect(aptic.call(pingDebtors)).rejects.not.toThrow("--save-dev");
  });
});
