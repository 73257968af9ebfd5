// `npm run bench -- dispatch [--nodes 1000] [--rtt 300] [--commands 2000] [--clients 100,1000] [--rounds 30]`
// Proof of issue 4 (plugin rooms): Graphist on a 1,000-node graph against a minimal Cloudflare Agents
// SDK agent holding the same graph in this.setState (scripts/bench/agents-peer), in one run, both
// under `wrangler dev` on loopback with fresh temporary persist dirs.
//
// What each figure is:
// - dispatch p50/p99: sequential round trips of one move_node (HTTP POST, reply read), no listeners,
//   after a warm-up. Ours: POST /api/w/:ws/dispatch. Agents: POST /agents/graph-agent/main?op=move.
// - commands/s: --concurrency clients each posting one move_node at a time until --commands are done.
// - bytes/event: the payload of each WebSocket message that carries a change (our `state` event,
//   the SDK's `cf_agent_state` frame), against the full state's JSON size.
// - delivery p50/p99: for each of --rounds sequential moves, the time from sending the request to
//   each client's receipt of the frame for that change (clients × rounds samples). Our clients follow
//   graphist:main on GET /api/w/:ws/ws; the SDK's connect to the agent. No permessage-deflate on
//   either side (the client does not offer it). "reply" is the move's own round trip meanwhile.
// - the graph is built with add_node commands (and --edges connects); the agent is loaded with the
//   resulting Graphist state, so both hold the same JSON.
// The WebSocket client is a small RFC 6455 reader over node:http so that a thousand of them cost
// little and nothing is parsed beyond what tells the change apart. The clients share the machine
// with both servers: on loopback every figure includes this process reading what it receives.
// Both servers run from a snapshot of HEAD in a temp dir (wrangler dev reloads on any edit of the
// working tree) with a private dev registry; options: --tree, --verbose, --edges N, --*-seconds.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { openClient, type Client } from "./lib/ws-client";
import { freePort, percentile as pct } from "../lib/measure";

const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const NODES = Number(opt("--nodes", "1000"));
const RTT_SAMPLES = Number(opt("--rtt", "300"));
const WARMUP = Number(opt("--warmup", "50"));
const COMMANDS = Number(opt("--commands", "2000"));
const CONCURRENCY = Number(opt("--concurrency", "8"));
const CLIENT_COUNTS = opt("--clients", "100,1000").split(",").map(Number);
const ROUNDS = Number(opt("--rounds", "30"));
/** Edges of the graph: a chain n1-n2-...; each connect costs a dispatch on the whole graph. */
const EDGES = Number(opt("--edges", "0"));
/** Every phase stops at its count or at its time limit (seconds), whichever comes first. */
const RTT_LIMIT_MS = Number(opt("--rtt-seconds", "60")) * 1000;
const THROUGHPUT_LIMIT_MS = Number(opt("--throughput-seconds", "20")) * 1000;
const OPEN_LIMIT_MS = 60_000;
const SETUP_LIMIT_MS = 600_000;
const ROUNDS_LIMIT_MS = Number(opt("--rounds-seconds", "90")) * 1000;
const ROUND_LIMIT_MS = 20_000;
const OPEN_CONCURRENCY = 25;
/** Run the working tree itself rather than a snapshot of HEAD (wrangler dev restarts on every edit). */
const LIVE_TREE = args.includes("--tree");
/** Show both servers' logs. */
const VERBOSE = args.includes("--verbose");
const ROOT = resolve(import.meta.dirname, "..", "..");
const AGENT_PATH = "/agents/graph-agent/main";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// ---------------------------------------------------------------- small helpers

const now = () => performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const rnd = (n: number) => Math.floor(Math.random() * n);



/** Requests `wrangler dev` answered with "Your worker restarted mid-request" (then retried). */
let restarts = 0;

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Json }> {
  let res: Response | undefined;
  let text = "";
  for (let attempt = 0; attempt < 4; attempt++) {
    res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
    text = await res.text();
    if (res.status !== 503 || !text.startsWith("Your worker restarted")) break;
    restarts++;
    await sleep(2000);
  }
  if (!res) throw new Error(`no answer from ${url}`);
  try {
    return { status: res.status, json: JSON.parse(text) as Json };
  } catch {
    throw new Error(`${url} answered ${res.status} with non-JSON: ${text.slice(0, 200)}`);
  }
}

