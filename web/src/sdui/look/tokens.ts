/**
 * Design tokens as CSS custom properties. The defaults (light and dark) live in tokens.css;
 * a `tokens` event (a handler's `tokens_changed`) overrides them live, for one theme or both.
 *
 * Accepted shapes: `{"accent": "#f00"}`, `{"--accent": "#f00"}`, nested groups
 * `{"color": {"accent": "#f00"}}` (→ `--color-accent` and `--accent`), and per theme
 * `{"light": {...}, "dark": {...}}`.
 */
export type TokenMap = Record<string, string>;

const NAME = /^-{0,2}[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const VALUE_BAD = /[;{}<>]|url\s*\(|expression\s*\(|@import/i;

function add(out: TokenMap, name: string, v: unknown): void {
  if (!NAME.test(name)) return;
  if (typeof v !== "string" && typeof v !== "number") return;
  const value = String(v);
  if (value.length > 200 || VALUE_BAD.test(value)) return;
  out[`--${name.replace(/^-+/, "").replaceAll("_", "-")}`] = value;
}

function flatten(value: unknown, out: TokenMap, prefix = ""): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === "object" && v !== null && !Array.isArray(v)) {
      flatten(v, out, `${prefix}${k}-`);
      flatten(v, out, "");
    } else {
      add(out, `${prefix}${k}`, v);
    }
  }
}

/** Splits a tokens event value into overrides for the light and dark themes. */
export function parseTokens(value: unknown): { light: TokenMap; dark: TokenMap } {
  const light: TokenMap = {};
  const dark: TokenMap = {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { light, dark };
  const rec = value as Record<string, unknown>;
  const themed = "light" in rec || "dark" in rec;
  if (themed) {
    flatten(rec.light, light);
    flatten(rec.dark, dark);
    const rest = Object.fromEntries(Object.entries(rec).filter(([k]) => k !== "light" && k !== "dark"));
    flatten(rest, light);
    flatten(rest, dark);
  } else {
    flatten(rec, light);
    Object.assign(dark, light);
  }
  return { light, dark };
}

/** CSS text for the overrides, scoped to a selector (e.g. the workspace's plugin area). */
export function tokensCss(scope: string, tokens: { light: TokenMap; dark: TokenMap }): string {
  const decl = (m: TokenMap) => Object.entries(m).map(([k, v]) => `  ${k}: ${v};`).join("\n");
  let css = "";
  if (Object.keys(tokens.light).length) css += `${scope}, [data-theme="light"] ${scope} {\n${decl(tokens.light)}\n}\n`;
  if (Object.keys(tokens.dark).length) {
    css += `[data-theme="dark"] ${scope} {\n${decl(tokens.dark)}\n}\n`;
    css += `@media (prefers-color-scheme: dark) { :root:not([data-theme="light"]) ${scope} {\n${decl(tokens.dark)}\n} }\n`;
  }
  return css;
}
