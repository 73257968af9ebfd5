/**
 * Browser end-to-end tests: build the web app, start the platform on a fresh state folder and
 * a free port, run `vitest --project e2e` against it, always stop it. Extra arguments go to vitest.
 *
 *   node --import tsx scripts/e2e.ts [vitest args]
 *
 * Without Chromium it prints a line starting `SKIPPED e2e:` and exits 0 (1 with REQUIRE_E2E=1).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { ROOT, startFresh } from "./dev-server";
import type { Platform } from "./dev-server";

const INSTALL_HINT = "install it with `apt-get install -y chromium` (or set CHROME_PATH to a Chrome/Chromium binary)";

/** CHROME_PATH, else the Debian/Ubuntu Chromium paths; null when none exists. */
function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string | null {
  const candidates = [env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  for (const candidate of candidates) if (candidate && exists(candidate)) return candidate;
  return null;
}


function runVitest(env: NodeJS.ProcessEnv, extraArgs: string[]): Promise<number> {
  return new Promise((resolveCode) => {
    // `npm test` asks for a JSON report (E2E_REPORT) to add these tests to its closing count.
    const report = process.env.E2E_REPORT ? ["--reporter=default", "--reporter=json", `--outputFile.json=${process.env.E2E_REPORT}`] : [];
    const child = spawn("npx", ["vitest", "run", "--project", "e2e", ...report, ...extraArgs], { cwd: ROOT, env, stdio: "inherit" });
    child.once("error", (error) => {
      console.error(`could not start vitest: ${error.message}`);
      resolveCode(1);
    });
    child.once("exit", (code, signal) => resolveCode(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  const chrome = findChromium();
  if (!chrome) {
    const required = process.env.REQUIRE_E2E === "1";
    console.log(`SKIPPED e2e: no Chromium found (CHROME_PATH, /usr/bin/chromium, /usr/bin/chromium-browser); ${INSTALL_HINT}`);
    if (required) console.error("REQUIRE_E2E=1: failing because the browser tests could not run.");
    return required ? 1 : 0;
  }

  console.log("e2e: building the web app…");
  const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (build.status !== 0) return build.status ?? 1;

  let platform: Platform | undefined;
  const cleanup = async () => {
    await platform?.stop();
    platform = undefined;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    void cleanup().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    platform = await startFresh("e2e", process.env.E2E_VERBOSE !== "1");
    console.log(`e2e: platform answers at ${platform.url}; Chromium at ${chrome}`);
    return await runVitest(
      {
        ...process.env,
        FRAMEOS_URL: platform.url,
        FRAMEOS_ADMIN_EMAIL: platform.admin.email,
        FRAMEOS_ADMIN_PASSWORD: platform.admin.password,
        FRAMEOS_TOKEN: platform.token,
        CHROME_PATH: chrome,
      },
      process.argv.slice(2),
    );
  } finally {
    await cleanup();
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`e2e: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return 1;
});
