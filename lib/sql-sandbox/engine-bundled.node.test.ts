import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { transformSync } from "esbuild";
import { describe, expect, it } from "vitest";
import { capMemory } from "./engine";

const require = createRequire(import.meta.url);
const glue = readFileSync(require.resolve("wa-sqlite/dist/wa-sqlite.mjs"), "utf8");
const { WebAssembly: WA } = globalThis as unknown as { WebAssembly: { Module: new (b: Uint8Array) => object; Instance: new (m: object, i: unknown) => { exports: unknown } } };
const wasm = new WA.Module(readFileSync(require.resolve("wa-sqlite/dist/wa-sqlite.wasm")));

/** The imports the glue hands to `instantiateWasm` once the glue has been printed by esbuild as a bundler would. */
async function importsAfter(options: { minify: boolean }): Promise<unknown> {
  const dir = mkdtempSync(join(tmpdir(), "wa-sqlite-"));
  const file = join(dir, `glue-${options.minify ? "min" : "dev"}.mjs`);
  writeFileSync(file, transformSync(glue, { format: "esm", minify: options.minify }).code);
  const { default: Factory } = (await import(pathToFileURL(file).href)) as { default: (m: object) => Promise<unknown> };
  let seen: unknown;
  await Factory({
    instantiateWasm(imports: unknown, done: (i: unknown, m: object) => void) {
      seen = imports;
      const instance = new WA.Instance(wasm, imports);
      done(instance, wasm);
      return instance.exports;
    },
  });
  return seen;
}

// wrangler dev and deploy print the glue through esbuild; the cap must find the resize import in that text too.
describe("the SQL engine's memory cap after bundling", () => {
  it.each([{ minify: false }, { minify: true }])("finds the heap-resize import (minify %o)", async (options) => {
    const imports = await importsAfter(options);
    expect(() => capMemory(imports)).not.toThrow();
  });
});
