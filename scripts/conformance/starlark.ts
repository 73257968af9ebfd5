// `npm run conformance -- starlark [folder] [-v]`: runs every .star test file
// (except the assert.star library) with the starlark-go chunked-file harness.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runTestFile } from "../../lib/starlark/harness.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const args = process.argv.slice(2);
const verbose = args.includes("-v");
const folderArg = args.find((a) => !a.startsWith("-"));
const folder = folderArg ? resolve(folderArg) : resolve(root, "../shared/conformance/starlark");
if (!existsSync(folder)) {
  console.error(`no such folder: ${folder}`);
  process.exit(2);
}
const files = readdirSync(folder).filter((f) => f.endsWith(".star") && f !== "assert.star").sort();
let passed = 0;
let failed = 0;
for (const f of files) {
  const text = readFileSync(join(folder, f), "utf8");
  const res = runTestFile(f, text, (name) => {
    const p = join(folder, name);
    return existsSync(p) ? readFileSync(p, "utf8") : null;
  });
  const ok = res.chunks.filter((c) => c.ok).length;
  passed += ok;
  failed += res.chunks.length - ok;
  console.log(`${f}: ${ok}/${res.chunks.length} chunks`);
  if (verbose) {
    for (const c of res.chunks) if (!c.ok) for (const p of c.problems) console.log(`  chunk at line ${c.line}: ${p}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
