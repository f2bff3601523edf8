import { ODataQueryError } from "./odata-parse.js";
import { readPath, type FieldKind, type FieldLookup } from "./schema-fields.js";

type Comparator = (a: unknown, b: unknown) => number;

const TERM = /^\s*([\p{L}_][\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}]*(?:\/[\p{L}_][\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}]*)*)(?:\s+(\S+))?\s*$/u;

function sortKey(kind: FieldKind, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (kind === "datetime" && typeof value === "string") {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? value : ms;
  }
  if (kind === "guid" && typeof value === "string") return value.toLowerCase();
  return value;
}

function compareKeys(a: unknown, b: unknown): number {
  // Nulls sort first in ascending order, as in .NET (LINQ OrderBy) and SQL Server.
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  if (typeof a !== typeof b) return typeof a < typeof b ? -1 : 1;
  // Ordinal (UTF-16 code unit) order for strings, like .NET's string.CompareOrdinal.
  return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
}

/**
 * Compiles `$orderby` (`field [asc|desc]`, comma-separated, `/` for nested properties) into a
 * comparator. Ties keep the store's order (creation order), since Array.prototype.sort is stable.
 *
 * @throws {ODataQueryError} for unknown properties, unsortable (object/array) properties and
 * directions other than asc/desc; the position is that of the offending term.
 * @example
 * ```ts
 * items.sort(compileOrderBy("lastname asc,regDate desc", lookup, "Debtor"));
 * ```
 */
export function compileOrderBy(text: string, fields: FieldLookup, typeName: string): Comparator {
  const terms: { segments: string[]; kind: FieldKind; sign: number }[] = [];
  let pos = 0;
  for (const raw of text.split(",")) {
    const match = TERM.exec(raw);
    const at = pos + (raw.length - raw.trimStart().length);
    if (!match?.[1]) throw new ODataQueryError(`Expected "property [asc|desc]" but found ${JSON.stringify(raw.trim())}`, at);
    const direction = match[2] ?? "asc";
    if (direction !== "asc" && direction !== "desc")
      throw new ODataQueryError(`Unknown sort direction ${JSON.stringify(direction)}; use asc or desc`, at + raw.trim().indexOf(direction));
    const segments = match[1].split("/");
    const kind = fields(segments);
    if (kind === undefined) throw new ODataQueryError(`Could not find a property named '${match[1]}' on type '${typeName}'`, at);
    if (kind === "object" || kind === "array") throw new ODataQueryError(`Cannot sort by '${match[1]}': it is not a primitive property`, at);
    terms.push({ segments, kind, sign: direction === "desc" ? -1 : 1 });
    pos += raw.length + 1;
  }
  return (a, b) => {
    for (const term of terms) {
      const c = compareKeys(sortKey(term.kind, readPath(a, term.segments)), sortKey(term.kind, readPath(b, term.segments)));
      if (c !== 0) return c * term.sign;
    }
    return 0;
  };
}
