import type { ComponentSpec } from "./component.ts";
import { ANY_CHILDREN, component } from "./component.ts";
import { actionShape, flag, integer, oneOf, PLACEMENT, props, text, TONES } from "./props-common.ts";

export const FEEDBACK: ComponentSpec[] = [
  component(
    "alert",
    "feedback",
    "An inline message box; children add content below the text. Dismissing fires command.",
    props({ tone: oneOf(TONES).optional(), title: text().optional(), text: text().optional(), dismissible: flag().optional(), ...actionShape }),
    { children: ANY_CHILDREN },
  ),
  component(
    "toast",
    "feedback",
    "A transient notification shown while open is truthy; fires command when it closes.",
    props({ text: text(), tone: oneOf(TONES).optional(), open: flag().optional(), duration_ms: integer(0, 600_000).describe("0 keeps it until dismissed").optional(), ...actionShape }),
  ),
  component(
    "modal",
    "feedback",
    "A dialog over the page while open is truthy; closing fires command.",
    props({
      open: flag().describe("usually bound to state"),
      title: text().optional(),
      size: oneOf(["sm", "md", "lg", "full"]).optional(),
      dismissible: flag().describe("close on Escape or a click outside (default true)").optional(),
      ...actionShape,
    }),
    { children: { min: 1, max: Infinity, meaning: "the dialog body" } },
  ),
  component("tooltip", "feedback", "Shows text when its single child is hovered or focused.", props({ text: text(), placement: oneOf(PLACEMENT).optional(), delay_ms: integer(0, 10_000).optional() }), {
    children: { min: 1, max: 1, meaning: "the anchor" },
  }),
  component(
    "popover",
    "feedback",
    "A floating panel attached to its first child; the other children are the panel's content.",
    props({ title: text().optional(), open: flag().describe("controlled open state; omit to toggle on trigger").optional(), placement: oneOf(PLACEMENT).optional(), trigger: oneOf(["click", "hover"]).optional(), ...actionShape }),
    { children: { min: 2, max: Infinity, meaning: "the anchor, then the panel content" } },
  ),
];
