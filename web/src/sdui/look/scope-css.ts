/**
 * Scopes a plugin's styles.css to its panel: every selector gets a `[data-plugin="x"]` prefix.
 * `@media`/`@supports`/`@container` blocks are scoped inside; `@keyframes` and `@font-face` are
 * kept as they are; `@import` is dropped (a plugin may not load outside styles). `:root`, `html`
 * and `body` selectors become the panel itself.
 */
export function scopeCss(css: string, plugin: string): string {
  const scope = `[data-plugin="${plugin.replace(/[^a-z0-9_-]/gi, "")}"]`;
  const src = css.replace(/\/\*[\s\S]*?\*\//g, "");
  let out = "";
  let i = 0;
  const readBlock = (from: number): number => {
    // Returns the index just after the matching "}" of the "{" at `from`.
    let depth = 0;
    for (let j = from; j < src.length; j++) {
      const c = src[j];
      if (c === '"' || c === "'") {
        const end = src.indexOf(c, j + 1);
        j = end < 0 ? src.length : end;
      } else if (c === "{") depth++;
      else if (c === "}" && --depth === 0) return j + 1;
    }
    return src.length;
  };
  while (i < src.length) {
    const open = src.indexOf("{", i);
    const semi = src.indexOf(";", i);
    if (semi >= 0 && (open < 0 || semi < open)) {
      const stmt = src.slice(i, semi + 1).trim();
      if (stmt && !/^@import\b/i.test(stmt)) out += `${stmt}\n`;
      i = semi + 1;
      continue;
    }
    if (open < 0) break;
    const prelude = src.slice(i, open).trim();
    const end = readBlock(open);
    const body = src.slice(open + 1, end - 1);
    if (/^@(media|supports|container|layer)\b/i.test(prelude)) {
      out += `${prelude} {\n${scopeCss(body, plugin)}}\n`;
    } else if (prelude.startsWith("@")) {
      if (!/^@import\b/i.test(prelude)) out += `${prelude} {${body}}\n`;
    } else if (prelude) {
      out += `${scopeSelectors(prelude, scope)} {${body}}\n`;
    }
    i = end;
  }
  return out;
}

/** Prefixes each comma-separated selector with the scope. */
export function scopeSelectors(selectors: string, scope: string): string {
  return splitTopLevel(selectors)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const rooted = s.replace(/^(:root|html|body)\b/, "");
      if (rooted !== s) return `${scope}${rooted}`;
      return `${scope} ${s}`;
    })
    .join(", ");
}

function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "," && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}
