import { z } from "zod";
import type { ComponentSpec } from "./component.ts";
import { component } from "./component.ts";
import { ALIGN, color, ex, flag, integer, number, oneOf, props, SIZES, text, TONES } from "./props-common.ts";

/** Image sources: https, relative paths, or inline raster data (no javascript:, no remote http). */
const IMAGE_SRC = /^(https:\/\/|\/(?!\/)|\.\.?\/|data:image\/(png|jpeg|gif|webp);base64,)/;
const ICON_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const DISPLAY: ComponentSpec[] = [
  component(
    "text",
    "display",
    "A run of text.",
    props({
      text: text().describe("the text (template)"),
      variant: oneOf(["body", "caption", "muted", "strong", "mono"]).optional(),
      size: oneOf(["xs", "sm", "md", "lg", "xl"]).optional(),
      align: oneOf(["start", "center", "end"]).optional(),
      truncate: flag().describe("cut to one line with an ellipsis").optional(),
      tone: oneOf(TONES).optional(),
    }),
  ),
  component("heading", "display", "A section heading.", props({ text: text(), level: integer(1, 6).describe("1-6, default 2").optional(), align: oneOf(["start", "center", "end"]).optional() })),
  component("badge", "display", "A small status label.", props({ text: text(), tone: oneOf(TONES).optional(), icon: ex(z.string().regex(ICON_NAME), "an icon name").optional() })),
  component(
    "icon",
    "display",
    "An icon from the built-in icon set, by kebab-case name.",
    props({
      name: ex(z.string().regex(ICON_NAME, "expected a kebab-case icon name like \"arrow-right\""), "an icon name"),
      size: ex(z.union([z.enum(SIZES), z.number().min(8).max(256)]), "a size").optional(),
      tone: oneOf(TONES).optional(),
      color: color().optional(),
      label: text().describe("accessible label; omit for decorative icons").optional(),
    }),
  ),
  component(
    "image",
    "display",
    "An image from https, a relative path or an inline data:image URL.",
    props({
      src: ex(z.string().max(2_000_000).regex(IMAGE_SRC, "expected an https://, relative or data:image URL"), "an image URL"),
      alt: text().describe("text alternative (required for meaningful images)"),
      width: number(0, 10000).optional(),
      height: number(0, 10000).optional(),
      fit: oneOf(["contain", "cover", "fill", "none"]).optional(),
      rounded: flag().optional(),
    }),
  ),
  component(
    "code-block",
    "display",
    "Preformatted code, optionally highlighted.",
    props({
      code: text(),
      language: ex(z.string().regex(/^[a-z0-9+#-]{1,32}$/), "a language name").describe("e.g. python, json, starlark").optional(),
      line_numbers: flag().optional(),
      wrap: flag().optional(),
      max_height: number(0, 10000).optional(),
    }),
  ),
  component("markdown", "display", "Markdown rendered safely (no raw HTML, no scripts).", props({ text: text().describe("markdown source (template)") })),
  component(
    "progress-bar",
    "display",
    "A horizontal progress bar.",
    props({
      value: number().describe("progress, 0..max").optional(),
      max: number(0).describe("default 100").optional(),
      label: text().optional(),
      tone: oneOf(TONES).optional(),
      indeterminate: flag().optional(),
      show_value: flag().optional(),
    }),
  ),
  component("spinner", "display", "A loading indicator.", props({ size: oneOf(SIZES).optional(), label: text().optional(), align: oneOf(ALIGN).optional() })),
];
