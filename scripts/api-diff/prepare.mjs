// Two adjustments to a copy of each document before api-smart-diff compares them:
//
// 1. OpenAPI 3.1 nullability (`type: [string, "null"]`) becomes 3.0's `type: string,
//    nullable: true`. api-smart-diff 1.0.6 reads 3.1 documents with its JSON Schema 2020-12
//    rules, but it reports a changed type array as one opaque "type replaced" (request:
//    breaking, response: non-breaking, whichever way it changed); as `nullable` it reports an
//    added or removed nullability that the policy (policy.mjs) can classify by direction.
// 2. 3.1 `webhooks` become operations under a synthetic path (`/(webhook)/<name>`) whose
//    delivery payload is a *response* body: the gateway sends it and the integrator's receiver
//    reads it, so a removed payload field breaks the receiver the way a removed response
//    field breaks a caller. The library has no rules for `webhooks`.

/** Prefix of the synthetic paths that carry webhooks (never a real path: real paths have no parentheses). */
export const WEBHOOK_PREFIX = "/(webhook)/";

// Keys whose values are instance data (never schemas), except as names inside `properties`.
const DATA = new Set(["example", "examples", "default", "const", "enum"]);

function nullableTo30(node, inProperties = false) {
  if (Array.isArray(node)) return node.map((n) => nullableTo30(n));
  if (!node || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (inProperties) out[key] = nullableTo30(value);
    else out[key] = DATA.has(key) ? value : nullableTo30(value, key === "properties");
  }
  if (!inProperties && Array.isArray(out.type) && out.type.includes("null")) {
    const rest = out.type.filter((t) => t !== "null");
    if (rest.length === 1) Object.assign(out, { type: rest[0], nullable: true });
  }
  return out;
}

function webhooksAsPaths(doc) {
  const { webhooks, ...rest } = doc;
  if (!webhooks || typeof webhooks !== "object") return doc;
  const paths = { ...(rest.paths ?? {}) };
  for (const [name, item] of Object.entries(webhooks)) {
    const synthetic = {};
    for (const [method, op] of Object.entries(item ?? {})) {
      if (!op || typeof op !== "object" || !op.requestBody) continue;
      const { requestBody, responses: _ignored, ...meta } = op;
      synthetic[method] = { ...meta, responses: { 200: { description: "delivery payload", content: requestBody.content ?? {} } } };
    }
    paths[WEBHOOK_PREFIX + name] = synthetic;
  }
  return { ...rest, paths };
}

/** The copy of an OpenAPI 3.0/3.1 document that the comparison reads. */
export function prepare(doc) {
  return webhooksAsPaths(nullableTo30(structuredClone(doc)));
}
