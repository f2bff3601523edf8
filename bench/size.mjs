// 3. Bundle size: min+gzip of the ESM build (esbuild bundle+minify, zlib level 9) for the whole
// runtime and a client-only import, openapi-fetch alone as the reference. Same code as the CI
// check (`npm run size`, scripts/size.mjs), which enforces size-budget.json.
import { measureSizes, readBudget } from "../scripts/size.mjs";
import { fmt } from "./lib.mjs";

export async function sizes() {
  const measured = await measureSizes();
  const { gzipBytes: budget, goals } = readBudget();
  const reference = measured.find((m) => m.id === "openapi-fetch").gzip;
  const client = measured.find((m) => m.id === "client");
  return {
    id: "size",
    title: "3. Bundle size (ESM build, esbuild minify + gzip -9)",
    measured,
    reference,
    goals,
    budget,
    rows: measured.map((m) => ({
      subject: m.label,
      minified: fmt.kb(m.minified),
      "min+gzip": fmt.kb(m.gzip),
      "own code (openapi-fetch external), min+gzip": m.ownGzip === undefined ? "" : fmt.kb(m.ownGzip),
      "× openapi-fetch": fmt.x(m.gzip / reference),
      goal: goals[m.id] === undefined ? "" : fmt.kb(goals[m.id]),
      "CI budget": budget[m.id] === undefined ? "" : fmt.kb(budget[m.id]),
    })),
    extra: `Client-only bundle by module (minified bytes before gzip): ${client.modules.map((m) => `${m.path.replace(/^.*node_modules\//, "").replace(/^dist\//, "")} ${m.minifiedBytes}`).join(", ")}.`,
    method: "esbuild (platform browser, es2022) bundles and minifies a one-line entry importing dist/index.js; bytes are deterministic for a lockfile, so CI (`npm run size`) compares them with size-budget.json",
  };
}
