// examples/strict-app: runs against the fake gateway (through src/, as the other examples do) and
// type-checks under its strict tsconfig against the built declarations (dist/, as an app resolves
// the package; `npm test` builds first). The packed package on TypeScript 5.4–7 is checked by
// scripts/check-strict-app.mjs in `npm run test:package`.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("examples/strict-app", () => {
  it("handles the failures, the webhook deliveries and the testing-kit calls it was written for", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "examples/strict-app/src/main.ts"], { encoding: "utf8", timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.created).toMatchObject({ lastname: "Lindqvist", juridicalType: 0 });
    expect(report.storedCountry).toBe("SE");
    expect(report.listed).toBe(2);
    expect(report.failures.map((f: { summary: string }) => f.summary.replace(/request \S+/, "request …"))).toEqual([
      "not allowed for these credentials",
      "not found: No Debtor with debtorGuid '00000000-0000-4000-8000-000000000404' exists.",
      "gateway failed (503), request …",
      "webhook refused: timestamp (400)",
    ]);
    expect(report.webhook).toEqual({ status: 204, replay: false });
    expect(report.booked).toEqual({ debtors: [report.created.debtorGuid], payments: [1250] });
  });

  it("type-checks under its strict settings against the built package", () => {
    const run = spawnSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "examples/strict-app/tsconfig.json"], {
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(`${run.stdout}${run.stderr}`).toBe("");
    expect(run.status).toBe(0);
  });
});
