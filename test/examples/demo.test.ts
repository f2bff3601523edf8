// `npm start` as a new user runs it: the demo exits 0, prints every step, and leaves no server
// behind — also when interrupted with Ctrl-C (SIGINT) halfway.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

function runDemo(interruptAfter?: RegExp) {
  const child = spawn(process.execPath, ["--import", "tsx", "examples/demo.ts"], {
    env: { ...process.env, APTIC_BASE_URL: "", APTIC_CLIENT_ID: "", APTIC_CLIENT_SECRET: "", APTIC_TOKEN_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let interrupted = false;
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    // One Ctrl-C only: output printed while cleaning up must not send a second (force-quit) one.
    if (!interrupted && interruptAfter?.test(output) && child.exitCode === null) {
      interrupted = true;
      child.kill("SIGINT");
    }
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  return new Promise<{ code: number | null; output: string }>((resolve) => child.once("exit", (code) => resolve({ code, output })));
}

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return false;
  } catch {
    return true;
  }
}

const mockUrl = (output: string) => /mock gateway on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? "";

describe("the demo (npm start)", () => {
  it("runs end to end on the embedded mock and exits 0", async () => {
    const { code, output } = await runDemo();
    expect(code, output).toBe(0);
    for (const text of ["created debtor", "Reading it back", "$filter = ", "ApticNotFoundError 404", "received debtorinsert", "refused with 401", "Done."]) {
      expect(output).toContain(text);
    }
    expect(await refused(mockUrl(output))).toBe(true);
  }, 60_000);

  it("cleans up on Ctrl-C", async () => {
    const { code, output } = await runDemo(/mock gateway on/);
    expect(code).toBe(130);
    expect(await refused(mockUrl(output))).toBe(true);
  }, 60_000);
});
