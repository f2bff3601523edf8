// Proves the spec → types loop without touching the repo: the same generator settings applied to
// an edited copy of the merged spec produce different types, and the committed types match the
// unedited spec (the drift check covers the whole file; this shows the link field by field).
import { readFileSync } from "node:fs";
import { generateTypes } from "../../scripts/generate-named-types.mjs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

type Schema = { properties: Record<string, unknown>; required?: string[] };
const specText = readFileSync(new URL("../../generated/aptic.openapi.yaml", import.meta.url), "utf8");
const committed = readFileSync(new URL("../../generated/aptic.ts", import.meta.url), "utf8");
const generate = (doc: object) => generateTypes(doc);
// The schema's named declaration (scripts/generate-named-types.mjs moves it out of `components`).
const debtorBlock = (ts: string) => /\nexport type Debtor = \{[\s\S]*?\n\};/.exec(ts)?.[0] ?? "";

describe("spec → generated types", () => {
  it("the committed Debtor type is what the spec generates", async () => {
    expect(debtorBlock(await generate(parse(specText)))).toBe(debtorBlock(committed));
  });

  it("adding a field and requiring it in the spec changes the generated type", async () => {
    const doc = parse(specText) as { components: { schemas: Record<string, Schema> } };
    const debtor = doc.components.schemas["Debtor"] as Schema;
    debtor.properties["nickname"] = { type: "string", description: "added by the test" };
    debtor.required = ["debtorGuid"];
    const block = debtorBlock(await generate(doc));
    expect(block).toContain("nickname?: string;");
    expect(block).toMatch(/\n\s+debtorGuid: string;/);
    expect(debtorBlock(committed)).not.toContain("nickname");
    expect(debtorBlock(committed)).toMatch(/debtorGuid\?: string;/);
  });
});
