// A registration secret comes back in a header of every delivery: one that no header can carry
// (or that the receiver would refuse) is refused before anything is sent.
import { describe, expect, it } from "vitest";
import { ApticUsageError, bearer, createApticClient } from "../../src/index.js";
import { registerWebhook } from "../../src/webhooks/index.js";

function client() {
  const sent: Request[] = [];
  const aptic = createApticClient({
    baseUrl: "https://gateway.invalid",
    auth: bearer("tok"),
    fetch: async (r) => (sent.push(r), new Response(null, { status: 500 })),
  });
  return { aptic, sent };
}

describe("webhook registration secrets", () => {
  it.each([
    ["a CR/LF (header injection)", "s3cret\r\nX-Evil: 1"],
    ["a leading space", " s3cret"],
    ["a trailing space", "s3cret "],
    ["a control character", "s3\u0001cret"],
    ["a non-ASCII character", "sécret"],
  ])("a secret with %s is an ApticUsageError and nothing is sent", async (_, secret) => {
    const { aptic, sent } = client();
    await expect(registerWebhook(aptic, { url: "https://hooks.example.org/aptic", events: ["payment"], secret })).rejects.toBeInstanceOf(ApticUsageError);
    expect(sent).toHaveLength(0);
  });

  it("the refusal never shows the secret", async () => {
    const { aptic } = client();
    const err = await registerWebhook(aptic, { url: "https://hooks.example.org/aptic", events: ["payment"], secret: "top-secret\n" }).catch((e: unknown) => e);
    expect(String(err)).not.toContain("top-secret");
  });
});
