// `npm start` as a new user runs it: the demo exits 0, prints every step, shows state on the fake
// (create → read back → filter finds it → update → delete → webhook deliveries), leaves no server
// behind — also when interrupted with Ctrl-C (SIGINT) halfway — and still runs on Prism.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

function runDemo(env: Record<string, string> = {}, interruptAfter?: RegExp) {
  const child = spawn(process.execPath, ["--import", "tsx", "examples/demo.ts"], {
    env: { ...process.env, APTIC_BASE_URL: "", APTIC_CLIENT_ID: "", APTIC_CLIENT_SECRET: "", APTIC_TOKEN_URL: "", APTIC_DEMO_MOCK: "", ...env },
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
    await fetch(url, { method: "POST", signal: AbortSignal.timeout(2000) });
    return false;
  } catch {
    return true;
  }
}

const receiverUrl = (output: string) => /webhook receiver on (http:\/\/127\.0\.0\.1:\d+\/\S+)/.exec(output)?.[1] ?? "";
const mockUrl = (output: string) => /mock gateway on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? "";

describe("the demo (npm start)", () => {
  it("runs end to end on the fake gateway by default, showing state and webhook deliveries", async () => {
    const { code, output } = await runDemo();
    expect(code, output).toBe(0);
    const id = /created debtor ([0-9a-f-]{36})/.exec(output)?.[1] ?? "missing";
    for (const text of [
      "fake gateway ready in",
      `received debtorinsert for ${id}`,
      "Probe Person in EUR",
      "$filter = currencyCode eq 'EUR' and startswith(lastname,'Pers')",
      "the filter found the new debtor (1 match)",
      `received debtorupdate for ${id}`,
      "now Probe Renamed",
      `received debtordelete for ${id}`,
      `ApticNotFoundError 404: Not Found — No Debtor with debtorGuid '${id}' exists.`,
      "the fake delivered debtorinsert → 204",
      "the fake delivered debtordelete → 204",
      "refused with 401",
      "Done.",
    ]) {
      expect(output).toContain(text);
    }
    expect(await refused(receiverUrl(output))).toBe(true);
  }, 60_000);

  it("cleans up on Ctrl-C", async () => {
    const { code, output } = await runDemo({}, /webhook receiver on/);
    expect(code).toBe(130);
    expect(receiverUrl(output)).not.toBe("");
    expect(await refused(receiverUrl(output))).toBe(true);
  }, 60_000);

  it("still runs on the Prism mock (APTIC_DEMO_MOCK=prism), which is stateless", async () => {
    const { code, output } = await runDemo({ APTIC_DEMO_MOCK: "prism" });
    expect(code, output).toBe(0);
    for (const text of ["mock gateway on", "created debtor", "$filter = ", "ApticNotFoundError 404", "simulated delivery", "refused with 401", "Done."])
      expect(output).toContain(text);
    expect(await refused(mockUrl(output))).toBe(true);
  }, 120_000);
});
