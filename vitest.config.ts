import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { defineConfig, type Plugin } from "vitest/config";
import { freePort } from "./containers/agent-runtime/test-setup.ts";

// The workers project talks to the real agent-runtime program, started by its globalSetup on this port.
const runtimePort = Number(process.env.FRAMEOS_TEST_RUNTIME_PORT ?? (await freePort()));
process.env.FRAMEOS_TEST_RUNTIME_PORT = String(runtimePort);

/** Plugin handlers and styles are imported as text, as wrangler's Text rule does in the Worker bundle. */
const textFiles: Plugin = {
  name: "frameos-text-files",
  enforce: "pre",
  load(id) {
    if (/\/plugins\/[^/]+\/[^/]+\.(star|css)$/.test(id)) return `export default ${JSON.stringify(readFileSync(id, "utf8"))};`;
    return null;
  },
};

/** `.wasm` imports are compiled modules in Node too, as wrangler's CompiledWasm rule makes them in the Worker. */
const WASM_PREFIX = "\0frameos-wasm:";
const wasmModules: Plugin = {
  name: "frameos-wasm-modules",
  enforce: "pre",
  resolveId(source, importer) {
    if (!source.endsWith(".wasm")) return null;
    // Hex, so the id does not look like a node_modules path that vitest would hand to Node as is.
    return WASM_PREFIX + Buffer.from(createRequire(importer ?? import.meta.url).resolve(source)).toString("hex");
  },
  load(id) {
    if (!id.startsWith(WASM_PREFIX)) return null;
    return `import { readFileSync } from "node:fs";\nexport default new WebAssembly.Module(readFileSync(${JSON.stringify(Buffer.from(id.slice(WASM_PREFIX.length), "hex").toString())}));`;
  },
};

// Three projects: pure unit tests in Node, workerd tests through the Cloudflare plugin against
// real local bindings, and browser end-to-end tests (run by scripts/e2e.ts against a live server).
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [textFiles, wasmModules],
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "workers/**/*.node.test.ts", "cli/**/*.test.ts", "scripts/**/*.test.ts", "containers/**/*.test.ts", "web/src/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            main: "./workers/index.ts",
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: { TEST_MIGRATIONS: await readD1Migrations("./migrations"), RUNTIME_URL: `http://127.0.0.1:${runtimePort}` },
            },
          })),
        ],
        test: {
          name: "workers",
          // A guard against hangs, not a speed check: PBKDF2 and workerd start-up are slow on 2 busy cores.
          testTimeout: 30_000,
          include: ["workers/**/*.test.ts", "durable-objects/**/*.test.ts"],
          exclude: ["**/*.node.test.ts"],
          setupFiles: ["./workers/test/apply-migrations.ts"],
          globalSetup: ["./containers/agent-runtime/test-setup.ts"],
        },
      },
      {
        test: {
          name: "e2e",
          include: ["web/e2e/**/*.e2e.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
