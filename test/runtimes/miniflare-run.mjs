// Runs the bundled worker in workerd through Miniflare and prints its response body.
// Started with a Node >= 22 from the runtime cache (Miniflare's engines):
//   node miniflare-run.mjs <miniflare entry> <worker bundle> <baseUrl> <workerd version>
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [miniflareEntry, bundle, baseUrl, workerdVersion] = process.argv.slice(2);
const { Miniflare } = await import(pathToFileURL(miniflareEntry).href);
const mf = new Miniflare({
  modules: true,
  script: readFileSync(bundle, "utf8"),
  compatibilityDate: "2026-07-01",
  compatibilityFlags: ["nodejs_compat"],
  bindings: { BASE_URL: baseUrl, RUNTIME: `workerd ${workerdVersion}` },
});
try {
  const response = await mf.dispatchFetch("http://worker.local/");
  const text = await response.text();
  if (!response.ok) throw new Error(`worker answered ${response.status}: ${text}`);
  console.log(text);
} finally {
  await mf.dispose();
}