async function getJson(url: string, headers: Record<string, string> = {}): Promise<Json> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(60_000) });
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return (await res.json()) as Json;
}

const field = (v: Json | undefined, key: string): Json | undefined => (v && typeof v === "object" && !Array.isArray(v) ? v[key] : undefined);

// ---------------------------------------------------------------- the two systems

/** What the phases need from a system: one move, and how its clients connect and read a change. */
interface System {
  name: string;
  /** Moves one node; resolves with the change number its clients will see, after the reply is read. */
  move(id: string, x: number, y: number): Promise<number>;
  /** The change number clients have seen last (before the next move). */
  current(): Promise<number>;
  wsUrl: string;
  wsHeaders: Record<string, string>;
  /** The change number a frame carries, or undefined when the frame is not a state change. */
  changeOf(payload: Buffer): number | undefined;
}

function ours(url: string, token: string, ws: string): System {
  const auth = { authorization: `Bearer ${token}` };
  return {
    name: "FrameOS",
    async move(id, x, y) {
      const r = await postJson(`${url}/api/w/${ws}/dispatch`, { commands: [{ plugin: "graphist", instance: "main", command: "move_node", params: { id, x, y } }] }, auth);
      const v = field(field(r.json, "versions"), "graphist:main");
      if (r.status !== 200 || typeof v !== "number") throw new Error(`dispatch failed: ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
      return v;
    },
    async current() {
      return Number(field(await getJson(`${url}/api/w/${ws}/p/graphist/state`, auth), "version"));
    },
    wsUrl: `${url.replace("http", "ws")}/api/w/${ws}/ws?rooms=graphist:main`,
    wsHeaders: auth,
    changeOf(payload) {
      const event = JSON.parse(payload.toString("utf8")) as Json;
      return field(event, "type") === "state" && field(event, "room") === "graphist:main" ? Number(field(event, "version")) : undefined;
    },
  };
}

function agents(url: string): System {
  // A broadcast is {"state":{"rev":N,...},"type":"cf_agent_state"}; the connect frame puts "type" first.
  const rev = /^\{(?:"type":"cf_agent_state",)?"state":\{"rev":(\d+)/;
  return {
    name: "Agents SDK",
    async move(id, x, y) {
      const r = await postJson(`${url}${AGENT_PATH}?op=move`, { id, x, y });
      const v = field(r.json, "rev");
      if (r.status !== 200 || typeof v !== "number") throw new Error(`agent move failed: ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
      return v;
    },
    async current() {
      return Number(field(await getJson(`${url}${AGENT_PATH}`), "rev"));
    },
    wsUrl: `${url.replace("http", "ws")}${AGENT_PATH}`,
    wsHeaders: {},
    changeOf(payload) {
      const m = rev.exec(payload.subarray(0, 80).toString("latin1"));
      return m ? Number(m[1]) : undefined;
    },
  };
}

// ---------------------------------------------------------------- phases

async function measureRtt(sys: System, ids: readonly string[]): Promise<number[]> {
  const deadline = now() + RTT_LIMIT_MS;
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + RTT_SAMPLES && now() < deadline; i++) {
    const [t0, seen] = [now(), restarts];
    await sys.move(ids[rnd(ids.length)]!, rnd(2000), rnd(2000));
    if (i >= WARMUP && restarts === seen) samples.push(now() - t0);
  }
  return samples;
}

interface Throughput {
  perSecond: number;
  done: number;
  failed: number;
}

