/**
 * Starts the whole platform locally on workerd: applies D1 migrations, bootstraps the first
 * admin on a fresh state folder, and runs `wrangler dev`. Used by `npm start` and the e2e tests.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { hashPassword } from "../lib/auth/password";
import { newId, newPassword, newSecret, sha256Hex } from "../lib/auth/secrets";
import { spawnRuntime } from "../containers/agent-runtime/spawn";
import { freePort } from "./lib/measure";

export const ROOT = resolve(import.meta.dirname, "..");
const WRANGLER = join(ROOT, "node_modules", ".bin", "wrangler");
export const ADMIN_EMAIL = "admin@frameos.local";

export interface Platform {
  url: string;
  /** Set only on the first start of a state folder: the password is not kept anywhere. */
  admin: { email: string; password: string };
  token: string;
  firstStart: boolean;
  stop(): Promise<void>;
}

export interface StartOptions {
  port?: number;
  persistDir: string;
  quiet?: boolean;
  /** Port of the local agent-runtime process (default: any free port); Workers reach it through RUNTIME_URL. */
  runtimePort?: number;
}

function wrangler(args: string[], quiet = true): string {
  const r = spawnSync(WRANGLER, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
  if (r.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  if (!quiet) process.stdout.write(r.stdout);
  return r.stdout;
}

function d1(persistDir: string, sqlOrFile: { command: string } | { file: string }): unknown[] {
  const source = "command" in sqlOrFile ? ["--command", sqlOrFile.command] : ["--file", sqlOrFile.file];
  const out = wrangler(["d1", "execute", "DB", "--local", "--persist-to", persistDir, "--json", ...source]);
  const parsed = JSON.parse(out.slice(out.indexOf("["))) as { results: unknown[] }[];
  return parsed.flatMap((r) => r.results);
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Creates the admin identity, a default workspace and an admin token when the database has no identity yet. */
export async function bootstrap(persistDir: string): Promise<{ firstStart: boolean; password: string; token: string }> {
  const [row] = d1(persistDir, { command: "SELECT count(*) AS n FROM identities" }) as { n: number }[];
  if (row && row.n > 0) return { firstStart: false, password: "", token: "" };
  const password = newPassword();
  const token = newSecret("fos");
  const admin = newId("idn");
  const ws = newId("ws");
  const sql = [
    `INSERT INTO identities (id, name, email, type, password_hash) VALUES (${q(admin)}, 'Admin', ${q(ADMIN_EMAIL)}, 'human', ${q(await hashPassword(password))});`,
    `INSERT INTO workspaces (id, name, created_by) VALUES (${q(ws)}, 'Default', ${q(admin)});`,
    `INSERT INTO memberships (workspace_id, identity_id, role) VALUES (${q(ws)}, ${q(admin)}, 'owner');`,
    `INSERT INTO api_tokens (id, name, token_hash, prefix, identity_id, workspace_id, scopes, created_by) VALUES (${q(newId("tok"))}, 'bootstrap', ${q(await sha256Hex(token))}, ${q(token.slice(0, 10))}, ${q(admin)}, ${q(ws)}, '["admin","read","write"]', ${q(admin)});`,
    `INSERT INTO audit_log (actor_type, workspace_id, action, target, request_id) VALUES ('system', ${q(ws)}, 'platform.bootstrap', ${q(admin)}, 'bootstrap');`,
  ].join("\n");
  mkdirSync(persistDir, { recursive: true });
  const file = join(persistDir, "bootstrap.sql");
  writeFileSync(file, sql);
  d1(persistDir, { file });
  writeFileSync(file, "-- applied\n");
  return { firstStart: true, password, token };
}

async function waitUntilUp(url: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/openapi.json`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`wrangler dev did not answer at ${url} within ${timeoutMs} ms`);
}

/** Installs every first-party plugin (folders of plugins/) into the bootstrap token's workspace. */
async function installFirstParty(url: string, token: string): Promise<void> {
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const me = (await (await fetch(`${url}/api/auth/whoami`, { headers })).json()) as { workspace: { id: string } };
  const names = readdirSync(join(ROOT, "plugins"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const name of names) {
    const res = await fetch(`${url}/api/w/${me.workspace.id}/plugins`, { method: "POST", headers, body: JSON.stringify({ name }) });
    if (res.status !== 201) throw new Error(`installing ${name} failed: ${res.status} ${await res.text()}`);
  }
}

/**
 * wrangler dev asks for Cloudflare credentials whenever wrangler.toml names a registry image in
 * `[[containers]]` (to pull it), even with `dev.enable_containers = false`. Locally agents run on
 * the runtime process, nothing is pulled and nothing reaches Cloudflare: placeholders do, unless
 * real ones are set.
 */
function localCloudflareAuth(): Record<string, string> {
  if (process.env.CLOUDFLARE_API_TOKEN) return {};
  return { CLOUDFLARE_API_TOKEN: "local-dev-no-cloudflare", CLOUDFLARE_ACCOUNT_ID: process.env.CLOUDFLARE_ACCOUNT_ID ?? "0".repeat(32) };
}

/** Migrates, bootstraps and serves the platform; resolves once it answers HTTP. */
export async function startPlatform({ port = 8787, persistDir, quiet = false, runtimePort = 0 }: StartOptions): Promise<Platform> {
  const dir = resolve(ROOT, persistDir);
  wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", dir], quiet);
  const boot = await bootstrap(dir);
  // The container engine's local stand-in: the agent-runtime program as a process (stopped with the platform).
  const runtime = await spawnRuntime({ port: runtimePort, verbose: !quiet });
  const devArgs = ["dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", dir, "--show-interactive-dev-session=false"];
  const child = spawn(WRANGLER, [...devArgs, "--var", `RUNTIME_URL:${runtime.url}`], {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", ...localCloudflareAuth() },
    stdio: ["ignore", quiet ? "ignore" : "inherit", quiet ? "ignore" : "inherit"],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await runtime.stop();
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((r) => child.once("exit", r));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
  };
  try {
    await waitUntilUp(url, child);
  } catch (err) {
    await stop();
    throw err;
  }
  if (boot.firstStart) {
    try {
      await installFirstParty(url, boot.token);
    } catch (err) {
      await stop();
      throw err;
    }
  }
  return { url, admin: { email: ADMIN_EMAIL, password: boot.password }, token: boot.token, firstStart: boot.firstStart, stop };
}

/**
 * The platform on a new temporary state folder and a free port, for the browser tests and the
 * benches; `stop()` also deletes the folder. On a busy machine wrangler dev can miss its start
 * deadline, so a failed start is tried once more on a new port and folder (the admin password
 * exists only on a first start).
 */
export async function startFresh(label: string, quiet = true): Promise<Platform> {
  for (let attempt = 1; ; attempt++) {
    const persistDir = mkdtempSync(join(tmpdir(), `frameos-${label}-`));
    const port = await freePort();
    console.log(`${label}: starting the platform on port ${port} (state in ${persistDir})…`);
    try {
      const platform = await startPlatform({ port, persistDir, quiet });
      return {
        ...platform,
        stop: async () => {
          await platform.stop();
          rmSync(persistDir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      rmSync(persistDir, { recursive: true, force: true });
      if (attempt >= 2) throw error;
      console.warn(`${label}: the platform did not start (${error instanceof Error ? error.message : String(error)}); retrying once`);
    }
  }
}
