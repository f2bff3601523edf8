// Entry for workerd: a Worker whose fetch handler answers with the consumer's report as JSON.
// scripts/test-runtimes.mjs bundles it (esbuild, "workerd" condition) and runs it in Miniflare.
import { runChecks } from "./out/consumer.mjs";

export default {
  async fetch(_request, env) {
    try {
      return Response.json(await runChecks(env.BASE_URL, env.RUNTIME));
    } catch (err) {
      return Response.json({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) }, { status: 500 });
    }
  },
};
