import { describe, expect, it } from "vitest";
import { BadQuery, parseScreenshotQuery } from "./screenshot-query";

const code = (q: string | null) => {
  try {
    parseScreenshotQuery(q);
    return "ok";
  } catch (e) {
    return e instanceof BadQuery ? e.code : "other";
  }
};

describe("parseScreenshotQuery", () => {
  it("reads selector and rect queries", () => {
    expect(parseScreenshotQuery("selector: [data-plugin=graphist] [data-component=canvas]")).toEqual({ kind: "selector", css: "[data-plugin=graphist] [data-component=canvas]" });
    expect(parseScreenshotQuery("rect:10, 20.5,300,200")).toEqual({ kind: "rect", rect: { x: 10, y: 20.5, width: 300, height: 200 } });
  });

  it("refuses everything else with a code", () => {
    expect(code(null)).toBe("bad_query");
    expect(code("circle")).toBe("bad_query");
    expect(code("selector:")).toBe("bad_query");
    expect(code("rect:1,2,3")).toBe("bad_query");
    expect(code("rect:1,2,x,4")).toBe("bad_query");
    expect(code("rect:1,2,,4")).toBe("bad_query");
    expect(code("rect:0,0,0,10")).toBe("bad_query");
    expect(code("rect:0,0,5000,10")).toBe("too_large");
  });
});
