// `npm run api-diff` judges each kind of change right: one row per kind, applied to a small
// OpenAPI 3.1 document, with the class an SDK caller would give it. The report's verdict for a
// row is its worst class (breaking > non-breaking > info), and the row must also name the
// operation it touched, so a change reported "somewhere else" does not pass.
import { describe, expect, it } from "vitest";
import { diffApis, type ApiDiffReport, type ChangeClass } from "../../scripts/api-diff.mjs";

type Doc = {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, Record<string, any>>;
  webhooks: Record<string, Record<string, any>>;
  components: { schemas: Record<string, any>; parameters: Record<string, any>; securitySchemes: Record<string, any> };
};

const problem = { description: "error", content: { "application/problem+json": { schema: { type: "object" } } } };

/** The base document every row changes: a list, create, get, delete, a ping and one webhook. */
function base(): Doc {
  return {
    openapi: "3.1.0",
    info: { title: "things", version: "1" },
    paths: {
      "/things": {
        get: {
          operationId: "listThings",
          summary: "List things",
          description: "Get things using filters",
          parameters: [{ $ref: "#/components/parameters/Top" }, { name: "$filter", in: "query", schema: { type: "string" }, example: "name eq 'a'" }],
          responses: {
            "200": { description: "ok", content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Thing" } } } } },
            "400": problem,
          },
        },
        post: {
          operationId: "createThing",
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/ThingCreate" } } } },
          responses: { "201": { description: "created", content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } }, "400": problem },
        },
      },
      "/things/ping": {
        get: {
          operationId: "pingThings",
          security: [{}, { apiKey: [] }],
          responses: { "200": { description: "up", content: { "application/json": { schema: { type: "object" } } } } },
        },
      },
      "/things/{thingId}": {
        get: {
          operationId: "getThing",
          parameters: [{ name: "thingId", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } }, "404": problem },
        },
        delete: {
          operationId: "deleteThing",
          parameters: [{ name: "thingId", in: "path", required: true, schema: { type: "string" } }],
          responses: { "204": { description: "gone" } },
        },
      },
      "/things/{thingId}/actions/{action}": {
        post: {
          operationId: "actOnThing",
          parameters: [
            { name: "thingId", in: "path", required: true, schema: { type: "string" } },
            { name: "action", in: "path", required: true, schema: { type: "string" } },
          ],
          requestBody: { required: false, content: { "application/json": { schema: {} } } },
          responses: { "200": { description: "ok", content: { "application/json": { schema: {} } } } },
        },
      },
    },
    webhooks: {
      thingEvent: {
        post: {
          operationId: "receiveThingEvent",
          requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/ThingEvent" } } } },
          responses: { "204": { description: "received" } },
        },
      },
    },
    components: {
      parameters: { Top: { name: "$top", in: "query", schema: { type: "integer", format: "int32", minimum: 1, maximum: 100, default: 25 } } },
      schemas: {
        ThingCreate: {
          type: "object",
          required: ["name"],
          properties: {
            name: { type: "string" },
            note: { type: ["string", "null"] },
            code: { type: "string" },
            kind: { type: "string", enum: ["small", "large"] },
            size: { type: "integer", format: "int32" },
          },
        },
        Thing: {
          type: "object",
          properties: {
            thingId: { type: "string" },
            name: { type: ["string", "null"] },
            label: { type: "string" },
            status: { type: "string", enum: ["active", "closed", "archived"] },
            createdAt: { type: ["string", "null"], format: "date-time" },
            count: { type: "integer", format: "int32" },
          },
        },
        ThingEvent: { type: "object", required: ["event"], properties: { event: { type: "string" }, thingId: { type: "string" } } },
      },
      securitySchemes: { apiKey: { type: "apiKey", in: "header", name: "X-Api-Key" } },
    },
  };
}

const S = (d: Doc) => d.components.schemas;
const op = (d: Doc, path: string, method: string) => d.paths[path]?.[method];

