import { describe, expect, it } from "vitest";
import type { PluginFiles } from "./package.ts";
import { MAX_PLUGIN_FILE_BYTES, validatePlugin } from "./package.ts";

const manifest = {
  name: "counter",
  version: "0.1.0",
  title: "Counter",
  language: "starlark",
  state: { schema: { type: "object", properties: { n: { type: "integer", default: 0 } }, required: ["n"] } },
  commands: {
    add: { handler: "add", description: "Adds by to n.", params: { type: "object", properties: { by: { type: "integer" } }, required: ["by"] }, example: { by: 1 } },
  },
};

const good = (): PluginFiles => ({
  "plugin.json": JSON.stringify(manifest),
  "handlers.star": 'def add(state, params, ctx):\n    return {"state": {"n": state["n"] + params["by"]}}\n',
  "ui.json": JSON.stringify({
    type: "column",
    children: [
      { type: "text", props: { text: "n = ${state.n}" } },
      { type: "button", props: { label: "+1", command: "add", params: { by: 1 } } },
      { type: "button", props: { label: "pop", command: "pe.animate", params: { plugin: "counter", target: "x", animation: { enter: "pop" } } } },
    ],
  }),
  "bindings.json": JSON.stringify({ key_press: { key: "+", command: "counter.add", params: { by: 1 } } }),
  "styles.css": ".counter { font-weight: bold; }",
});

describe("validatePlugin", () => {
  it("loads a good package with its initial state and budgets", () => {
    const r = validatePlugin(good());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plugin.initialState).toEqual({ n: 0 });
    expect(r.plugin.manifest.name).toBe("counter");
    expect(r.plugin.budgets.steps).toBeGreaterThan(0);
    expect(r.plugin.ui.type).toBe("column");
    expect(r.plugin.bindings.key_press).toBeDefined();
    expect(r.plugin.styles).toBe(good()["styles.css"]);
  });

  it("reports every problem of a broken package at once, each with its file", () => {
    const files = good();
    const m = structuredClone(manifest) as Record<string, unknown> & typeof manifest;
    m.language = "python";
    (m.commands.add.params.properties as Record<string, unknown>).by = { type: "integer", $ref: "#/x" };
    files["plugin.json"] = JSON.stringify(m);
    files["ui.json"] = JSON.stringify({ type: "column", children: [{ type: "button", props: { lable: "x", command: "ad" } }] });
    files["bindings.json"] = JSON.stringify({ click: { command: "nope" }, swipe: {} });
    files["styles.css"] = '@import "https://x.test/a.css";\n.a { color: red }';
    files["handlers.star"] = "def add(state, params):\n    return {}\n";
    const r = validatePlugin(files);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "plugin.json: language",
        "plugin.json: commands.add.params.properties.by.$ref",
        "ui.json: children.0.props.lable",
        "ui.json: children.0.props.label",
        "ui.json: children.0.props.command",
        "bindings.json: swipe",
        "bindings.json: click.command",
        "styles.css:1:1",
        "handlers.star:1:1",
      ]),
    );
    expect(new Set(r.problems.map((p) => p.file)).size).toBe(5);
    expect(r.problems.find((p) => p.path === "ui.json: children.0.props.command")!.message).toContain('unknown command "ad"');
  });

  it("reports JSON syntax errors with a position and still checks the other files", () => {
    const files = good();
    files["ui.json"] = '{\n  "type": "column",\n  children: []\n}';
    files["styles.css"] = "@import 'a.css';";
    const r = validatePlugin(files);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]!.path).toMatch(/^ui\.json:3:\d+$/);
    expect(r.problems[0]!.message).toContain("invalid JSON");
    expect(r.problems.map((p) => p.file)).toEqual(["ui.json", "styles.css"]);
  });

  it("checks commands named by bindings and the ui even when the manifest is invalid", () => {
    const files = good();
    files["plugin.json"] = JSON.stringify({ ...manifest, version: "one" });
    files["bindings.json"] = JSON.stringify({ click: { command: "sub" } });
    const r = validatePlugin(files);
    expect(r.ok ? [] : r.problems.map((p) => p.path)).toEqual(["plugin.json: version", "bindings.json: click.command"]);
  });

  it("rejects missing handlers for commands but not for meta-commands", () => {
    const files = good();
    const m = structuredClone(manifest) as typeof manifest & { commands: Record<string, unknown> };
    m.commands.sub = { handler: "sub", description: "d", params: { type: "object" }, example: {} };
    files["plugin.json"] = JSON.stringify(m);
    const r = validatePlugin(files);
    expect(r.ok ? [] : r.problems).toEqual([{ file: "handlers.star", at: "", path: "handlers.star", message: expect.stringContaining("no top-level function sub") }]);
  });

  it("names bad command names and survives a package that is not an object", () => {
    const files = good();
    files["plugin.json"] = JSON.stringify({ ...manifest, commands: { ...manifest.commands, "Add-Two": manifest.commands.add } });
    const r = validatePlugin(files);
    expect(r.ok ? [] : r.problems.map((p) => [p.path, p.message])).toEqual([["plugin.json: commands.Add-Two", 'bad name "Add-Two": command names use a-z, 0-9 and _ (max 64), like add_node']]);
    const none = validatePlugin(null as unknown as PluginFiles);
    expect(none.ok ? 0 : none.problems.length).toBe(5);
  });

  it("flags reads of state properties a closed state schema does not declare", () => {
    const files = good();
    files["plugin.json"] = JSON.stringify({ ...manifest, state: { schema: { ...manifest.state.schema, additionalProperties: false } } });
    files["ui.json"] = JSON.stringify({ type: "text", props: { text: "n = ${state.n}, m = ${state.m + 1}" } });
    files["bindings.json"] = JSON.stringify({ click: { command: "add", params: { by: "${state['count']}" } } });
    const r = validatePlugin(files);
    expect(r.ok ? [] : r.problems.map((p) => [p.path, p.message])).toEqual([
      ["ui.json: props.text", 'state has no property "m" (1:23; state has: n)'],
      ["bindings.json: click.params.by", 'state has no property "count" (1:3; state has: n)'],
    ]);
    files["plugin.json"] = JSON.stringify(manifest);
    expect(validatePlugin(files).ok).toBe(true);
  });

  it("rejects oversized and missing files", () => {
    const files = good() as unknown as Record<string, unknown>;
    files["styles.css"] = `/* ${"x".repeat(MAX_PLUGIN_FILE_BYTES["styles.css"])} */`;
    delete files["bindings.json"];
    const r = validatePlugin(files as unknown as PluginFiles);
    expect(r.ok ? [] : r.problems.map((p) => [p.path, p.message.slice(0, 12)])).toEqual([
      ["bindings.json", "missing: eve"],
      ["styles.css", "file is 6554"],
    ]);
  });

  it("rejects a state schema whose defaults do not make a valid initial state", () => {
    const files = good();
    files["plugin.json"] = JSON.stringify({ ...manifest, state: { schema: { type: "object", properties: { n: { type: "integer" } }, required: ["n"] } } });
    const r = validatePlugin(files);
    expect(r.ok ? [] : r.problems).toEqual([{ file: "plugin.json", at: "state.schema", path: "plugin.json: state.schema", message: expect.stringContaining("initial state") }]);
  });
});
