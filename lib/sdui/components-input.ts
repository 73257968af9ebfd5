import { z } from "zod";
import type { ComponentSpec } from "./component.ts";
import { component } from "./component.ts";
import { actionShape, color, CSS_COLOR, ex, flag, integer, JsonWithExpressions, number, oneOf, props, SIZES, text } from "./props-common.ts";

const field = {
  label: text().optional(),
  help: text().describe("hint under the field").optional(),
  disabled: flag().optional(),
  error: text().describe("validation message to show").optional(),
  ...actionShape,
};
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/;
const date = () => ex(z.string().regex(DATE, "expected an ISO date YYYY-MM-DD (or YYYY-MM-DDTHH:MM)"), "a date");
const option = z.strictObject({ value: JsonWithExpressions, label: text(), disabled: z.boolean().optional() });

export const INPUT: ComponentSpec[] = [
  component(
    "button",
    "input",
    "A button; a click dispatches command with params.",
    props({
      label: text(),
      variant: oneOf(["primary", "secondary", "ghost", "danger", "link"]).optional(),
      size: oneOf(SIZES).optional(),
      icon: ex(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/), "an icon name").optional(),
      disabled: flag().optional(),
      confirm: text().describe("ask this question before dispatching").optional(),
      ...actionShape,
    }),
  ),
  component(
    "text-input",
    "input",
    "A text field; dispatches command with event.value on the chosen trigger.",
    props({
      ...field,
      value: ex(text(), "a string").describe("current text, usually \"${state.…}\"").optional(),
      placeholder: text().optional(),
      kind: oneOf(["text", "password", "email", "url", "search"]).optional(),
      multiline: flag().optional(),
      rows: integer(1, 50).optional(),
      max_length: integer(1, 1_000_000).optional(),
      trigger: oneOf(["change", "blur", "enter"]).describe("when to dispatch; default enter for one line, blur for multiline").optional(),
      debounce_ms: integer(0, 10_000).optional(),
    }),
  ),
  component(
    "number-input",
    "input",
    "A number field; dispatches command with event.value (a number).",
    props({ ...field, value: number().optional(), min: number().optional(), max: number().optional(), step: number(0).optional(), placeholder: text().optional() }),
  ),
  component("checkbox", "input", "A checkbox; dispatches command with event.value (true/false).", props({ ...field, checked: flag().optional() })),
  component("toggle", "input", "An on/off switch; dispatches command with event.value (true/false).", props({ ...field, checked: flag().optional() })),
  component(
    "select",
    "input",
    "A drop-down; dispatches command with event.value (the chosen option's value, or a list when multiple).",
    props({
      ...field,
      options: ex(z.array(z.union([text(), option])).max(10_000), "a list of options").describe("strings or {value, label, disabled?}; or an expression"),
      value: JsonWithExpressions.describe("selected value(s)").optional(),
      placeholder: text().optional(),
      multiple: flag().optional(),
      searchable: flag().optional(),
    }),
  ),
  component(
    "slider",
    "input",
    "A range slider; dispatches command with event.value (a number).",
    props({
      ...field,
      value: number().optional(),
      min: number().optional(),
      max: number().optional(),
      step: number(0).optional(),
      trigger: oneOf(["change", "release"]).describe("dispatch while dragging or on release (default)").optional(),
      show_value: flag().optional(),
    }),
  ),
  component(
    "color-picker",
    "input",
    "A color chooser; dispatches command with event.value (a #rrggbb string).",
    props({ ...field, value: color().optional(), swatches: ex(z.array(z.string().regex(CSS_COLOR)).max(64), "a list of colors").optional(), alpha: flag().optional() }),
  ),
  component(
    "date-picker",
    "input",
    "A date (or date-time) chooser; dispatches command with event.value (ISO string).",
    props({ ...field, value: date().optional(), min: date().optional(), max: date().optional(), with_time: flag().optional() }),
  ),
];
