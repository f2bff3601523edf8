import type { ChildProcess } from "node:child_process";
import { ApticError } from "../errors/aptic-error.js";
import { missingTool, OPTIONAL_TOOLS } from "../errors/missing-tool.js";
import { importNode } from "./node-builtins.js";

/** Options of {@link startPrism}. */
export interface PrismOptions {
  /** Path of the OpenAPI document to mock. */
  specPath: string;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** How long to wait for Prism to listen, in ms. @default 30000 */
  startTimeoutMs?: number;
}

/** A running Prism mock server. */
export interface PrismServer {
  /** Base URL on 127.0.0.1, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Stops Prism and waits for it to exit. Safe to call twice. */
  close(): Promise<void>;
}

const LISTENING = /Prism is listening on (http:\/\/[^\s]+)/;

/**
 * The path of Prism's CLI script, or an {@link ApticUsageError} saying how to install Prism.
 * Resolved lazily, with Node built-ins imported here, so importing the testing kit never
 * requires Prism or Node (browsers and workers load the fake from the same entry).
 *
 * @example
 * ```ts
 * const cli = await prismEntry("startMockServer"); // throws when Prism is not installed
 * ```
 */
export async function prismEntry(feature: string): Promise<string> {
  const [{ createRequire }, { dirname, join }] = await Promise.all([importNode("module"), importNode("path")]);
  const require = createRequire(import.meta.url);
  let manifest: string;
  try {
    manifest = require.resolve(`${OPTIONAL_TOOLS.prism.pkg}/package.json`);
  } catch (cause) {
    throw missingTool(feature, OPTIONAL_TOOLS.prism, cause);
  }
  const { bin } = require(manifest) as { bin: Record<string, string> };
  return join(dirname(manifest), bin["prism"] ?? "dist/index.js");
}

/**
 * Starts Prism (`--errors`, so responses are validated against the spec too) on loopback.
 * Runs Prism with this Node process's executable rather than npx: killing npx orphans Prism.
 * Prism is not a dependency: without it this throws `startPrism needs @stoplight/prism-cli:
 * npm install --save-dev @stoplight/prism-cli@5`.
 *
 * @example
 * ```ts
 * const prism = await startPrism({ specPath: "generated/aptic.openapi.yaml" });
 * const res = await fetch(`${prism.url}/debtors/ping`, { headers: { authorization: "Bearer t" } });
 * await prism.close();
 * ```
 */
export async function startPrism(options: PrismOptions): Promise<PrismServer> {
  const entry = await prismEntry("startPrism");
  const args = ["mock", options.specPath, "-h", "127.0.0.1", "-p", String(options.port ?? 0), "--errors"];
  const { spawn } = await importNode("child_process");
  const child = spawn(process.execPath, [entry, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const close = async () => {
    process.off("exit", killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    }
  };

  return new Promise<PrismServer>((resolve, reject) => {
    let output = "";
    const fail = (why: string) => {
      void close();
      reject(new ApticError(`Prism did not start: ${why}\n${output.slice(-2000)}`));
    };
    const timer = setTimeout(() => fail("timed out"), options.startTimeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = LISTENING.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      drain(child);
      resolve({ url: match[1].replace(/\/$/, ""), close });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(`exited with code ${code}`);
    });
  });
}

/** Keeps reading Prism's logs after start so a full pipe never blocks it. */
function drain(child: ChildProcess): void {
  child.stdout?.removeAllListeners("data").resume();
  child.stderr?.removeAllListeners("data").resume();
}
