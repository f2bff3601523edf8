import { checkHeaderValue } from "../validate/checks.js";
import { usage } from "../errors/aptic-error.js";
import { recentValues } from "./recent.js";
import type { ApticAuth, BoundAuth } from "./types.js";

const token = (value: unknown, name: string): string => {
  usage(typeof value === "string" && value.length > 0, `${name} must be a non-empty string`);
  return checkHeaderValue(value, name);
};

/**
 * A bearer token: a fixed string, or a (possibly async) function called before each attempt and
 * once more after a 401, so it may return a fresh token.
 *
 * @example
 * ```ts
 * createApticClient({ baseUrl, auth: bearer(process.env.APTIC_TOKEN ?? "") });
 * createApticClient({ baseUrl, auth: bearer(async () => vault.read("aptic-token")) });
 * ```
 */
export function bearer(value: string | (() => string | Promise<string>)): ApticAuth {
  if (typeof value !== "function") {
    const headers = { authorization: `Bearer ${token(value, "bearer token")}` };
    const fixed: BoundAuth = {
      headers: () => headers,
      // Stryker disable next-line ArrowFunction: `() => undefined` is as falsy as `false`: no retry after a 401 either way.
      invalidate: () => false,
      // Stryker disable next-line ArrayDeclaration,StringLiteral: Authorization is redacted by name in every response (SECRET_HEADERS), listed or not.
      secretHeaders: ["authorization"],
      secrets: () => [value],
    };
    return { kind: "bearer", bind: () => fixed };
  }
  return {
    kind: "bearer",
    bind() {
      const recent = recentValues(3);
      const wrap = (t: string) => {
        recent.add(token(t, "the bearer token function's result"));
        return { authorization: `Bearer ${t}` };
      };
      return {
        headers() {
          const t = value();
          // Stryker disable next-line ConditionalExpression,StringLiteral: only the sync fast path is lost, not a result.
          return typeof t === "string" ? wrap(t) : Promise.resolve(t).then(wrap);
        },
        invalidate: () => true,
        // Stryker disable next-line ArrayDeclaration,StringLiteral: Authorization is redacted by name in every response (SECRET_HEADERS), listed or not.
        secretHeaders: ["authorization"],
        secrets: () => recent.list,
      };
    },
  };
}
