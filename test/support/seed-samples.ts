// Extracts the request/response samples from a vendor reference text export (seeds 001–003,
// copied verbatim into test/fixtures/seeds/). The export renders each operation as: summary,
// description, "Authorizations:", parameters, body schema, then "Request samples" and/or
// "Response samples", each followed by "Content type" and the sample. A sample is JSON with
// a "• " bullet before each member, and collapsed objects/arrays printed as `{\n    }`/`[\n    ]`,
// so dropping the bullets gives JSON. "No sample" means the docs show none.

/** One sample found in an export. */
export interface SeedSample {
  /** Index of the operation in the export (0-based, in doc order). */
  operation: number;
  kind: "request" | "response";
  /** 1-based line of the sample's first line in the export. */
  line: number;
  /** The sample as printed (bullets included), or null for "No sample". */
  text: string | null;
  /** The parsed JSON value (undefined for "No sample"). */
  value?: unknown;
}

/** One operation of an export: the text before its "Authorizations:" line and its samples. */
export interface SeedOperation {
  index: number;
  /** The lines between the previous operation's last sample and this "Authorizations:" line. */
  heading: string[];
  /** Whether the operation documents a request body schema. */
  hasBody: boolean;
  /** The documented path parameter names, in doc order. */
  pathParams: string[];
  samples: SeedSample[];
}

/** Whether a line begins another block of the export (ends a sample). */
const isBlockStart = (line: string) => /^(Request samples|Response samples|Authorizations:)$/.test(line);

/** Reads one sample starting after "Content type" at `start`; returns it and the next line index. */
function readSample(lines: string[], start: number): { text: string | null; end: number } {
  if (lines[start] === "No sample") return { text: null, end: start + 1 };
  let depth = 0;
  let i = start;
  do {
    const line = lines[i] ?? "";
    for (const ch of line.replace(/"(?:[^"\\]|\\.)*"/g, "")) {
      if (ch === "{" || ch === "[") depth++;
      else if (ch === "}" || ch === "]") depth--;
    }
    i++;
  } while (depth > 0 && i < lines.length);
  return { text: lines.slice(start, i).join("\n"), end: i };
}

/** The export's operations in doc order, each with its samples parsed. */
export function extractSeedOperations(doc: string): SeedOperation[] {
  const lines = doc.split(/\r?\n/);
  const ops: SeedOperation[] = [];
  let headingStart = 0;
  let current: SeedOperation | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line === "Authorizations:") {
      current = { index: ops.length, heading: lines.slice(headingStart, i).filter((l) => l.trim() !== ""), hasBody: false, pathParams: [], samples: [] };
      ops.push(current);
    } else if (line === "path Parameters" && current) {
      // Each parameter prints as: name, "required", type, description. Path parameters are all
      // required, so a name is the line before a "required" line, up to the next block.
      for (let j = i + 1; j < lines.length && !/^(query Parameters|Request Body schema:|Responses)$/.test(lines[j] ?? ""); j++) {
        if (lines[j + 1] === "required") current.pathParams.push(lines[j] ?? "");
      }
    } else if (line === "Request Body schema:" && current) {
      current.hasBody = true;
    } else if ((line === "Request samples" || line === "Response samples") && current) {
      const kind = line === "Request samples" ? "request" : "response";
      let j = i + 1;
      while (j < lines.length && lines[j] !== "Content type" && !isBlockStart(lines[j] ?? "")) j++;
      if (lines[j] !== "Content type") throw new Error(`line ${i + 1}: "${line}" without "Content type"`);
      const { text, end } = readSample(lines, j + 1);
      const sample: SeedSample = { operation: current.index, kind, line: j + 2, text };
      if (text !== null) sample.value = JSON.parse(text.replace(/^(\s*)• /gm, "$1"));
      current.samples.push(sample);
      i = end - 1;
      headingStart = end;
    }
  }
  return ops;
}
