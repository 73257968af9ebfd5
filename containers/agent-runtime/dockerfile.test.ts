/**
 * Static checks of the agent-runtime image (no Docker engine here): pinned bases, a non-root
 * user, nothing written outside /tmp (so the root can be mounted read-only), the same entry as
 * the local program and the port the platform's container transport dials.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

const here = import.meta.dirname;
const root = join(here, "..", "..");
const dockerfile = readFileSync(join(here, "Dockerfile"), "utf8");

interface Instruction {
  op: string;
  args: string;
}

/** Instructions per stage (comments dropped, continuation lines joined). */
function stages(text: string): Instruction[][] {
  const out: Instruction[][] = [];
  const lines = text.replace(/\\\n/g, " ").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  for (const line of lines) {
    const [, op = "", args = ""] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (op.toUpperCase() === "FROM") out.push([]);
    out.at(-1)?.push({ op: op.toUpperCase(), args });
  }
  return out;
}

const all = stages(dockerfile);
const build = all[0]!;
const final = all.at(-1)!;
const argsOf = (stage: Instruction[], op: string) => stage.filter((i) => i.op === op).map((i) => i.args);
const envOf = (stage: Instruction[]) => Object.fromEntries(argsOf(stage, "ENV").flatMap((a) => a.split(/\s+/).map((kv) => kv.split("=") as [string, string])));

/** Local modules an entry imports, transitively (relative imports only). */
function localModules(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const source = readFileSync(entry, "utf8");
  for (const m of source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+"(\.[^"]+)"/gm)) {
    const file = join(dirname(entry), m[1]!.endsWith(".ts") ? m[1]! : `${m[1]}.ts`);
    localModules(file, seen);
  }
  return seen;
}

describe("agent-runtime Dockerfile", () => {
  it("pins every base image to an exact release", () => {
    const bases = all.map((s) => s[0]!.args.split(/\s+/)[0]!);
    expect(bases.length).toBeGreaterThanOrEqual(2);
    for (const base of bases) expect(base).toMatch(/^[a-z0-9./-]+:\d+\.\d+\.\d+(-[a-z0-9.-]+)?(@sha256:[a-f0-9]{64})?$/);
    expect(new Set(bases).size).toBe(1); // the builder and the runtime use the same Node
    for (const s of all) for (const run of argsOf(s, "RUN")) for (const pkg of run.matchAll(/npm install[^&]*?\s([@a-z0-9/-]+)@(\S+)/g)) expect(pkg[2]).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("runs as a non-root user, set after the last step that writes to the image", () => {
    const users = argsOf(final, "USER");
    expect(users.length).toBe(1);
    expect(users[0]).not.toMatch(/^(root|0)(:|$)/);
    const lastUser = final.findLastIndex((i) => i.op === "USER");
    expect(final.slice(lastUser).some((i) => i.op === "RUN" || i.op === "COPY" || i.op === "ADD")).toBe(false);
  });

  it("writes only to /tmp, so the root filesystem may be read-only", () => {
    expect(envOf(final).TMPDIR).toBe("/tmp");
    expect(argsOf(final, "VOLUME")).toEqual([]);
    // The program's own writes go through the temp dir (mkdtemp under tmpdir()), never its install dir.
    const run = readFileSync(join(here, "run.ts"), "utf8");
    expect(run).toMatch(/mkdtempSync\(join\(opts\.workRoot \?\? tmpdir\(\)/);
    expect(readFileSync(join(here, "main.ts"), "utf8")).not.toMatch(/workRoot/);
  });

  it("bundles the same entry as the local program, with every module it imports, and runs it", () => {
    const spawn = readFileSync(join(here, "spawn.ts"), "utf8");
    expect(spawn).toMatch(/join\(import\.meta\.dirname, "main\.ts"\)/); // the local process's entry
    const esbuild = argsOf(build, "RUN").find((r) => r.startsWith("esbuild "))!;
    expect(esbuild).toMatch(/^esbuild main\.ts .*--platform=node/);
    const outfile = /--outfile=(\S+)/.exec(esbuild)![1]!;
    const copied = argsOf(build, "COPY").flatMap((c) => c.split(/\s+/).slice(0, -1));
    const needed = [...localModules(join(here, "main.ts"))].map((f) => f.slice(here.length + 1));
    expect(needed).toContain("server.ts");
    for (const file of needed) expect(copied).toContain(file);
    const [from, to] = argsOf(final, "COPY").find((c) => c.startsWith("--from=build"))!.split(/\s+/).slice(1);
    expect(from).toBe(outfile);
    const cmd = JSON.parse(argsOf(final, "CMD")[0]!) as string[];
    expect(cmd.join(" ")).toMatch(new RegExp(`exec node ${to!.replace(/[.]/g, "\\.")}$`));
    expect(cmd.join(" ")).toMatch(/ulimit -u 50/);
  });

  it("exposes the port the program listens on and the platform dials", () => {
    const exposed = argsOf(final, "EXPOSE").map(Number);
    const env = envOf(final);
    expect(exposed).toEqual([Number(env.PORT)]);
    expect(env.HOST).toBe("0.0.0.0");
    expect(readFileSync(join(here, "main.ts"), "utf8")).toMatch(/port: Number\(process\.env\.PORT/);
    const transport = readFileSync(join(root, "workers/engine/marketplace/run-transport.ts"), "utf8");
    expect(Number(/export const CONTAINER_PORT = (\d+);/.exec(transport)?.[1])).toBe(exposed[0]);
    const container = readFileSync(join(root, "durable-objects/execution-room/agent-container.ts"), "utf8");
    expect(container).toMatch(/defaultPort = CONTAINER_PORT/);
    expect(container).toMatch(/enableInternet = false/);
  });

  it("is the image the container class runs (wrangler.toml)", () => {
    const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
    const block = /\[\[containers\]\]([\s\S]*?)(\n\[|$)/.exec(toml)?.[1] ?? "";
    expect(block).toMatch(/class_name = "AgentContainer"/);
    expect(block).toMatch(/image = "registry\.cloudflare\.com\/frameos-agent-runtime:\d+"/);
    expect(toml).toMatch(/\[dev\]\s*\n(#.*\n)*enable_containers = false/);
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
    const tag = /frameos-agent-runtime:(\d+)/.exec(block)![1];
    expect(pkg.scripts.deploy).toContain(`containers build -p -t frameos-agent-runtime:${tag} containers/agent-runtime`);
  });
});
