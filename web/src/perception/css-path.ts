/**
 * CSS paths that point back at one element (for `pe.anomalies` selectors and the mutation feed),
 * built from a minimal element shape so they are testable without a DOM.
 */

export interface PathElement {
  /** Lower-case tag name (`div`, `circle`). */
  tag: string;
  id: string;
  /** Attribute values used to make steps readable and stable. */
  attr(name: string): string | null;
  parent: PathElement | null;
  /** 1-based index among same-tag element siblings, and how many there are. */
  position(): { index: number; of: number };
}

/** `CSS.escape` for identifiers (the spec's algorithm), available outside browsers. */
export function escapeIdent(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const code = value.charCodeAt(i);
    if (code === 0) out += "\uFFFD";
    else if ((code >= 1 && code <= 0x1f) || code === 0x7f || (i === 0 && code >= 0x30 && code <= 0x39) || (i === 1 && code >= 0x30 && code <= 0x39 && value[0] === "-")) out += `\\${code.toString(16)} `;
    else if (i === 0 && ch === "-" && value.length === 1) out += "\\-";
    else if (code >= 0x80 || ch === "-" || ch === "_" || /[0-9A-Za-z]/.test(ch)) out += ch;
    else out += `\\${ch}`;
  }
  return out;
}

const quote = (v: string) => `"${v.replace(/["\\]/g, "\\$&").replace(/\n/g, "\\a ")}"`;

function step(el: PathElement): string {
  const plugin = el.attr("data-plugin");
  const dataId = el.attr("data-id");
  let s = el.tag;
  if (plugin !== null && (el.parent === null || el.parent.attr("data-plugin") !== plugin)) s += `[data-plugin=${quote(plugin)}]`;
  if (dataId !== null) return `${s}[data-id=${quote(dataId)}]`;
  const at = el.position();
  return at.of > 1 ? `${s}:nth-of-type(${at.index})` : s;
}

/**
 * A selector that matches `el`: `#id` when the element (or the nearest ancestor) has an id, else
 * a `>` chain from the root of `tag[data-plugin]` steps, with `[data-id]` where present, else
 * `:nth-of-type(n)` where the tag repeats among siblings; at most
 * `maxSteps` long (a longer one starts at a descendant combinator and may be ambiguous).
 */
export function cssPath(el: PathElement, maxSteps = 12): string {
  const steps: string[] = [];
  let at: PathElement | null = el;
  while (at && steps.length < maxSteps) {
    if (at.id) {
      steps.unshift(`#${escapeIdent(at.id)}`);
      return steps.join(" > ");
    }
    steps.unshift(step(at));
    if (at.tag === "html") break;
    at = at.parent;
  }
  return steps.join(" > ");
}
