import { describe, expect, it } from "vitest";
import { spec } from "../../generated/spec.js";
import { loadSchemaChecker } from "../../src/schema/checker.js";
import { checkResponse, responseSchema } from "../../src/schema/response-check.js";
import { buildSpecModel, type OperationModel } from "../../src/schema/spec-model.js";

const checker = await loadSchemaChecker(spec, "this test");
const model = buildSpecModel(checker.doc);
const op = (id: string) => model.operations.get(id as never) as OperationModel;

describe("src/schema response checks (shared by the fake and response validation)", () => {
  it("loads one checker per spec document", async () => {
    expect(await loadSchemaChecker(spec, "again")).toBe(checker);
  });

  it("accepts a body that matches the documented schema and names the field that does not", () => {
    const debtor = op("getDebtor").responses.get(200)?.media?.example?.value;
    expect(debtor).toBeTypeOf("object");
    expect(checkResponse(checker, op("getDebtor"), 200, debtor)).toBeUndefined();
    const wrong = checkResponse(checker, op("getDebtor"), 200, { ...(debtor as object), debtorGuid: 7 });
    expect(wrong?.message).toBe("The 200 body of getDebtor does not match its response schema");
    expect(Object.keys(wrong?.errors ?? {})).toEqual(["debtorGuid"]);
  });

  it("tells undocumented statuses and missing or unexpected bodies apart", () => {
    expect(responseSchema(op("getDebtor"), 299, true)).toMatchObject({
      message: expect.stringMatching(/^getDebtor does not document status 299 \(documented: 200, /),
    });
    expect(responseSchema(op("deleteDebtor"), 204, true)).toEqual({
      message: "deleteDebtor documents no body for status 204, but one was produced",
      errors: {},
    });
    expect(responseSchema(op("deleteDebtor"), 204, false)).toBeUndefined();
    expect(checkResponse(checker, op("getDebtor"), 200, undefined)).toEqual({
      message: "getDebtor documents a body for status 200, but none was produced",
      errors: {},
    });
  });
});
