// A tiny stand-in for the gateway on 127.0.0.1 for the runtime matrix (Prism does not run on
// workerd, and each runtime needs only three operations): GET /debtors/ping, the paged
// GET /debtors (count/skip/total/value, honouring $skip/$top) and a 404 problem document for an
// unknown debtor. Every request must carry the consumer's bearer token; all are recorded.
import { createServer } from "node:http";

export const LASTNAMES = ["Andersson", "Berg", "Carlsson", "Dahl", "Ek"];

const json = (res, status, body, type = "application/json") => res.writeHead(status, { "content-type": type }).end(JSON.stringify(body));
const problem = (res, status, title, detail) => json(res, status, { type: "about:blank", title, status, detail }, "application/problem+json");

/** Starts the server; resolves with its base URL, the requests seen so far, and close(). */
export async function startLoopbackGateway({ token }) {
  const requests = [];
  const debtors = LASTNAMES.map((lastname, i) => ({ debtorGuid: `3f2c8a61-5b7e-4d2a-9c1f-00000000000${i}`, lastname }));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push({ method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), authorization: req.headers.authorization });
    if (req.headers.authorization !== `Bearer ${token}`) return problem(res, 401, "Unauthorized", "missing or wrong bearer token");
    if (req.method !== "GET") return problem(res, 405, "Method Not Allowed", `${req.method} is not served here`);
    if (url.pathname === "/debtors/ping") return json(res, 200, {});
    if (url.pathname === "/debtors") {
      const skip = Number(url.searchParams.get("$skip") ?? 0);
      const top = Number(url.searchParams.get("$top") ?? 100);
      const value = debtors.slice(skip, skip + top);
      return json(res, 200, { count: value.length, skip, total: debtors.length, value });
    }
    if (url.pathname.startsWith("/debtors/")) return problem(res, 404, "Not Found", `no debtor ${decodeURIComponent(url.pathname.slice(9))}`);
    return problem(res, 404, "Not Found", `${url.pathname} is not served here`);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