/** [kind of change, expected class, operationId the report must name, the change]. */
const TABLE: Array<[string, ChangeClass, string, (d: Doc) => void]> = [
  ["operation removed", "breaking", "deleteThing", (d) => void delete d.paths["/things/{thingId}"]?.delete],
  [
    "operation added",
    "non-breaking",
    "updateThing",
    (d) => void ((d.paths["/things/{thingId}"] as Record<string, unknown>).put = { operationId: "updateThing", responses: { "204": { description: "ok" } } }),
  ],
  [
    "path renamed",
    "breaking",
    "pingThings",
    (d) => {
      d.paths["/things/health"] = d.paths["/things/ping"] ?? {};
      delete d.paths["/things/ping"];
    },
  ],
  [
    "method changed",
    "breaking",
    "deleteThing",
    (d) => {
      const p = d.paths["/things/{thingId}"] ?? {};
      p.post = p.delete;
      delete p.delete;
    },
  ],
  [
    "path parameter renamed",
    "breaking",
    "getThing",
    (d) => {
      const p = d.paths["/things/{thingId}"] ?? {};
      delete d.paths["/things/{thingId}"];
      for (const o of Object.values(p)) o.parameters[0].name = "id";
      d.paths["/things/{id}"] = p;
    },
  ],
  ["optional request field added", "non-breaking", "createThing", (d) => void (S(d).ThingCreate.properties.colour = { type: ["string", "null"] })],
  [
    "required request field added",
    "breaking",
    "createThing",
    (d) => {
      S(d).ThingCreate.properties.owner = { type: "string" };
      S(d).ThingCreate.required.push("owner");
    },
  ],
  ["request field removed", "breaking", "createThing", (d) => void delete S(d).ThingCreate.properties.code],
  ["request field made required", "breaking", "createThing", (d) => void S(d).ThingCreate.required.push("code")],
  ["request field made optional", "non-breaking", "createThing", (d) => void (S(d).ThingCreate.required = [])],
  ["request field type changed", "breaking", "createThing", (d) => void (S(d).ThingCreate.properties.size = { type: "string" })],
  ["request enum value removed", "breaking", "createThing", (d) => void (S(d).ThingCreate.properties.kind.enum = ["small"])],
  ["request enum value added", "non-breaking", "createThing", (d) => void S(d).ThingCreate.properties.kind.enum.push("medium")],
  ["request enum dropped (closed list → any value)", "non-breaking", "createThing", (d) => void delete S(d).ThingCreate.properties.kind.enum],
  [
    "request enum opened with anyOf [enum, string]",
    "non-breaking",
    "createThing",
    (d) =>
      void (S(d).ThingCreate.properties.kind = {
        anyOf: [
          { type: "string", enum: ["small", "large"] },
          { type: "string", minLength: 1 },
        ],
      }),
  ],
  ["request nullability removed", "breaking", "createThing", (d) => void (S(d).ThingCreate.properties.note.type = "string")],
  ["request nullability added", "non-breaking", "createThing", (d) => void (S(d).ThingCreate.properties.code.type = ["string", "null"])],
  ["request minLength added", "breaking", "createThing", (d) => void (S(d).ThingCreate.properties.code.minLength = 3)],
  ["request body made required", "breaking", "actOnThing", (d) => void (op(d, "/things/{thingId}/actions/{action}", "post").requestBody.required = true)],
  [
    "request body media type removed",
    "breaking",
    "createThing",
    (d) => void (op(d, "/things", "post").requestBody.content = { "application/xml": { schema: { type: "object" } } }),
  ],
  ["response field added", "non-breaking", "getThing", (d) => void (S(d).Thing.properties.colour = { type: ["string", "null"] })],
  ["response field removed", "breaking", "getThing", (d) => void delete S(d).Thing.properties.label],
  ["response field type changed", "breaking", "getThing", (d) => void (S(d).Thing.properties.count = { type: "string" })],
  ["response enum value added", "breaking", "getThing", (d) => void S(d).Thing.properties.status.enum.push("frozen")],
  ["response enum value removed", "non-breaking", "getThing", (d) => void (S(d).Thing.properties.status.enum = ["active", "closed"])],
  ["response enum dropped (closed list → any value)", "breaking", "getThing", (d) => void delete S(d).Thing.properties.status.enum],
  [
    "response enum opened with anyOf [enum, string]",
    "breaking",
    "getThing",
    (d) => void (S(d).Thing.properties.status = { anyOf: [{ type: "string", enum: ["active", "closed", "archived"] }, { type: "string" }] }),
  ],
  ["response nullability added", "breaking", "getThing", (d) => void (S(d).Thing.properties.label.type = ["string", "null"])],
  ["response nullability removed", "non-breaking", "getThing", (d) => void (S(d).Thing.properties.name.type = "string")],
  ["response format changed", "breaking", "getThing", (d) => void (S(d).Thing.properties.createdAt.format = "date")],
  [
    "success status changed",
    "breaking",
    "createThing",
    (d) => {
      const r = op(d, "/things", "post").responses;
      r["200"] = r["201"];
      delete r["201"];
    },
  ],
  ["error response added", "non-breaking", "getThing", (d) => void (op(d, "/things/{thingId}", "get").responses["429"] = problem)],
  ["$top maximum lowered (100 → 50)", "breaking", "listThings", (d) => void (d.components.parameters.Top.schema.maximum = 50)],
  ["$top maximum raised", "non-breaking", "listThings", (d) => void (d.components.parameters.Top.schema.maximum = 200)],
  [
    "required query parameter added",
    "breaking",
    "listThings",
    (d) => void op(d, "/things", "get").parameters.push({ name: "tenant", in: "query", required: true, schema: { type: "string" } }),
  ],
  [
    "optional query parameter added",
    "non-breaking",
    "listThings",
    (d) => void op(d, "/things", "get").parameters.push({ name: "tenant", in: "query", schema: { type: "string" } }),
  ],
  ["query parameter removed", "breaking", "listThings", (d) => void op(d, "/things", "get").parameters.pop()],
  ["query parameter made required", "breaking", "listThings", (d) => void (op(d, "/things", "get").parameters[1].required = true)],
  ["authentication no longer optional", "breaking", "pingThings", (d) => void (op(d, "/things/ping", "get").security = [{ apiKey: [] }])],
  ["webhook payload field removed", "breaking", "receiveThingEvent", (d) => void delete S(d).ThingEvent.properties.thingId],
  ["webhook payload field added", "non-breaking", "receiveThingEvent", (d) => void (S(d).ThingEvent.properties.occurredAt = { type: "string" })],
  ["description changed", "info", "listThings", (d) => void (op(d, "/things", "get").description = "Lists the things")],
  ["summary changed", "info", "listThings", (d) => void (op(d, "/things", "get").summary = "All things")],
  ["example changed", "info", "listThings", (d) => void (op(d, "/things", "get").parameters[1].example = "name eq 'b'")],
  ["operation deprecated", "info", "listThings", (d) => void (op(d, "/things", "get").deprecated = true)],
  ["vendor extension added", "info", "getThing", (d) => void (op(d, "/things/{thingId}", "get")["x-aptic-note"] = "inferred")],
];

