#!/usr/bin/env node
// `npm run bench -- <name> [args]` and `npm run conformance -- <name> [args]`:
// runs scripts/<kind>/<name>.ts under tsx with the remaining arguments.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const [kind, name, ...rest] = process.argv.slice(2);
const folder = join(here, kind);
const file = name && join(folder, `${name}.ts`);
if (!file || !existsSync(file)) {
  const names = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith(".ts")).map((f) => f.slice(0, -3)) : [];
  console.error(`usage: npm run ${kind} -- <name> [args]   (names: ${names.join(", ")})`);
  process.exit(2);
}
const r = spawnSync(process.execPath, ["--import", "tsx", file, ...rest], { stdio: "inherit" });
process.exit(r.status ?? 1);
