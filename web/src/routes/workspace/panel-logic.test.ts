import { describe, expect, it } from "vitest";
import { cleanInstance, fillsPanel, parseLayout, parseTheme, rememberInstance } from "./panel-logic";

describe("plugin area logic", () => {
  it("accepts instance names the rooms accept", () => {
    expect(cleanInstance(" my doc ")).toBe("my-doc");
    expect(cleanInstance("a/b")).toBeNull();
    expect(cleanInstance("")).toBeNull();
  });
  it("keeps recent instances unique, newest first, at most 12", () => {
    expect(rememberInstance(["main", "b"], "b")).toEqual(["b", "main"]);
    expect(rememberInstance(Array.from({ length: 12 }, (_, i) => `d${i}`), "new")).toHaveLength(12);
  });
  it("gives canvases and split views a fixed height", () => {
    expect(fillsPanel({ type: "split-pane" })).toBe(true);
    expect(fillsPanel({ type: "column" })).toBe(false);
    expect(fillsPanel(null)).toBe(false);
  });
  it("parses stored layout and theme choices", () => {
    expect(parseLayout("tabs")).toBe("tabs");
    expect(parseLayout("x")).toBe("tiles");
    expect(parseTheme("dark")).toBe("dark");
    expect(parseTheme(null)).toBe("auto");
  });
});
