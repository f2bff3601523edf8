// The markdown form of a report (the regenerate PR summary and the CHANGELOG draft).

const fmtOp = (op) => `\`${op.method} ${op.path}\`${op.webhook ? " (webhook)" : ""}${op.operationId ? ` (${op.operationId})` : ""}`;
const fmtOne = (v) => (typeof v === "string" ? `\`${v}\`` : `\`${JSON.stringify(v)}\``);
const fmtValue = (v) =>
  Array.isArray(v) ? (v.length > 8 ? `${v.slice(0, 8).map(fmtOne).join(", ")} and ${v.length - 8} more` : v.map(fmtOne).join(", ")) : fmtOne(v);

function fmtChange(c) {
  const head = c.operation ? fmtOp(c.operation) : `\`${c.pointer}\``;
  const where = c.in ? `, ${c.in}` : "";
  const values = "before" in c || "after" in c ? ` (${"before" in c ? fmtValue(c.before) : "—"} → ${"after" in c ? fmtValue(c.after) : "—"})` : "";
  const rule = c.rule ? ` _[${c.rule}]_` : "";
  return `- ${head}${where}: ${c.what}${values}${rule}`;
}

/** Renders a report as markdown; `headingLevel` is the level of its title (sections one below). */
export function renderMarkdown(report, { headingLevel = 1 } = {}) {
  const h = (n) => "#".repeat(Math.min(6, headingLevel + n));
  const out = [`${h(0)} API changes`, ""];
  out.push(
    `\`${report.old}\` → \`${report.new}\`: **${report.breaking.length} breaking**, ${report.nonBreaking.length} non-breaking, ${report.info.length} info.`,
    "",
  );
  if (report.breaking.length + report.nonBreaking.length + report.info.length === 0) {
    out.push("No API changes.", "");
    return out.join("\n");
  }
  const { added, removed } = report.operations;
  if (added.length + removed.length > 0) {
    out.push(`${h(1)} Operations`, "", "| change | method | path | operationId |", "| --- | --- | --- | --- |");
    for (const [change, ops] of [
      ["added", added],
      ["removed (breaking)", removed],
    ]) {
      for (const op of ops) out.push(`| ${change} | ${op.method}${op.webhook ? " (webhook)" : ""} | \`${op.path}\` | ${op.operationId} |`);
    }
    out.push("");
  }
  for (const [key, title] of [
    ["breaking", "Breaking changes"],
    ["nonBreaking", "Non-breaking changes"],
    ["info", "Documentation and other info"],
  ]) {
    if (report[key].length) out.push(`${h(1)} ${title}`, "", ...report[key].map(fmtChange), "");
  }
  out.push("_Found by api-smart-diff; classes as in scripts/api-diff/policy.mjs (a rule name in brackets marks a class the policy set)._", "");
  return out.join("\n");
}
