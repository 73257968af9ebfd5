/**
 * ARIA roles and states for `pe.a11y`, from a tag and its attributes (HTML-AAM implicit roles,
 * the common subset). Pure, no DOM. `inSectioning`: the element is inside article, aside, main,
 * nav or section.
 */
import { cap } from "./format";

export type Attr = (name: string) => string | null;

const BY_TAG: Record<string, string> = {
  article: "article",
  aside: "complementary",
  button: "button",
  dialog: "dialog",
  fieldset: "group",
  figure: "figure",
  footer: "contentinfo",
  form: "form",
  h1: "heading",
  h2: "heading",
  h3: "heading",
  h4: "heading",
  h5: "heading",
  h6: "heading",
  header: "banner",
  hr: "separator",
  li: "listitem",
  main: "main",
  meter: "meter",
  nav: "navigation",
  ol: "list",
  optgroup: "group",
  option: "option",
  output: "status",
  progress: "progressbar",
  table: "table",
  tbody: "rowgroup",
  thead: "rowgroup",
  tfoot: "rowgroup",
  td: "cell",
  textarea: "textbox",
  th: "columnheader",
  tr: "row",
  ul: "list",
  dl: "list",
  dt: "term",
  dd: "definition",
  details: "group",
  summary: "button",
  label: "label",
  p: "paragraph",
  blockquote: "blockquote",
  code: "code",
  svg: "graphics-document",
};

const INPUT_TYPES: Record<string, string> = {
  button: "button",
  submit: "button",
  reset: "button",
  image: "button",
  checkbox: "checkbox",
  radio: "radio",
  range: "slider",
  number: "spinbutton",
  search: "searchbox",
  email: "textbox",
  tel: "textbox",
  text: "textbox",
  url: "textbox",
  password: "textbox",
};

/**
 * The element's role: the first valid token of an explicit `role`, else the implicit role of its
 * tag, else "" (generic: no role of its own; `pe.a11y` folds such wrappers into their parent).
 */
export function roleOf(tag: string, attr: Attr, inSectioning = false): string {
  const explicit = (attr("role") ?? "").trim().split(/\s+/)[0] ?? "";
  if (explicit) return explicit === "none" ? "presentation" : explicit;
  switch (tag) {
    case "a":
    case "area":
      return attr("href") !== null ? "link" : "";
    case "img":
      return attr("alt") === "" ? "presentation" : "img";
    case "input": {
      const type = (attr("type") ?? "text").toLowerCase();
      if (type === "hidden") return "";
      if (type === "text" && attr("list") !== null) return "combobox";
      return INPUT_TYPES[type] ?? "textbox";
    }
    case "select":
      return attr("multiple") !== null || Number(attr("size") ?? "1") > 1 ? "listbox" : "combobox";
    case "header":
    case "footer":
      // banner / contentinfo only for the page's own, not inside article, aside, main, nav, section.
      return inSectioning ? "" : tag === "header" ? "banner" : "contentinfo";
    case "section":
      return attr("aria-label") !== null || attr("aria-labelledby") !== null ? "region" : "";
    default:
      return BY_TAG[tag] ?? "";
  }
}

/** Roles whose accessible name comes from their content when nothing else names them. */
const NAME_FROM_CONTENT = new Set(["button", "cell", "checkbox", "columnheader", "heading", "link", "listitem", "menuitem", "option", "radio", "row", "rowheader", "switch", "tab", "tooltip", "treeitem", "label", "paragraph", "term", "status"]);

export const namesFromContent = (role: string): boolean => NAME_FROM_CONTENT.has(role);

export interface StateInput {
  attr: Attr;
  /** The DOM property values where they differ from attributes (checked, disabled, focused). */
  checked?: boolean;
  disabled?: boolean;
  focused?: boolean;
  hidden?: boolean;
}

/** States in a fixed order: disabled, checked, expanded/collapsed, selected, pressed, required, invalid, focused, hidden. */
export function statesOf(s: StateInput): string[] {
  const out: string[] = [];
  const yes = (n: string) => s.attr(n) === "true";
  if (s.disabled || yes("aria-disabled")) out.push("disabled");
  if (s.checked || yes("aria-checked")) out.push("checked");
  else if (s.attr("aria-checked") === "mixed") out.push("mixed");
  const expanded = s.attr("aria-expanded");
  if (expanded === "true") out.push("expanded");
  else if (expanded === "false") out.push("collapsed");
  if (yes("aria-selected")) out.push("selected");
  if (yes("aria-pressed")) out.push("pressed");
  if (yes("aria-required") || s.attr("required") !== null) out.push("required");
  if (yes("aria-invalid")) out.push("invalid");
  if (s.focused) out.push("focused");
  if (s.hidden || yes("aria-hidden")) out.push("hidden");
  return out;
}

/** Collapses whitespace and caps a name at `max` characters (with an ellipsis). */
export function cleanName(text: string, max = 120): string {
  return cap(text.replace(/\s+/g, " ").trim(), max);
}
