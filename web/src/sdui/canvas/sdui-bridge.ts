/** The few lib/sdui entry points the canvas uses, plus a truthiness helper matching the language. */
export { compileTemplate, matchTarget, resolveProps } from "../../../../lib/sdui/index.ts";

/** Falsy like the expression language: null, false, 0, "", [] and {}. */
export function truthyValue(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return true;
}
