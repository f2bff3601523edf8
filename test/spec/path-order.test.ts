// Literal paths come before the templated paths that also match them, in every area file and
// in the merged document (scripts/spec/path-order.mjs; `npm run generate` refuses otherwise).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { literalFirst, misordered, mustPrecede, orderPaths, overlaps } from "../../scripts/spec/path-order.mjs";

const keys = (file: string) => Object.keys((parse(readFileSync(new URL(`../../${file}`, import.meta.url), "utf8")) as { paths: object }).paths);

describe("path order", () => {
  it.each(["specs/services.yaml", "specs/debtors.yaml", "specs/customers.yaml", "generated/aptic.openapi.yaml"])("%s declares literal paths first", (file) => {
    expect(misordered(keys(file))).toEqual([]);
  });

  it("covers the documented overlaps: every ping and the payment plan calculation", () => {
    const merged = keys("generated/aptic.openapi.yaml");
    const pairs: Array<[string, string]> = [
      ["/debtors/ping", "/debtors/{debtorGuid}"],
      ["/customers/ping", "/customers/{customerGuid}"],
      ["/services/ping", "/services/{serviceDefinition}"],
      ["/callbacks/ping", "/callbacks/{callbackName}"],
      ["/debtors/{debtorGuid}/payment-plans/calculate", "/debtors/{debtorGuid}/payment-plans/{paymentplanGuid}"],
    ];
    for (const [literal, templated] of pairs) {
      expect(mustPrecede(literal, templated), `${literal} before ${templated}`).toBe(true);
      expect(merged.indexOf(literal)).toBeLessThan(merged.indexOf(templated));
    }
  });

  it("knows when templates overlap", () => {
    expect(overlaps("/a/ping", "/a/{id}")).toBe(true);
    expect(overlaps("/a/{id}/x", "/a/{id}/{y}")).toBe(true);
    expect(overlaps("/a/ping", "/a/{id}/x")).toBe(false); // different depth
    expect(overlaps("/a/ping", "/b/{id}")).toBe(false);
    expect(overlaps("/a/{id}", "/a/{id}")).toBe(false); // the same path
    expect(mustPrecede("/a/{id}", "/a/ping")).toBe(false);
    expect(mustPrecede("/a/{id}/x", "/a/{b}/{c}")).toBe(true); // parameter names do not matter
    expect(mustPrecede("/a/{b}/{c}", "/a/{id}/x")).toBe(false);
  });

  it("reorders only what must move, keeping everything else in place", () => {
    expect(literalFirst(["/a/{x}", "/b", "/a/ping", "/a/{x}/{y}", "/a/{x}/calc"])).toEqual(["/a/ping", "/a/{x}", "/b", "/a/{x}/calc", "/a/{x}/{y}"]);
    expect(misordered(["/a/{x}", "/a/ping"])).toEqual([["/a/ping", "/a/{x}"]]);
    expect(Object.keys(orderPaths({ "/c/{id}": 1, "/c/ping": 2 }))).toEqual(["/c/ping", "/c/{id}"]);
  });
});
