import type { RuleId, Severity } from "./findings";

interface ModuleRule {
  rule: RuleId;
  severity: Severity;
  what: string;
}

const CHILD_PROCESS: ModuleRule = { rule: "child-process", severity: "critical", what: "starts processes" };
const FS: ModuleRule = { rule: "fs-access", severity: "medium", what: "reads or writes files (the runtime allows only /tmp)" };
const NETWORK: ModuleRule = { rule: "network-module", severity: "high", what: "opens network connections (agents run without network)" };
const EVAL: ModuleRule = { rule: "code-eval", severity: "critical", what: "compiles code at run time" };

const MODULES: Readonly<Record<string, ModuleRule>> = {
  child_process: CHILD_PROCESS,
  worker_threads: CHILD_PROCESS,
  cluster: CHILD_PROCESS,
  fs: FS,
  "fs/promises": FS,
  net: NETWORK,
  http: NETWORK,
  https: NETWORK,
  http2: NETWORK,
  dgram: NETWORK,
  tls: NETWORK,
  dns: NETWORK,
  "dns/promises": NETWORK,
  vm: EVAL,
};

/** npm packages that open connections, flagged like the network modules. */
const NETWORK_PACKAGES = new Set(["axios", "node-fetch", "undici", "got", "request", "superagent", "ws", "socket.io-client", "cross-fetch", "isomorphic-fetch"]);

/** What importing `specifier` means, or null when it is harmless. `node:fs` is `fs`. */
export function moduleRule(specifier: string): ModuleRule | null {
  const name = specifier.startsWith("node:") ? specifier.slice(5) : specifier;
  const hit = MODULES[name];
  if (hit) return hit;
  const pkg = packageName(name);
  return pkg && NETWORK_PACKAGES.has(pkg) ? NETWORK : null;
}

/** Globals that reach the network. */
export const NETWORK_GLOBALS = new Set(["fetch", "WebSocket", "XMLHttpRequest", "EventSource", "WebSocketStream"]);
/** Names of the global object. */
export const GLOBAL_OBJECTS = new Set(["globalThis", "window", "self", "global"]);

const BUILTINS = new Set([
  "assert", "async_hooks", "buffer", "child_process", "cluster", "console", "constants", "crypto", "dgram", "diagnostics_channel",
  "dns", "domain", "events", "fs", "http", "http2", "https", "inspector", "module", "net", "os", "path", "perf_hooks", "process",
  "punycode", "querystring", "readline", "repl", "stream", "string_decoder", "timers", "tls", "trace_events", "tty", "url",
  "util", "v8", "vm", "wasi", "worker_threads", "zlib", "test", "sqlite", "sea",
]);

/** True for a Node built-in module (`fs`, `node:fs`, `fs/promises`, `stream/web`). */
export function isBuiltin(specifier: string): boolean {
  if (specifier.startsWith("node:")) return true;
  return BUILTINS.has(specifier.split("/")[0]!);
}

/** The npm package a bare specifier names (`@scope/pkg/sub` → `@scope/pkg`), or null for a relative or absolute path. */
export function packageName(specifier: string): string | null {
  if (/^(\.{0,2}\/|[a-z]+:)/i.test(specifier) && !specifier.startsWith("@")) return null;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? (parts.length >= 2 ? `${parts[0]}/${parts[1]}` : null) : parts[0]!;
}
