import type { z } from "zod";

/** One fault in a document, at a dotted path such as `children.2.props.label`. */
export interface Problem {
  path: string;
  message: string;
}

/** Joins path segments with dots; the root is "". */
export function joinPath(...parts: (string | number | symbol)[]): string {
  return parts
    .map(String)
    .filter((p) => p !== "")
    .join(".");
}

/** Zod issues → problems under `base`, with friendlier messages for unknown and missing fields. */
export function issuesToProblems(issues: readonly z.core.$ZodIssue[], base: string, input: unknown, allowed?: readonly string[]): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const hint = allowed ? ` (allowed: ${allowed.join(", ")})` : "";
        out.push({ path: joinPath(base, ...issue.path, key), message: `unknown field "${key}"${hint}` });
      }
    } else if ((issue.code === "invalid_type" || issue.code === "invalid_union") && valueAt(input, issue.path) === undefined) {
      out.push({ path: joinPath(base, ...issue.path), message: "required" });
    } else if (issue.code === "invalid_union" && issue.errors.some((b) => b.some((sub) => sub.message.startsWith("bad expression:")))) {
      const bad = issue.errors.flat().find((sub) => sub.message.startsWith("bad expression:"));
      out.push({ path: joinPath(base, ...issue.path, ...(bad?.path ?? [])), message: bad?.message ?? issue.message });
    } else if (issue.code === "invalid_union" && issue.errors.some((b) => b.some((sub) => sub.path.length > 0))) {
      // A literal list/object with a fault deep inside: report that fault, not "expected X or an expression".
      const branch = issue.errors.find((b) => b.some((sub) => sub.path.length > 0)) ?? [];
      out.push(...issuesToProblems(branch, joinPath(base, ...issue.path), valueAt(input, issue.path)));
    } else {
      out.push({ path: joinPath(base, ...issue.path), message: issue.message });
    }
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const key of path) {
    if (typeof v !== "object" || v === null || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}