const RANK: Record<ChangeClass, number> = { info: 1, "non-breaking": 2, breaking: 3 };
const verdict = (r: ApiDiffReport): ChangeClass | "none" => {
  const all = [...r.breaking, ...r.nonBreaking, ...r.info];
  return all.length === 0 ? "none" : all.map((c) => c.class).reduce((a, b) => (RANK[a] >= RANK[b] ? a : b));
};
const mentioned = (r: ApiDiffReport) => new Set([...r.breaking, ...r.nonBreaking, ...r.info].map((c) => c.operation?.operationId));

describe("api-diff classification table", () => {
  it("has at least 20 kinds of change, with every class represented", () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(20);
    expect(new Set(TABLE.map(([kind]) => kind)).size).toBe(TABLE.length);
    expect(new Set(TABLE.map(([, cls]) => cls))).toEqual(new Set(["breaking", "non-breaking", "info"]));
  });

  it("reports nothing for identical documents", () => {
    expect(verdict(diffApis(base(), base()))).toBe("none");
  });

  it.each(TABLE)("%s → %s", (_, expected, operationId, change) => {
    const after = base();
    change(after);
    const before = base();
    const report = diffApis(before, after);
    expect({ verdict: verdict(report), touches: mentioned(report).has(operationId) }).toEqual({ verdict: expected, touches: true });
    expect(before, "the inputs are not modified").toEqual(base());
  });

  it("lists removed and added operations, and webhooks as webhooks", () => {
    const after = base();
    delete after.paths["/things/{thingId}"]?.delete;
    delete after.webhooks.thingEvent;
    const report = diffApis(base(), after);
    expect(report.operations.removed).toEqual([
      { method: "DELETE", path: "/things/{thingId}", operationId: "deleteThing", webhook: false },
      { method: "POST", path: "thingEvent", operationId: "receiveThingEvent", webhook: true },
    ]);
    expect(report.operations.added).toEqual([]);
  });

  it("groups the values of one enum change into one entry", () => {
    const after = base();
    S(after).ThingCreate.properties.kind.enum = [];
    const changes = diffApis(base(), after).breaking.filter((c) => c.operation?.operationId === "createThing");
    expect(changes).toHaveLength(1);
    expect(changes[0]?.before).toEqual(["small", "large"]);
  });

  it("records before and after of a changed limit, and the rule behind an overridden class", () => {
    const after = base();
    after.components.parameters.Top.schema.maximum = 50;
    const [change] = diffApis(base(), after).breaking;
    expect(change).toMatchObject({ operation: { operationId: "listThings" }, in: "parameters", before: 100, after: 50 });
    const nullable = base();
    S(nullable).Thing.properties.label.type = ["string", "null"];
    expect(diffApis(base(), nullable).breaking.map((c) => c.rule)).toContain("nullable.response");
  });
});
