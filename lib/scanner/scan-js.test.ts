import { describe, expect, it } from "vitest";
import { scanSource } from "./scan-js";

const rules = (src: string) => scanSource(src, "index.js").findings.map((f) => `${f.rule}:${f.severity}@${f.line}:${f.col}`);

describe("scanSource", () => {
  it("passes a clean agent (module and script)", () => {
    expect(rules(`import { parse } from "./lib.js";\nconst x = JSON.parse(process.env.AGENT_INPUTS);\nconsole.log(JSON.stringify({ ok: parse(x) }));`)).toEqual([]);
    expect(rules(`#!/usr/bin/env node\n"use strict";\nconst path = require("path");\nwith (Math) { console.log(max(1, 2)); }`)).toEqual([]);
  });

  it("flags child_process by import, require, node: prefix and dynamic import", () => {
    expect(rules(`import cp from "child_process";`)).toEqual(["child-process:critical@1:0"]);
    expect(rules(`const { spawn } = require('node:child_process');`)).toEqual(["child-process:critical@1:18"]);
    expect(rules(`await import("child_process");`)).toEqual(["child-process:critical@1:6"]);
    expect(rules("require(`worker_threads`)")).toEqual(["child-process:critical@1:0"]);
  });

  it("flags eval, direct, indirect and through the global object", () => {
    expect(rules(`eval("1+1");`)).toEqual(["code-eval:critical@1:0"]);
    expect(rules(`const e = eval; (0, e)("x");`)).toEqual(["code-eval:critical@1:10"]);
    expect(rules(`globalThis["eval"]("x");`)).toEqual(["code-eval:critical@1:0"]);
    expect(rules(`require("vm").runInNewContext("1");`)).toEqual(["code-eval:critical@1:0"]);
  });

  it("flags the Function constructor and .constructor calls", () => {
    expect(rules(`new Function("return 1")();`)).toEqual(["function-constructor:critical@1:4"]);
    expect(rules(`Function("a", "return a");`)).toEqual(["function-constructor:critical@1:0"]);
    expect(rules(`(() => {}).constructor("return this")();`)).toEqual(["function-constructor:critical@1:0"]);
  });

  it("flags dynamic require and import with computed specifiers", () => {
    expect(rules(`const m = "fs"; require(m);`)).toEqual(["dynamic-require:high@1:16"]);
    expect(rules(`require("child_" + "process");`)).toEqual(["dynamic-require:high@1:0"]);
    expect(rules("const n = 'x'; import(`./${n}.js`);")).toEqual(["dynamic-import:high@1:15"]);
  });

  it("flags file-system modules", () => {
    expect(rules(`import { readFileSync } from "fs";`)).toEqual(["fs-access:medium@1:0"]);
    expect(rules(`import fs from "node:fs/promises";`)).toEqual(["fs-access:medium@1:0"]);
    expect(rules(`const fs = require("fs/promises");`)).toEqual(["fs-access:medium@1:11"]);
  });

  it("flags network modules and networking packages", () => {
    for (const m of ["net", "http", "https", "dgram", "tls", "dns", "node:https", "axios"]) {
      expect(rules(`import x from "${m}";`)).toEqual(["network-module:high@1:0"]);
    }
    expect(rules(`export * from "http2";`)).toEqual(["network-module:high@1:0"]);
  });

  it("flags fetch and WebSocket, bare or through the global object, but not a property named fetch", () => {
    expect(rules(`await fetch("https://x.test");`)).toEqual(["network-global:high@1:6"]);
    expect(rules(`const ws = new WebSocket("wss://x");`)).toEqual(["network-global:high@1:15"]);
    expect(rules(`self.fetch("/");`)).toEqual(["network-global:high@1:0"]);
    expect(rules(`const api = { fetch() {} }; api.fetch(); const { fetch: f } = api;`)).toEqual([]);
  });

  it("flags Ethereum and bech32 Bitcoin addresses in literals and the raw source", () => {
    const eth = "0x52908400098527886E0F7030069857D2E4169EE7";
    expect(rules(`const to = "${eth}";`)).toEqual(["crypto-address-eth:high@1:12"]);
    expect(rules(`// send to ${eth}\n`)).toEqual(["crypto-address-eth:high@1:11"]);
    expect(rules(`const a = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";`)).toEqual(["crypto-address-btc:high@1:11"]);
    // Escaped in the source, visible in the value.
    expect(rules(`const a = "\\x62c1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";`)).toEqual(["crypto-address-btc:high@1:10"]);
    // A 64-hex digest is not an address.
    expect(rules(`const h = "0x${"ab".repeat(32)}";`)).toEqual([]);
  });

  it("reports code it cannot parse", () => {
    expect(rules(`function (`)).toEqual(["parse-error:high@1:9"]);
  });

  it("collects static imports for the dependency check", () => {
    expect(scanSource(`import a from "lodash/fp"; const b = require("zod");`, "x.js").imports).toEqual(["lodash/fp", "zod"]);
  });
});
