// Loopback server for the benchmarks, run in its own process:
//   GET /debtors/{guid}        a ~1 kB debtor (the same bytes every time)
//   GET /debtors?$skip&$top    a page of the 100 000-item list (count/skip/total/value)
import { createServer } from "node:http";

export const TOTAL_ITEMS = 100_000;

const debtor = {
  debtorGuid: "3f2c8a61-5b7e-4d2a-9c1f-8e6b4a2d7c90",
  debtorReference: "D-100482",
  idNumber: "19850312-4521",
  juridicalType: 0,
  placeOfBirth: "Uppsala",
  dateOfBirth: "1985-03-12T00:00:00Z",
  gender: 2,
  cultureCode: "sv-SE",
  firstname: "Astrid",
  middlename: null,
  lastname: "Lindqvist",
  nameSuffix: null,
  domicile: "Stockholm",
  municipalCode: "0180",
  naceCode: null,
  homePhone: "+4681234567",
  workPhone: null,
  cellularPhone: "+46701234567",
  telefax: null,
  email: "astrid.lindqvist@example.se",
  languageCode: "sv",
  currencyCode: "SEK",
  preferredChannel: "Email",
  underAged: false,
  conversationNotificationChannel: 1,
  addresses: [
    { addressType: "Postal", street: "Drottninggatan 12", postalCode: "111 51", city: "Stockholm", countryCode: "SE" },
    { addressType: "Visiting", street: "Kungsgatan 44", postalCode: "111 35", city: "Stockholm", countryCode: "SE" },
  ],
  note: "Benchmark resource padded to about one kilobyte of JSON.",
};
let resource = JSON.stringify(debtor);
resource = JSON.stringify({ ...debtor, note: debtor.note + " ".repeat(Math.max(0, 1024 - resource.length)) });
export const RESOURCE_BYTES = Buffer.byteLength(resource);

function item(i) {
  const n = String(i).padStart(6, "0");
  return {
    debtorGuid: `00000000-0000-4000-8000-${n.padStart(12, "0")}`,
    debtorReference: `D-${n}`,
    firstname: "Astrid",
    lastname: `Lindqvist ${n}`,
    email: `debtor${n}@example.se`,
  };
}

function page(skip, top) {
  const value = [];
  for (let i = skip; i < Math.min(skip + top, TOTAL_ITEMS); i++) value.push(item(i));
  return JSON.stringify({ count: value.length, skip, total: TOTAL_ITEMS, value });
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (req.method === "GET" && url.pathname === "/debtors") {
    const skip = Number(url.searchParams.get("$skip") ?? 0);
    const top = Math.min(Number(url.searchParams.get("$top") ?? 100), 100);
    const body = page(skip, top);
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
  } else if (req.method === "GET" && url.pathname.startsWith("/debtors/")) {
    res.writeHead(200, { "content-type": "application/json", "content-length": RESOURCE_BYTES }).end(resource);
  } else {
    res.writeHead(404, { "content-type": "application/problem+json" }).end(JSON.stringify({ status: 404, title: "Not Found" }));
  }
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address();
  process.stdout.write(`bench server listening on http://127.0.0.1:${port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
