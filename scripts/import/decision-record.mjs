// Updates the decision record (specs/README.md) after an import: each imported operation's row
// gets the vendor's method, path and status codes and `source` = "vendor file"; operations only
// the vendor's file has get a new row; docs-only operations keep theirs ("inferred").

const statusCell = (op) => {
  const codes = Object.keys(op.responses ?? {}).sort();
  const ok = codes.filter((c) => /^2/.test(c));
  const errors = codes.filter((c) => !/^2/.test(c));
  return `${ok.join(", ")}; ${errors.join(", ")}`;
};

/** The README text with the rows of `imported` operations updated or added. */
export function updateDecisionRecord(readme, { imported, kept = [], areaLabel, file, area }) {
  const lines = readme.split("\n");
  const header = lines.findIndex((l) => l.startsWith("| area | method | path | operationId | source |"));
  if (header < 0)
    throw new Error("specs:import: the decision record table (| area | method | path | operationId | source | …) was not found in specs/README.md");
  let end = header + 2;
  while (end < lines.length && lines[end].startsWith("| ")) end++;
  const rows = lines.slice(header + 2, end);
  const added = [];
  for (const i of imported) {
    const at = rows.findIndex((r) => r.split(" | ")[3] === i.operationId);
    const method = i.method.toUpperCase();
    if (at >= 0) {
      const cells = rows[at].split(" | ");
      const why = cells
        .slice(6)
        .join(" | ")
        .replace(/ \| *$|\|$/, "")
        .trim();
      const was = `${cells[1]} ${cells[2]}`;
      const now = `${method} ${i.path}`;
      const note = was === now ? `Vendor file (${file}) confirms ${now}.` : `Vendor file (${file}): ${now} (inferred was ${was}).`;
      const kept = why.replace(/ Vendor file \([^)]*\)[^|]*$/, "");
      rows[at] = [cells[0], method, i.path, i.operationId, "vendor file", statusCell(i.op), `${kept} ${note} |`].join(" | ");
    } else {
      added.push(
        `| ${areaLabel} | ${method} | ${i.path} | ${i.operationId} | vendor file | ${statusCell(i.op)} | Only in the vendor's file (${file}); the reference docs do not document it. See specs/reports/${area}.md. |`,
      );
    }
  }
  for (const { ours: o, path } of kept) {
    const at = rows.findIndex((r) => r.split(" | ")[3] === o.op.operationId);
    if (at < 0 || path === o.path) continue;
    const cells = rows[at].split(" | ");
    cells[2] = path;
    const last = cells.length - 1;
    cells[last] = cells[last].replace(
      / *\|? *$/,
      ` Not in the vendor's file (${file}): kept as inferred, under the vendor's path for its parent (was ${o.path}). |`,
    );
    rows[at] = cells.join(" | ");
  }
  // New rows go after the area's last row, so the table stays grouped by area.
  const last = rows.map((r) => r.split(" | ")[0].slice(2)).lastIndexOf(areaLabel);
  rows.splice(last < 0 ? rows.length : last + 1, 0, ...added);
  return [...lines.slice(0, header + 2), ...rows, ...lines.slice(end)].join("\n");
}