async function measureThroughput(sys: System, ids: readonly string[]): Promise<Throughput> {
  const deadline = now() + THROUGHPUT_LIMIT_MS;
  let issued = 0;
  let done = 0;
  let failed = 0;
  const t0 = now();
  const worker = async () => {
    while (issued < COMMANDS && now() < deadline) {
      issued++;
      try {
        await sys.move(ids[rnd(ids.length)]!, rnd(2000), rnd(2000));
        done++;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { perSecond: done / ((now() - t0) / 1000), done, failed };
}

interface Fanout {
  wanted: number;
  opened: number;
  openError: string | undefined;
  openMs: number;
  rounds: number;
  latencies: number[];
  replies: number[];
  bytes: number[];
  lost: number;
}

async function measureFanout(sys: System, ids: readonly string[], count: number): Promise<Fanout> {
  const out: Fanout = { wanted: count, opened: 0, openError: undefined, openMs: 0, rounds: 0, latencies: [], replies: [], bytes: [], lost: 0 };
  const clients: Client[] = [];
  const seen: number[] = [];
  let expected = Number.POSITIVE_INFINITY;
  let t0 = 0;
  let got = 0;
  let recording = false;
  let lastFrameAt = now();
  let roundDone: (() => void) | undefined;
  const onText = (i: number) => (payload: Buffer) => {
    lastFrameAt = now();
    const change = sys.changeOf(payload);
    if (change === undefined) return;
    if (change >= expected && seen[i]! < expected) {
      got++;
      if (recording) {
        out.latencies.push(lastFrameAt - t0);
        out.bytes.push(payload.length);
      }
      if (got === clients.length) roundDone?.();
    }
    seen[i] = Math.max(seen[i]!, change);
  };
  try {
    const openStart = now();
    const openDeadline = openStart + OPEN_LIMIT_MS;
    let next = 0;
    const opener = async () => {
      while (next < count && out.openError === undefined && now() < openDeadline) {
        const i = next++;
        seen[i] = -1;
        try {
          clients[i] = await openClient(sys.wsUrl, sys.wsHeaders, onText(i));
        } catch (err) {
          out.openError ??= `client ${i + 1}: ${err instanceof Error ? err.message : String(err)}`;
        }
      }
    };
    await Promise.all(Array.from({ length: OPEN_CONCURRENCY }, opener));
    out.openMs = now() - openStart;
    const open = clients.filter((c): c is Client => c !== undefined);
    out.opened = open.length;
    if (open.length < count) {
      // Measure with the clients that did open: compact the arrays to them.
      const keep = clients.map((c, i) => (c ? i : -1)).filter((i) => i >= 0);
      clients.splice(0, clients.length, ...keep.map((i) => clients[i]!));
    }
    // Let connect-time frames (the SDK sends the whole state to each new client) drain first.
    const settleDeadline = now() + 30_000;
    while (now() - lastFrameAt < 500 && now() < settleDeadline) await sleep(100);
    let last = await sys.current();
    const deadline = now() + ROUNDS_LIMIT_MS;
    for (let r = 0; r < ROUNDS + 2 && now() < deadline; r++) {
      recording = r >= 2;
      got = 0;
      expected = last + 1;
      const all = new Promise<void>((resolve) => (roundDone = resolve));
      t0 = now();
      const reply = sys.move(ids[rnd(ids.length)]!, rnd(2000), rnd(2000)).then((v) => ({ v, ms: now() - t0 }));
      const timeout = sleep(ROUND_LIMIT_MS);
      await Promise.race([all, timeout]);
      const { v, ms } = await reply;
      last = v;
      if (!recording) continue;
      out.rounds++;
      out.replies.push(ms);
      out.lost += clients.length - got;
    }
  } finally {
    expected = Number.POSITIVE_INFINITY;
    for (const c of clients) c?.close();
    const closeDeadline = now() + 5_000;
    while (clients.some((c) => c && !c.socket.destroyed && !c.socket.closed) && now() < closeDeadline) await sleep(50);
    for (const c of clients) c?.socket.destroy();
  }
  return out;
}

// ---------------------------------------------------------------- servers and setup

interface Peer {
  url: string;
  stop(): Promise<void>;
}

/** Runs the Agents SDK peer under its own `wrangler dev`; `onSpawn` gets `stop` before it answers. */
async function startPeer(root: string, port: number, persistDir: string, onSpawn: (stop: () => Promise<void>) => void): Promise<Peer> {
  const wrangler = join(root, "node_modules", ".bin", "wrangler");
  const config = join(root, "scripts", "bench", "agents-peer", "wrangler.toml");
  const child = spawn(wrangler, ["dev", "-c", config, "--ip", "127.0.0.1", "--port", String(port), "--persist-to", persistDir, "--show-interactive-dev-session=false"], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    stdio: ["ignore", VERBOSE ? "inherit" : "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString("utf8")).slice(-4000);
    if (VERBOSE) process.stderr.write(d);
  });
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((r) => child.once("exit", r));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
    await Promise.race([exited, sleep(5000)]);
    if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
  };
  onSpawn(stop);
  const url = `http://127.0.0.1:${port}`;
  const deadline = now() + 90_000;
  while (now() < deadline) {
    if (child.exitCode !== null) throw new Error(`agents peer exited with code ${child.exitCode}:\n${stderr}`);
    try {
      if ((await fetch(`${url}${AGENT_PATH}`, { signal: AbortSignal.timeout(10_000) })).ok) return { url, stop };
    } catch {
      /* not listening yet */
    }
    await sleep(300);
  }
  throw new Error(`agents peer did not answer at ${url} within 90 s:\n${stderr}`);
}

/** Installs Graphist (if needed), builds the graph (nodes, then a ring of edges) and returns it. */
async function buildGraph(url: string, token: string): Promise<{ ws: string; ids: string[]; state: Json; version: number }> {
  const auth = { authorization: `Bearer ${token}` };
  const me = await getJson(`${url}/api/auth/whoami`, auth);
  const ws = String(field(field(me, "workspace"), "id"));
  const installed = await postJson(`${url}/api/w/${ws}/plugins`, { name: "graphist" }, auth);
  if (installed.status !== 201 && installed.status !== 409) throw new Error(`installing graphist: ${installed.status} ${JSON.stringify(installed.json)}`);
  const deadline = now() + SETUP_LIMIT_MS;
  const run = async (commands: { command: string; params: Json }[]) => {
    // Small batches: a request that keeps the isolate busy for many seconds makes wrangler dev reload.
    for (let i = 0; i < commands.length; i += 20) {
      if (now() > deadline) throw new Error(`building the graph took over ${SETUP_LIMIT_MS / 1000} s (machine busy?); try --nodes 500`);
      const batch = commands.slice(i, i + 20).map((c) => ({ plugin: "graphist", instance: "main", ...c }));
      const r = await postJson(`${url}/api/w/${ws}/dispatch`, { commands: batch }, auth);
      if (r.status !== 200) throw new Error(`building the graph: ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
    }
  };
  await run([{ command: "clear", params: {} }]);
  await run(Array.from({ length: NODES }, (_, i) => ({ command: "add_node", params: { x: (i % 40) * 50, y: Math.floor(i / 40) * 50, label: `Node ${i + 1}` } })));
  const got = await getJson(`${url}/api/w/${ws}/p/graphist/state`, auth);
  const nodes = field(field(got, "state"), "nodes");
  const ids = (Array.isArray(nodes) ? nodes : []).map((n) => String(field(n, "id")));
  await run(ids.slice(0, Math.min(EDGES, ids.length - 1)).map((id, i) => ({ command: "connect", params: { from: id, to: ids[i + 1]! } })));
  const full = await getJson(`${url}/api/w/${ws}/p/graphist/state`, auth);
  return { ws, ids, state: field(full, "state") ?? null, version: Number(field(full, "version")) };
}

// ---------------------------------------------------------------- report

interface Run {
  rtt: number[];
  throughput: Throughput;
  fullBytes: number;
  fanout: Fanout[];
}

async function runSystem(sys: System, ids: readonly string[], fullBytes: number): Promise<Run> {
  console.log(`[${sys.name}] dispatch round trip: ${WARMUP} warm-up + ${RTT_SAMPLES} sequential moves`);
  const rtt = await measureRtt(sys, ids);
  console.log(`[${sys.name}] throughput: ${COMMANDS} moves (or ${THROUGHPUT_LIMIT_MS / 1000} s) from ${CONCURRENCY} concurrent clients`);
  const throughput = await measureThroughput(sys, ids);
  const fanout: Fanout[] = [];
  for (const count of CLIENT_COUNTS) {
    console.log(`[${sys.name}] fanout: opening ${count} WebSocket clients, then 2 warm-up + ${ROUNDS} moves`);
    const f = await measureFanout(sys, ids, count);
    console.log(`[${sys.name}]   opened ${f.opened}/${count} in ${(f.openMs / 1000).toFixed(1)} s${f.openError ? ` (first failure: ${f.openError})` : ""}; ${f.rounds} rounds, ${f.lost} deliveries missing`);
    fanout.push(f);
  }
  return { rtt, throughput, fullBytes, fanout };
}

const ms = (v: number) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)} ms` : "n/a");
const kb = (v: number) => (Number.isFinite(v) ? (v >= 10_000 ? `${(v / 1000).toFixed(1)} kB` : `${Math.round(v)} B`) : "n/a");
const ratio = (x: number, y: number) => (x / y < 0.1 ? (x / y).toPrecision(2) : (x / y).toFixed(2));
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

function report(a: Run, b: Run): void {
  type Row = [label: string, ours: number, theirs: number, unit: (v: number) => string, better: "lower" | "higher"];
  const rows: Row[] = [
    ["dispatch p50", pct(a.rtt, 50), pct(b.rtt, 50), ms, "lower"],
    ["dispatch p99", pct(a.rtt, 99), pct(b.rtt, 99), ms, "lower"],
    ["commands/s (one room)", a.throughput.perSecond, b.throughput.perSecond, (v) => v.toFixed(v < 100 ? 1 : 0), "higher"],
    ["bytes per state event", mean(a.fanout.flatMap((f) => f.bytes)), mean(b.fanout.flatMap((f) => f.bytes)), kb, "lower"],
    ["full state size", a.fullBytes, b.fullBytes, kb, "lower"],
  ];
  CLIENT_COUNTS.forEach((count, i) => {
    const fa = a.fanout[i]!;
    const fb = b.fanout[i]!;
    const tag = fa.opened === count && fb.opened === count ? `${count}` : `${count} (opened ${fa.opened}/${fb.opened})`;
    rows.push([`delivery p50, ${tag} clients`, pct(fa.latencies, 50), pct(fb.latencies, 50), ms, "lower"]);
    rows.push([`delivery p99, ${tag} clients`, pct(fa.latencies, 99), pct(fb.latencies, 99), ms, "lower"]);
    rows.push([`move reply p50 during fanout, ${tag}`, pct(fa.replies, 50), pct(fb.replies, 50), ms, "lower"]);
  });
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log(`\nGraphist, ${NODES} nodes + ${EDGES} edges, one run, loopback wrangler dev (no permessage-deflate)\n`);
  console.log(`${"figure".padEnd(w)}  ${"FrameOS".padStart(10)}  ${"Agents SDK".padStart(10)}  ours/agents`);
  for (const [label, x, y, unit] of rows) {
    console.log(`${label.padEnd(w)}  ${unit(x).padStart(10)}  ${unit(y).padStart(10)}  ${ratio(x, y)}`);
  }
  console.log("");
  for (const [label, x, y, unit, better] of rows) {
    console.log(`${label}: ${unit(x)} (agents ${unit(y)}) ratio ${ratio(x, y)}${better === "higher" ? " (higher is better)" : ""}`);
  }
  const events = mean(a.fanout.flatMap((f) => f.bytes));
  console.log(`\nbytes per state event / full state: FrameOS ${(events / a.fullBytes).toFixed(4)}, Agents SDK ${(mean(b.fanout.flatMap((f) => f.bytes)) / b.fullBytes).toFixed(4)}`);
  for (const [name, r] of [["FrameOS", a], ["Agents SDK", b]] as const) {
    const t = r.throughput;
    const fan = r.fanout.map((f) => `${f.opened}/${f.wanted} clients: ${f.rounds} rounds, ${f.latencies.length} deliveries, ${f.lost} missing`).join("; ");
    console.log(`${name}: ${r.rtt.length} RTT samples; throughput ${t.done} done (limit ${COMMANDS} or ${THROUGHPUT_LIMIT_MS / 1000} s), ${t.failed} failed; ${fan}`);
  }
}

// ---------------------------------------------------------------- main

/**
 * A copy of HEAD (plus the current agents-peer folder and web/dist) to serve from: `wrangler dev`
 * reloads the Worker whenever a watched file changes, and other engineers edit the working tree
 * while this runs; a reload drops every WebSocket and fails requests in flight.
 */
function snapshot(tmp: string): { root: string; label: string } {
  if (LIVE_TREE) return { root: ROOT, label: "the working tree" };
  const root = join(tmp, "tree");
  mkdirSync(root);
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  const tar = execFileSync("git", ["archive", "--format=tar", "HEAD"], { cwd: ROOT, maxBuffer: 512 * 1024 * 1024 });
  execFileSync("tar", ["-x", "-C", root], { input: tar });
  const peer = join("scripts", "bench", "agents-peer");
  rmSync(join(root, peer), { recursive: true, force: true });
  cpSync(join(ROOT, peer), join(root, peer), { recursive: true });
  if (existsSync(join(ROOT, "web", "dist"))) cpSync(join(ROOT, "web", "dist"), join(root, "web", "dist"), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"));
  return { root, label: `a snapshot of HEAD ${commit} (pass --tree to serve the working tree)` };
}

async function main(): Promise<void> {
  const started = now();
  const loadAtStart = loadavg().map((l) => l.toFixed(1)).join(" ");
  const tmp = mkdtempSync(join(tmpdir(), "frameos-bench-dispatch-"));
  const stops: (() => Promise<void>)[] = [];
  // Started but maybe not up yet: a signal during startPlatform waits for it, then stops it.
  let platformUp: Promise<{ stop(): Promise<void> }> | undefined;
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= (async () => {
      const platform = platformUp?.then((p) => p.stop()).catch(() => undefined);
      await Promise.all([platform, ...stops.map((stop) => stop().catch(() => undefined))]);
      rmSync(tmp, { recursive: true, force: true });
    })());
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping both servers`);
    void stopAll().finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const [portOurs, portPeer] = [await freePort(), await freePort()];
    const tree = snapshot(tmp);
    // A private dev registry: other engineers' wrangler dev sessions must not reload ours.
    process.env["WRANGLER_REGISTRY_PATH"] = join(tmp, "registry");
    console.log(`serving ${tree.label}: FrameOS on :${portOurs}, the Agents SDK peer on :${portPeer}; temporary dirs under ${tmp}`);
    const { startPlatform } = (await import(pathToFileURL(join(tree.root, "scripts", "dev-server.ts")).href)) as typeof import("../dev-server");
    const peerUp = startPeer(tree.root, portPeer, join(tmp, "agents"), (stop) => stops.push(stop));
    peerUp.catch(() => undefined); // awaited below; a failure while the platform starts must not crash first
    const starting = startPlatform({ port: portOurs, persistDir: join(tmp, "frameos"), quiet: !VERBOSE });
    platformUp = starting;
    const platform = await starting;
    const peer = await peerUp;
    const graph = await buildGraph(platform.url, platform.token);
    const fullOurs = Buffer.byteLength(JSON.stringify(graph.state));
    const loaded = await postJson(`${peer.url}${AGENT_PATH}?op=load`, graph.state);
    if (loaded.status !== 200) throw new Error(`loading the agent: ${loaded.status} ${JSON.stringify(loaded.json)}`);
    const fullAgents = Number(field(loaded.json, "bytes"));
    console.log(`graph ready: ${graph.ids.length} nodes, version ${graph.version}, state ${kb(fullOurs)} (agent ${kb(fullAgents)}), setup ${((now() - started) / 1000).toFixed(1)} s`);

    const a = await runSystem(ours(platform.url, platform.token, graph.ws), graph.ids, fullOurs);
    const b = await runSystem(agents(peer.url), graph.ids, fullAgents);
    report(a, b);
    const load = loadavg().map((l) => l.toFixed(1)).join(" ");
  console.log(`\ntotal ${((now() - started) / 1000).toFixed(0)} s; wrangler dev reloads met (requests retried, RTT samples dropped): ${restarts}; load average at start ${loadAtStart}, at end ${load} on ${cpus().length} cores`);
  } finally {
    await stopAll();
  }
}

await main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
