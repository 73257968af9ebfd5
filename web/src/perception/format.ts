/** Turns console arguments into one capped line for the `pe.console` feed. Pure. */

export const MESSAGE_MAX = 4000;
export const SOURCE_MAX = 500;

/** `s` cut to at most `n` characters, the last one an ellipsis when it was cut. */
export const cap = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function one(value: unknown, seen: WeakSet<object>): string {
  if (typeof value === "string") return value;
  if (value instanceof Error) return value.stack && value.stack.includes(value.message) ? value.stack : `${value.name}: ${value.message}`;
  if (value === undefined || typeof value === "number" || typeof value === "boolean" || typeof value === "bigint" || typeof value === "symbol" || value === null) return String(value);
  if (typeof value === "function") return `[function ${value.name || "anonymous"}]`;
  try {
    return JSON.stringify(value, (_k, v: unknown) => {
      if (typeof v === "bigint") return v.toString();
      if (typeof v === "object" && v !== null) {
        if (seen.has(v)) return "[circular]";
        seen.add(v);
      }
      return v;
    }) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Joins console arguments with spaces, like the devtools console, capped at `max` characters. */
export function formatArgs(args: readonly unknown[], max = MESSAGE_MAX): string {
  return cap(args.map((a) => one(a, new WeakSet())).join(" "), max);
}

/** The first stack frame outside the console wrapper (`at f (url:line:col)` → `url:line:col`). */
export function callerOf(stack: string | undefined, skip: number): string {
  const frames = (stack ?? "").split("\n").filter((l) => /^\s*at\s|@/.test(l));
  const line = frames[skip] ?? "";
  const loc = /\(?((?:https?|file|blob|webpack):\/\/[^\s)]+|\/[^\s)]+)\)?\s*$/.exec(line.trim());
  return (loc?.[1] ?? line.trim()).slice(0, SOURCE_MAX);
}
