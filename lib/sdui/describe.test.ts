import { describe, expect, it } from "vitest";
import { COMPONENT_TYPES } from "./components.ts";
import { describeVocabulary } from "./describe.ts";

describe("describeVocabulary", () => {
  it("describes every component with its props", () => {
    const d = describeVocabulary();
    expect(d.components.map((c) => c.type)).toEqual([...COMPONENT_TYPES]);
    const button = d.components.find((c) => c.type === "button");
    expect(button?.props.find((p) => p.name === "label")).toMatchObject({ required: true, type: "string" });
    expect(button?.props.find((p) => p.name === "variant")?.type).toBe('"primary"|"secondary"|"ghost"|"danger"|"link" | ${expr}');
    expect(button?.props.find((p) => p.name === "command")?.description).toContain("command");
    const list = d.components.find((c) => c.type === "list");
    expect(list?.children).toContain("item template");
    expect(d.components.find((c) => c.type === "canvas")?.props.find((p) => p.name === "scene")).toMatchObject({ type: "${expr}", required: true });
    expect(d.expressions.functions.map((f) => f.signature)).toContain("len(x)");
    expect(d.gestures.find((g) => g.name === "pinch_zoom")?.variables).toContain("event.scale");
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it("renders the same as compact markdown", () => {
    const md = describeVocabulary("markdown");
    for (const t of COMPONENT_TYPES) expect(md).toContain(`#### ${t}\n`);
    expect(md).toContain("- `label` (required): string");
    expect(md).toContain("`format_number(x, decimals?)`");
    expect(md.length).toBeLessThan(30_000);
  });
});
