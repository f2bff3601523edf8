// Every file in examples/ is type-checked (tsconfig) AND run here against the mock gateway,
// configured only through the documented APTIC_* environment variables.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";

const mock = inject("mock");
const SKIP = new Set(["demo.ts"]); // run by its own test (it starts its own mock)
// *.test.ts examples are vitest files: `npm run test:docs` runs the README's copy with vitest.
const files = readdirSync(new URL("../../examples/", import.meta.url)).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !SKIP.has(f));

describe.each(files)("examples/%s", (file) => {
  it("runs against the mock gateway and exits 0", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", `examples/${file}`], {
      encoding: "utf8",
      timeout: 60_000,
      env: {
        ...process.env,
        APTIC_BASE_URL: mock.baseUrl,
        APTIC_CLIENT_ID: mock.clientId,
        APTIC_CLIENT_SECRET: mock.clientSecret,
        APTIC_TOKEN_URL: mock.tokenUrl,
        APTIC_MOCK: "1",
        // The webhook examples read their secret as the README tells integrators to; no default exists.
        APTIC_WEBHOOK_SECRET: "examples-webhook-secret",
      },
    });
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(mock.clientSecret);
  });
});
