// What an integrator's editor shows: quick info (hover text) from the TypeScript language service
// (TypeScript 6's JS API from tools/ts6; the project's TypeScript 7 has none) over a probe file
// that uses the client and the testing kit as an app would. Signatures name the generated types
// (`Debtor`, `CustomerList`, `DebtorCreate`), never a spelt-out object type.
import { fileURLToPath } from "node:url";
import ts from "aptic-ts6-tools/typescript";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PROBE = `${ROOT}test/types/__hover-probe.ts`;

// Each `/*?name*/` marks the identifier after it; its quick info is recorded under `name`.
const SOURCE = `
import { bearer, createApticClient, paginate, unwrap } from "../../src/index.js";
import { createDebtor, getDebtor, getDebtorPaymentPlan, listCustomers, listDebtors } from "../../src/operations/index.js";
import { createFakeGateway } from "../../src/testing/index.js";

const aptic = createApticClient({ baseUrl: "http://127.0.0.1:1", auth: bearer("t") });
const debtorGuid = "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90";

export async function app() {
  const /*?unwrapped*/ debtor = await unwrap(aptic.call(getDebtor, { params: { path: { debtorGuid } } }));
  const /*?juridical*/ juridical = debtor.juridicalType;
  const result = await aptic.GET(getDebtor.path, { params: { path: { debtorGuid } } });
  const /*?data*/ data = result.data;
  const /*?error*/ error = result.error;
  const /*?list*/ list = await unwrap(aptic.call(listCustomers, {}));
  const /*?items*/ items = list.value;
  const /*?plan*/ plan = await unwrap(aptic.call(getDebtorPaymentPlan, { params: { path: { debtorGuid, paymentplanGuid: debtorGuid } } }));
  await aptic.call(createDebtor, { /*?body*/ body: { lastname: "Lindqvist" } });
  for await (const /*?paged*/ paged of paginate(aptic, listDebtors)) void paged;

  const fake = await createFakeGateway();
  const /*?stored*/ stored = fake.store.get("debtor", debtorGuid);
  fake.on("createDebtor", (/*?ctx*/ ctx) => {
    const /*?handlerBody*/ handlerBody = ctx.body;
    void handlerBody;
    return undefined;
  });
  void [juridical, data, error, items, plan, stored];
}
`;

let hovers: Record<string, string>;

beforeAll(() => {
  const config = ts.getParsedCommandLineOfConfigFile(`${ROOT}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) throw new Error("tsconfig.json could not be read");
  const read = (file: string) => (file === PROBE ? SOURCE : ts.sys.readFile(file));
  const service = ts.createLanguageService({
    getScriptFileNames: () => [PROBE],
    getScriptVersion: () => "1",
    getScriptSnapshot: (file) => {
      const text = read(file);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => ROOT,
    getCompilationSettings: () => config.options,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: (file) => file === PROBE || ts.sys.fileExists(file),
    readFile: read,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  });
  const errors = service.getSemanticDiagnostics(PROBE).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  if (errors.length > 0) throw new Error(`the probe does not compile:\n${errors.join("\n")}`);
  hovers = {};
  for (const marker of SOURCE.matchAll(/\/\*\?(\w+)\*\/\s*/g)) {
    const info = service.getQuickInfoAtPosition(PROBE, (marker.index ?? 0) + marker[0].length);
    hovers[marker[1] ?? ""] = ts.displayPartsToString(info?.displayParts);
  }
}, 120_000);

describe("hover text names the generated types", () => {
  it.each([
    ["unwrapped", "const debtor: Debtor"],
    ["juridical", "const juridical: JuridicalType | undefined"],
    ["data", "const data: Debtor | undefined"],
    ["error", "const error: ProblemDetails | undefined"],
    ["list", "const list: CustomerList"],
    ["items", "const items: Customer[] | undefined"],
    ["plan", "const plan: PaymentPlan"],
    ["body", "(property) body: DebtorCreate"],
    ["paged", "const paged: Debtor"],
    ["handlerBody", "const handlerBody: DebtorCreate"],
  ])("%s: %s", (marker, expected) => {
    expect(hovers[marker]).toBe(expected);
  });

  it("names the stored item of the testing kit by its parts, with no object type spelt out", () => {
    expect(hovers["stored"]).toMatch(/^const stored: .*\bDebtor\b.*DebtorCreate/);
    expect(hovers["stored"]).not.toContain("{");
    expect(hovers["ctx"]).toBe('(parameter) ctx: OverrideContext<"createDebtor">');
  });
});
