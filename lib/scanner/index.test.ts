import { describe, expect, it } from "vitest";
import { checkDependencies } from "./dependencies";
import { scanBundle } from "./index";
import { cleanPath, untar } from "./tar";
import { gzip, tar } from "./tar-writer.test-util";

const enc = new TextEncoder();

describe("scanBundle", () => {
  it("scans every .js, .mjs and .cjs file of a tar.gz and lists the others as skipped", async () => {
    const bytes = await gzip(
      tar([
        { name: "agent/", type: "5" },
        { name: "agent/index.js", text: `import { run } from "./lib/run.mjs";\nrun();` },
        { name: "agent/lib/run.mjs", text: `export const run = () => console.log("{}");` },
        { name: "agent/lib/bad.cjs", text: `\nmodule.exports = () => eval("1");` },
        { name: "agent/README.md", text: "# hi" },
      ]),
    );
    const r = await scanBundle({ format: "tar.gz", bytes });
    expect(r.files).toEqual(["agent/index.js", "agent/lib/run.mjs", "agent/lib/bad.cjs"]);
    expect(r.skipped).toEqual(["agent/README.md"]);
    expect(r.findings).toEqual([expect.objectContaining({ rule: "code-eval", file: "agent/lib/bad.cjs", line: 2, col: 23 })]);
    expect(r.rejected).toBe(true);
  });

  it("passes a clean single-file agent", async () => {
    const r = await scanBundle({ format: "js", entry: "index.js", bytes: enc.encode(`console.log(JSON.stringify({ ok: true }));`) });
    expect(r).toMatchObject({ passed: true, rejected: false, findings: [], files: ["index.js"] });
  });

  it("rejects an unreadable archive", async () => {
    const r = await scanBundle({ format: "tar.gz", bytes: enc.encode("not gzip") });
    expect(r.findings[0]).toMatchObject({ rule: "bundle-unreadable", severity: "critical" });
  });

  it("does not count bundled node_modules packages as undeclared", async () => {
    const bytes = await gzip(tar([{ name: "index.js", text: `require("left-pad");` }, { name: "node_modules/left-pad/index.js", text: "module.exports = 1;" }]));
    expect((await scanBundle({ format: "tar.gz", bytes })).findings).toEqual([]);
  });
});

describe("untar", () => {
  it("refuses entries that escape the bundle and bad checksums", () => {
    expect(() => untar(tar([{ name: "../evil.js", text: "x" }]))).toThrow(/outside the bundle/);
    const broken = tar([{ name: "a.js", text: "x" }]);
    broken[0] = 0x62;
    expect(() => untar(broken)).toThrow(/checksum/);
  });

  it("normalises paths", () => {
    expect(cleanPath("./a/./b/../c.js")).toBe("a/c.js");
    expect(cleanPath("/etc/passwd")).toBeNull();
  });
});

describe("checkDependencies", () => {
  it("flags unpinned, unknown, invalid, risky and undeclared dependencies", () => {
    const found = checkDependencies({ lodash: "4.17.21", "date-fns": "^3.0.0", "left-pad": "1.3.0", "Bad Name": "1.0.0", axios: "1.7.0" }, ["lodash", "zod/v4", "fs"], new Set());
    expect(found.map((f) => `${f.rule}:${f.severity}`)).toEqual([
      "dependency-unpinned:medium",
      "dependency-unknown:medium",
      "dependency-invalid:high",
      "network-module:high",
      "dependency-undeclared:medium",
    ]);
    expect(found.at(-1)!.message).toContain("'zod'");
  });
});
