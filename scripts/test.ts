/**
 * `npm test`: type-check, build, check the deploy bundle, then every test — unit tests in Node,
 * workerd tests through the vitest plugin, browser end-to-end tests — and print one closing line
 * `N passed, M failed` over all of them.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./dev-server";

const OUT = join(ROOT, ".tmp", "test");
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const failures: string[] = [];
let passed = 0;
let failed = 0;

function step(name: string, cmd: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
  if (r.status !== 0) failures.push(name);
  return r.status === 0;
}

/** Adds a vitest JSON report's counts to the totals. */
function count(report: string) {
  if (!existsSync(report)) return;
  const json = JSON.parse(readFileSync(report, "utf8")) as { numPassedTests: number; numFailedTests: number };
  passed += json.numPassedTests;
  failed += json.numFailedTests;
}

const bin = (name: string) => join(ROOT, "node_modules", ".bin", name);
for (const project of ["worker", "web", "node"]) step(`typecheck ${project}`, bin("tsc"), ["-p", `tsconfig.${project}.json`]);
step("build web", "npm", ["run", "build", "--silent"]);
step("deploy bundle (wrangler deploy --dry-run)", bin("wrangler"), ["deploy", "--dry-run", "--outdir", join(OUT, "bundle")], { WRANGLER_SEND_METRICS: "false" });

for (const project of ["unit", "workers"]) {
  const report = join(OUT, `${project}.json`);
  step(`tests: ${project}`, bin("vitest"), ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`]);
  count(report);
}
const e2eReport = join(OUT, "e2e.json");
step("tests: e2e (Chromium)", process.execPath, ["--import", "tsx", join(ROOT, "scripts", "e2e.ts")], { E2E_REPORT: e2eReport });
count(e2eReport);

console.log(failures.length ? `\nFailed steps: ${failures.join(", ")}` : "\nAll steps passed.");
console.log(`${passed} passed, ${failed} failed`);
process.exit(failures.length || failed ? 1 : 0);
