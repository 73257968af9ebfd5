import { describe, expect, it } from "vitest";
import { codeFormatOf, formatPrice, logLineOf, parseJson, toBase64 } from "./logic";
import { matchMarketplace, marketplacePaths } from "./routes";

describe("marketplace routes", () => {
  it("matches every page and its path helper", () => {
    const ws = "ws_1";
    const cases = [
      [marketplacePaths.catalog(ws), { page: "catalog" }],
      [marketplacePaths.agent(ws, "echo"), { page: "agent", slug: "echo" }],
      [marketplacePaths.publish(ws), { page: "publish" }],
      [marketplacePaths.deployments(ws), { page: "deployments" }],
      [marketplacePaths.execution(ws, "exe_1"), { page: "execution", id: "exe_1" }],
      [marketplacePaths.analytics(ws), { page: "analytics" }],
    ] as const;
    for (const [path, page] of cases) expect(matchMarketplace(path.split("/").slice(4))).toEqual(page);
    expect(matchMarketplace(["agents"])).toBeNull();
    expect(matchMarketplace(["nope"])).toBeNull();
  });
});

describe("marketplace logic", () => {
  it("formats prices in minor units", () => {
    expect(formatPrice({ model: "free", amount: 0, currency: "INR" })).toBe("Free");
    expect(formatPrice({ model: "per_execution", amount: 550, currency: "INR" })).toBe("₹5.50 / run");
    expect(formatPrice({ model: "per_execution", amount: 10, currency: "USD" })).toBe("$0.10 / run");
  });

  it("parses JSON with a message on failure", () => {
    expect(parseJson('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJson("{").ok).toBe(false);
  });

  it("encodes large files as base64 and tells the format from the name", () => {
    const bytes = new Uint8Array(100_000).map((_, i) => i % 256);
    expect(Buffer.from(toBase64(bytes), "base64").equals(Buffer.from(bytes))).toBe(true);
    expect(codeFormatOf("agent.tar.gz")).toBe("tar.gz");
    expect(codeFormatOf("index.mjs")).toBe("js");
  });

  it("reads log events", () => {
    expect(logLineOf("stderr", '{"seq":3,"data":"oops"}')).toEqual({ seq: 3, stream: "stderr", data: "oops" });
    expect(logLineOf("stdout", "garbage")).toBeNull();
  });
});
