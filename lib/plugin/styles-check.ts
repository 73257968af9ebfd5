/** A fault in styles.css at a 1-based line and column. */
export interface StyleProblem {
  line: number;
  col: number;
  message: string;
}

/**
 * Constructs styles.css may not use: anything that loads from elsewhere or runs code.
 * `url(...)` is allowed only for `data:` URIs and `#fragment` references.
 */
const FORBIDDEN: readonly { pattern: RegExp; message: string }[] = [
  { pattern: /@import\b/g, message: "@import is not allowed: plugin styles cannot load other stylesheets" },
  { pattern: /\burl\(\s*(?!['"]?\s*(data:|#))/g, message: "url(...) may only hold a data: URI or a #fragment; plugin styles cannot load from elsewhere" },
  { pattern: /\bimage-set\(/g, message: "image-set() is not allowed (it can load images from elsewhere)" },
  { pattern: /\bsrc\(/g, message: "src() is not allowed (it loads from elsewhere)" },
  { pattern: /\bexpression\(/g, message: "expression() is not allowed" },
  { pattern: /javascript:/g, message: "javascript: is not allowed" },
  { pattern: /-moz-binding\b|\bbehavior\s*:/g, message: "bindings and behaviors are not allowed" },
  { pattern: /<\/?\s*style\b|<!--|-->/g, message: "HTML markup is not allowed in styles.css" },
];

/**
 * Comments → spaces and CSS escapes (`\75 rl(` is `url(`) decoded, lower-cased, with a map from
 * each position of the result back to the source, so a match can be reported where it was written.
 */
function normalize(css: string): { text: string; origin: number[] } {
  let text = "";
  const origin: number[] = [];
  let i = 0;
  while (i < css.length) {
    if (css.startsWith("/*", i)) {
      const end = css.indexOf("*/", i + 2);
      const stop = end < 0 ? css.length : end + 2;
      text += " ";
      origin.push(i);
      i = stop;
      continue;
    }
    if (css[i] === "\\" && i + 1 < css.length) {
      const hex = /^[0-9a-fA-F]{1,6}/.exec(css.slice(i + 1, i + 7));
      if (hex) {
        const code = Number.parseInt(hex[0], 16);
        text += code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? "\ufffd" : String.fromCodePoint(code);
        origin.push(i);
        i += 1 + hex[0].length;
        if (css[i] === " " || css[i] === "\t" || css[i] === "\n") i++;
        continue;
      }
      if (css[i + 1] !== "\n") {
        text += css[i + 1]!;
        origin.push(i);
        i += 2;
        continue;
      }
    }
    text += css[i]!;
    origin.push(i);
    i++;
  }
  return { text: text.toLowerCase(), origin };
}

function lineCol(source: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source[i] === "\n") {
      line++;
      start = i + 1;
    }
  }
  return { line, col: offset - start + 1 };
}

/**
 * Checks plugin CSS for constructs that reach outside the plugin (`@import`, remote `url()`,
 * `image-set()`, `</style>` ...). Size limits are checked by the package validator.
 *
 * @example checkStyles('.a { background: url(https://x.test/a.png) }')
 * // [{ line: 1, col: 18, message: "url(...) may only hold a data: URI or a #fragment; ..." }]
 */
export function checkStyles(css: string): StyleProblem[] {
  const { text, origin } = normalize(css);
  const out: StyleProblem[] = [];
  for (const { pattern, message } of FORBIDDEN) {
    pattern.lastIndex = 0;
    for (const m of text.matchAll(pattern)) {
      out.push({ ...lineCol(css, origin[m.index] ?? 0), message });
      if (out.length >= 50) return out;
    }
  }
  return out.sort((a, b) => a.line - b.line || a.col - b.col);
}
