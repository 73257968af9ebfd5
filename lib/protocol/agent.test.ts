import { describe, expect, it } from "vitest";
import { AgentManifest, compareSemver } from "./agent";

const good = {
  name: "Echo",
  slug: "echo-agent",
  version: "1.0.0",
  description: "Echoes its input",
  category: "Developer",
  pricing: { model: "free", amount: 0, currency: "INR" },
  runtime: { language: "nodejs", entry: "index.js", timeout_ms: 30_000, memory_mb: 128 },
  inputs: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
  outputs: { type: "object" },
};

const pathsOf = (v: unknown) => {
  const r = AgentManifest.safeParse(v);
  return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
};

describe("AgentManifest", () => {
  it("accepts a complete manifest and fills config and examples", () => {
    const m = AgentManifest.parse(good);
    expect(m.category).toBe("developer");
    expect(m.config).toEqual({ type: "object" });
    expect(m.examples).toEqual([]);
  });

  it("rejects a version that is not semver", () => {
    expect(pathsOf({ ...good, version: "1.0" })).toEqual(["version"]);
    expect(pathsOf({ ...good, version: "01.0.0" })).toEqual(["version"]);
  });

  it("caps the runtime limits and checks the language", () => {
    const bad = { ...good, runtime: { language: "python", entry: "../x.js", timeout_ms: 300_001, memory_mb: 1024 } };
    expect(pathsOf(bad).sort()).toEqual(["runtime.entry", "runtime.language", "runtime.memory_mb", "runtime.timeout_ms"]);
  });

  it("wants integer minor units and a price that matches the model", () => {
    expect(pathsOf({ ...good, pricing: { model: "per_execution", amount: 1.5, currency: "USD" } })).toContain("pricing.amount");
    expect(pathsOf({ ...good, pricing: { model: "per_execution", amount: 0, currency: "USD" } })).toEqual(["pricing.amount"]);
    expect(pathsOf({ ...good, pricing: { model: "free", amount: 0, currency: "EUR" } })).toEqual(["pricing.currency"]);
  });

  it("rejects a bad slug and a non-object input schema", () => {
    expect(pathsOf({ ...good, slug: "Echo Agent", inputs: { type: "string" } }).sort()).toEqual(["inputs", "slug"]);
  });
});

describe("compareSemver", () => {
  it("orders by precedence, prereleases before releases", () => {
    const sorted = ["1.0.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta", "0.9.10", "0.9.9", "1.0.0-alpha.beta", "2.0.0"].sort(compareSemver);
    expect(sorted).toEqual(["0.9.9", "0.9.10", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0", "2.0.0"]);
    expect(compareSemver("1.2.3+build", "1.2.3")).toBe(0);
  });
});
