import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExitLine, LogLine, RunEvent, RunRequest } from "./protocol";
import { spawnRuntime, type LocalRuntime } from "./spawn";

const CAP = 64 * 1024;
let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await spawnRuntime({ outputCapBytes: CAP });
}, 30_000);
afterAll(() => runtime?.stop());

const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64");
let n = 0;

function request(code: string, over: Partial<RunRequest> = {}): RunRequest {
  return {
    execution_id: `exe_test_${Date.now()}_${n++}`, code: b64(code), code_format: "js", entry: "index.js",
    inputs: { name: "Ada" }, config: { greeting: "Hello" }, timeout_ms: 10_000, memory_mb: 128, ...over,
  };
}

async function run(body: RunRequest, onLine?: (line: LogLine) => void): Promise<{ lines: LogLine[]; exit: ExitLine }> {
  const res = await fetch(`${runtime.url}/run`, { method: "POST", body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  const text = res.body!.pipeThrough(new TextDecoderStream());
  const lines: LogLine[] = [];
  let exit: ExitLine | undefined;
  let buf = "";
  for await (const chunk of text) {
    buf += chunk;
    let nl: number;
    while ((nl = buf.indexOf("\n")) !== -1) {
      const event = JSON.parse(buf.slice(0, nl)) as RunEvent;
      buf = buf.slice(nl + 1);
      if (event.type === "exit") exit = event;
      else {
        lines.push(event);
        onLine?.(event);
      }
    }
  }
  if (!exit) throw new Error("no exit line");
  return { lines, exit };
}

describe("agent-runtime contract", () => {
  it("answers its health check", async () => {
    const res = await fetch(`${runtime.url}/health`);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it("runs an agent with inputs from env and stdin and returns its last stdout line as output", async () => {
    const code = `
      let stdin = ""; process.stdin.on("data", (c) => (stdin += c));
      process.stdin.on("end", () => {
        const env = JSON.parse(process.env.FRAMEOS_INPUTS); const config = JSON.parse(process.env.FRAMEOS_CONFIG);
        console.error("working");
        console.log("log line");
        console.log(JSON.stringify({ greeting: config.greeting + " " + env.name, same: JSON.parse(stdin).name === env.name }));
      });`;
    const { lines, exit } = await run(request(code));
    expect(exit).toMatchObject({ exit_code: 0, signal: null, timed_out: false, error: null, output: { greeting: "Hello Ada", same: true } });
    expect(lines.map((l) => [l.type, l.data])).toContainEqual(["stderr", "working"]);
    expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i + 1));
    expect(exit.duration_ms).toBeGreaterThan(0);
  });

  it("prefers /tmp/output.json written by the agent", async () => {
    const code = `require("fs").writeFileSync(process.env.TMPDIR + "/output.json", JSON.stringify({ from: "file" })); console.log("not json");`;
    expect((await run(request(code))).exit.output).toEqual({ from: "file" });
  });

  it("reports a failing agent's exit code and stderr", async () => {
    const { lines, exit } = await run(request(`console.error("boom"); process.exit(3);`));
    expect(exit).toMatchObject({ exit_code: 3, timed_out: false, output: null });
    expect(lines).toContainEqual(expect.objectContaining({ type: "stderr", data: "boom" }));
  });

  it("kills an agent that runs past its timeout", async () => {
    const { exit } = await run(request(`console.log("start"); setInterval(() => {}, 1000);`, { timeout_ms: 500 }));
    expect(exit).toMatchObject({ timed_out: true, signal: "SIGKILL", exit_code: null });
    expect(exit.duration_ms).toBeGreaterThanOrEqual(450);
  });

  it("stops an agent that outgrows its heap cap", async () => {
    const code = `const keep = []; for (;;) keep.push(new Array(1e5).fill({ x: Math.random() }));`;
    const { exit } = await run(request(code, { memory_mb: 32 }));
    expect(exit.timed_out).toBe(false);
    expect(exit.exit_code === 0).toBe(false);
    expect(exit.signal ?? String(exit.exit_code)).toMatch(/SIGABRT|SIGTRAP|134|133/);
  }, 20_000);

  it("caps stdout and marks the truncation, keeping the last line for the output", async () => {
    const code = `const row = "x".repeat(1000); for (let i = 0; i < 200; i++) console.log(row); console.log(JSON.stringify({ done: true }));`;
    const { lines, exit } = await run(request(code));
    const bytes = lines.filter((l) => l.type === "stdout").reduce((s, l) => s + l.data.length + 1, 0);
    expect(bytes).toBeLessThanOrEqual(CAP);
    expect(exit.truncated).toEqual({ stdout: true, stderr: false });
    expect(exit.output).toEqual({ done: true });
  });

  it("denies writes outside the temp directory", async () => {
    const target = join(tmpdir(), `frameos-escape-${Date.now()}`);
    const code = `try { require("fs").writeFileSync(${JSON.stringify(target)}, "x"); console.log("wrote"); } catch (e) { console.log(JSON.stringify({ code: e.code })); }`;
    expect((await run(request(code))).exit.output).toEqual({ code: "ERR_ACCESS_DENIED" });
    expect(() => readFileSync(target)).toThrow();
  });

  it("denies spawning a child process, worker threads and reads of other files", async () => {
    const code = `
      const tryIt = (f) => { try { f(); return "allowed"; } catch (e) { return e.code ?? e.name; } };
      console.log(JSON.stringify({
        child: tryIt(() => require("child_process").execSync("echo hi")),
        worker: tryIt(() => new (require("worker_threads").Worker)("1", { eval: true })),
        read: tryIt(() => require("fs").readFileSync("/etc/hostname")),
        evalString: tryIt(() => eval("1 + 1")),
      }));`;
    expect((await run(request(code))).exit.output).toEqual({
      child: "ERR_ACCESS_DENIED", worker: "ERR_ACCESS_DENIED", read: "ERR_ACCESS_DENIED", evalString: "EvalError",
    });
  });

  it("runs a tar.gz bundle with modules and nested files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bundle-"));
    try {
      mkdirSync(join(dir, "lib"));
      writeFileSync(join(dir, "lib", "greet.js"), `module.exports = (n) => "hi " + n;`);
      writeFileSync(join(dir, "main.js"), `const g = require("./lib/greet"); console.log(JSON.stringify({ text: g(JSON.parse(process.env.FRAMEOS_INPUTS).name) }));`);
      const gz = execFileSync("tar", ["-czf", "-", "-C", dir, "main.js", "lib"]);
      const { exit } = await run(request("", { code: gz.toString("base64"), code_format: "tar.gz", entry: "main.js" }));
      expect(exit).toMatchObject({ exit_code: 0, output: { text: "hi Ada" } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a bundle with a path that leaves its directory, without running anything", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bundle-"));
    try {
      writeFileSync(join(dir, "main.js"), `console.log("ran")`);
      const gz = execFileSync("tar", ["-czf", "-", "-C", dir, "--transform", "s,^,../,", "main.js"]);
      const { lines, exit } = await run(request("", { code: gz.toString("base64"), code_format: "tar.gz", entry: "main.js" }));
      expect(lines).toEqual([]);
      expect(exit.error).toMatch(/leaves the bundle/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("kills a run on DELETE /run/:id", async () => {
    const body = request(`console.log("ready"); setInterval(() => {}, 1000);`);
    const result = run(body, (line) => {
      if (line.data === "ready") void fetch(`${runtime.url}/run/${body.execution_id}`, { method: "DELETE" });
    });
    const { exit } = await result;
    expect(exit).toMatchObject({ cancelled: true, signal: "SIGKILL", timed_out: false });
    expect((await fetch(`${runtime.url}/run/${body.execution_id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("rejects a bad request with the platform's error shape", async () => {
    const res = await fetch(`${runtime.url}/run`, { method: "POST", body: JSON.stringify({ execution_id: "x" }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_request" } });
  });
});
