import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runTestFile } from "./harness.ts";

const folder = join(import.meta.dirname, "../../../shared/conformance/starlark");

describe("conformance harness", () => {
  it("fails a chunk whose assertion fails or whose expected error is missing", () => {
    const assertStar = 'def _eq(x, y):\n    if x != y:\n        error("%r != %r" % (x, y))\nassert = module("assert", eq = _eq)\n';
    const res = runTestFile("t.star", 'load("assert.star", "assert")\nassert.eq(1, 2)\n---\nx = 1 ### "boom"\n---\nx = 1 // 0 ### "division by zero"\n', (n) => (n === "assert.star" ? assertStar : null));
    expect(res.chunks.map((c) => c.ok)).toEqual([false, false, true]);
  });

  it.skipIf(!existsSync(folder))("passes every chunk of the shared starlark conformance files", () => {
    const failures: string[] = [];
    for (const f of readdirSync(folder).filter((n) => n.endsWith(".star") && n !== "assert.star")) {
      const res = runTestFile(f, readFileSync(join(folder, f), "utf8"), (n) => (existsSync(join(folder, n)) ? readFileSync(join(folder, n), "utf8") : null));
      for (const c of res.chunks) if (!c.ok) failures.push(`${f}:${c.line}: ${c.problems.join("; ")}`);
    }
    expect(failures).toEqual([]);
  });
});
