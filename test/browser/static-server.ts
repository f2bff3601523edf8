// A tiny loopback static server for the browser test: the page (with an import map), the built
// ESM package (dist/), openapi-fetch's ESM build, and app.ts transpiled by esbuild.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { transformSync } from "esbuild";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);
const OPENAPI_FETCH_DIR = join(dirname(require.resolve("openapi-fetch")), ".");

const IMPORT_MAP = {
  imports: {
    "aptic-gateway-client": "/dist/index.js",
    "aptic-gateway-client/operations": "/dist/operations/index.js",
    "openapi-fetch": "/vendor/openapi-fetch/index.mjs",
  },
};
const PAGE = `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>aptic-gateway-client browser test</title>
<script type="importmap">${JSON.stringify(IMPORT_MAP)}</script>
</head>
<body>
<script type="module">
import { runChecks } from "/app.js";
window.runChecks = runChecks;
document.title = "ready";
</script>
</body>
</html>`;

const TYPES: Record<string, string> = { ".js": "text/javascript", ".mjs": "text/javascript", ".html": "text/html" };

/** Maps a URL path under `prefix` to a file inside `dir`, refusing anything that escapes it. */
function fileIn(dir: string, prefix: string, pathname: string): string | undefined {
  if (!pathname.startsWith(prefix)) return undefined;
  const file = resolve(dir, "." + sep + decodeURIComponent(pathname.slice(prefix.length)));
  return file.startsWith(dir + sep) ? file : undefined;
}

function body(pathname: string): { type: string; text: string } | undefined {
  if (pathname === "/" || pathname === "/index.html") return { type: TYPES[".html"]!, text: PAGE };
  if (pathname === "/app.js") {
    const source = readFileSync(join(ROOT, "test/browser/app.ts"), "utf8");
    return { type: TYPES[".js"]!, text: transformSync(source, { loader: "ts", format: "esm", target: "es2022" }).code };
  }
  const file = fileIn(join(ROOT, "dist"), "/dist/", pathname) ?? fileIn(OPENAPI_FETCH_DIR, "/vendor/openapi-fetch/", pathname);
  if (!file) return undefined;
  try {
    return { type: TYPES[extname(file)] ?? "application/octet-stream", text: readFileSync(file, "utf8") };
  } catch {
    return undefined;
  }
}

/** A running static server; `served` lists every path requested (to check nothing unexpected loads). */
export interface StaticServer {
  url: string;
  served: string[];
  missing: string[];
  close(): Promise<void>;
}

export async function startStaticServer(): Promise<StaticServer> {
  const served: string[] = [];
  const missing: string[] = [];
  const server: Server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? "/", "http://localhost");
    const found = req.method === "GET" ? body(pathname) : undefined;
    if (!found) {
      missing.push(pathname);
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    served.push(pathname);
    res.writeHead(200, { "content-type": `${found.type}; charset=utf-8`, "cache-control": "no-store" }).end(found.text);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    missing,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
