import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { META_COMMANDS } from "../protocol/plugin.ts";
import { SceneSchema } from "../sdui/scene.ts";
import type { Value } from "../starlark/index.ts";
import { loadHandlers } from "./handlers-check.ts";
import type { JsonValue } from "./json-schema.ts";
import { compileValidator } from "./json-schema.ts";
import type { LoadedPlugin, PluginFiles } from "./package.ts";
import { PLUGIN_FILE_NAMES, validatePlugin } from "./package.ts";
import type { HandlerOutcome } from "./run-handler.ts";
import { runHandler } from "./run-handler.ts";

// plugins/index.ts imports these files as text in the Worker bundle; Node reads the folders.
function readPlugin(name: string): PluginFiles {
  const dir = join(import.meta.dirname, "..", "..", "plugins", name);
  const files = {} as PluginFiles;
  for (const file of PLUGIN_FILE_NAMES) files[file] = readFileSync(join(dir, file), "utf8");
  return files;
}

/** As plugins/index.ts stores them: JSON files re-serialized from the imported objects. */
function asBundled(files: PluginFiles): PluginFiles {
  const again = (s: string) => JSON.stringify(JSON.parse(s), null, 2);
  return { ...files, "plugin.json": again(files["plugin.json"]), "ui.json": again(files["ui.json"]), "bindings.json": again(files["bindings.json"]) };
}

function load(name: string): LoadedPlugin {
  const r = validatePlugin(readPlugin(name));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  return r.plugin;
}

describe("first-party packages", () => {
  for (const name of ["graphist", "pe"]) {
    it(`${name} validates, also as bundled`, () => {
      expect(validatePlugin(readPlugin(name))).toMatchObject({ ok: true });
      expect(validatePlugin(asBundled(readPlugin(name)))).toMatchObject({ ok: true });
    });
  }

  it("pe declares every meta-command as meta", () => {
    const pe = load("pe");
    expect(pe.manifest.title).toBe("Platform engine");
    expect(Object.keys(pe.manifest.commands).sort()).toEqual([...META_COMMANDS].sort());
    for (const cmd of Object.values(pe.manifest.commands)) expect(cmd.meta).toBe(true);
    expect(pe.initialState).toEqual({});
  });
});

type Graph = {
  nodes: { id: string; label: string; x: number; y: number; color?: string }[];
  edges: { id: string; from: string; to: string }[];
  selected: string | null;
  next_id: number;
  next_edge_id: number;
  scene: { elements: { id: string; children: { id: string; kind: string; data?: Record<string, unknown> }[] }[] };
};

describe("Graphist handlers", () => {
  let plugin: LoadedPlugin;
  let globals: Map<string, Value>;
  let validateState: (v: unknown) => { path: string; message: string }[];
  let state: Graph;

  beforeAll(() => {
    plugin = load("graphist");
    const h = loadHandlers(plugin.files["handlers.star"]);
    if (!h.ok) throw new Error(JSON.stringify(h.problems));
    globals = h.globals;
    validateState = compileValidator(plugin.manifest.state.schema);
  });

  /** Runs a command as a room would: params checked, handler run, the new state checked and kept. */
  function dispatch(command: string, params: Record<string, JsonValue>): HandlerOutcome {
    const spec = plugin.manifest.commands[command]!;
    expect(compileValidator(spec.params)(params)).toEqual([]);
    const r = runHandler(globals, spec.handler, { state: state as unknown as JsonValue, params, ctx: { command } }, plugin.budgets);
    if (r.ok && r.result.state !== undefined) {
      expect(validateState(r.result.state)).toEqual([]);
      expect(SceneSchema.safeParse((r.result.state as Graph).scene).success).toBe(true);
      // Handlers update the scene in place when it is in step; a stale scene is rebuilt whole. Both agree.
      const stale = { ...state, scene: { elements: [] } } as unknown as JsonValue;
      const rebuilt = runHandler(globals, spec.handler, { state: stale, params, ctx: { command } }, plugin.budgets);
      expect(rebuilt.ok && (rebuilt.result.state as Graph).scene).toEqual((r.result.state as Graph).scene);
      state = JSON.parse(JSON.stringify(r.result.state)) as Graph;
    }
    return r;
  }

  const ok = (r: HandlerOutcome) => {
    if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
    return r.result;
  };

  const sceneIds = () => state.scene.elements.flatMap((layer) => layer.children.map((c) => c.id));

  beforeAll(() => {
    state = structuredClone(plugin.initialState) as unknown as Graph;
  });

  it("starts from the schema defaults", () => {
    expect(state).toMatchObject({ nodes: [], edges: [], selected: null, next_id: 1, next_edge_id: 1 });
    expect(SceneSchema.safeParse(state.scene).success).toBe(true);
  });

  it("adds nodes with deterministic ids and a derived scene", () => {
    expect(ok(dispatch("add_node", { x: 100, y: 100 })).result).toEqual({ id: "n1" });
    expect(ok(dispatch("add_node", { x: 200, y: 100.5, label: "Two", color: "#0a8" })).result).toEqual({ id: "n2" });
    expect(ok(dispatch("add_node", { x: 300, y: 300 })).result).toEqual({ id: "n3" });
    expect(state.nodes.map((n) => [n.id, n.label])).toEqual([["n1", "Node 1"], ["n2", "Two"], ["n3", "Node 3"]]);
    expect(state.next_id).toBe(4);
    expect(sceneIds()).toEqual(["node-n1", "label-n1", "node-n2", "label-n2", "node-n3", "label-n3"]);
    const circle = state.scene.elements[1]!.children[2]!;
    expect(circle).toMatchObject({ kind: "circle", id: "node-n2", cx: 200, cy: 100.5, fill: "#0a8", data: { node: "n2" } });
  });

  it("connects nodes and refuses self-loops, duplicates and missing nodes", () => {
    expect(ok(dispatch("connect", { from: "n1", to: "n2" })).result).toEqual({ id: "e1" });
    expect(ok(dispatch("connect", { from: "n2", to: "n3" })).result).toEqual({ id: "e2" });
    expect(dispatch("connect", { from: "n1", to: "n1" })).toMatchObject({ ok: false, code: "failed", message: "cannot connect node n1 to itself" });
    expect(dispatch("connect", { from: "n2", to: "n1" })).toMatchObject({ ok: false, code: "failed", message: "nodes n2 and n1 are already connected by edge e1" });
    expect(dispatch("connect", { from: "n1", to: "n9" })).toMatchObject({ ok: false, code: "failed", message: "node n9 does not exist" });
    expect(state.edges).toEqual([{ id: "e1", from: "n1", to: "n2" }, { id: "e2", from: "n2", to: "n3" }]);
    expect(state.scene.elements[0]!.children.map((c) => c.id)).toEqual(["edge-e1", "edge-e2"]);
  });

  it("moves, renames and selects nodes; fails cleanly on unknown ids and bad colors", () => {
    ok(dispatch("move_node", { id: "n3", x: 350, y: 320 }));
    ok(dispatch("rename_node", { id: "n3", label: "Three" }));
    ok(dispatch("select", { id: "n2" }));
    expect(state.nodes[2]).toEqual({ id: "n3", label: "Three", x: 350, y: 320 });
    expect(state.selected).toBe("n2");
    expect(state.scene.elements[1]!.children[2]).toMatchObject({ class: "graphist-node selected" });
    expect(dispatch("move_node", { id: "n7", x: 0, y: 0 })).toMatchObject({ ok: false, code: "failed", message: "node n7 does not exist" });
    expect(dispatch("select", { id: "zz" })).toMatchObject({ ok: false, code: "failed" });
    expect(dispatch("add_node", { x: 0, y: 0, color: "red;}" })).toMatchObject({ ok: false, code: "failed" });
  });

  it("removes a node with its edges and clears the selection", () => {
    expect(ok(dispatch("remove_node", { id: "n2" })).result).toEqual({ removed_edges: ["e1", "e2"] });
    expect(state.nodes.map((n) => n.id)).toEqual(["n1", "n3"]);
    expect(state.edges).toEqual([]);
    expect(state.selected).toBeNull();
    expect(sceneIds()).toEqual(["node-n1", "label-n1", "node-n3", "label-n3"]);
    expect(dispatch("remove_node", { id: "n2" })).toMatchObject({ ok: false, message: "node n2 does not exist" });
  });

  it("disconnects by id or by endpoints", () => {
    ok(dispatch("connect", { from: "n1", to: "n3" }));
    expect(state.edges).toEqual([{ id: "e3", from: "n1", to: "n3" }]);
    expect(ok(dispatch("disconnect", { from: "n3", to: "n1" })).result).toEqual({ id: "e3" });
    ok(dispatch("connect", { from: "n3", to: "n1" }));
    expect(ok(dispatch("disconnect", { id: "e4" })).result).toEqual({ id: "e4" });
    expect(dispatch("disconnect", { id: "e4" })).toMatchObject({ ok: false, message: "edge e4 does not exist" });
    expect(dispatch("disconnect", {})).toMatchObject({ ok: false, message: "disconnect needs {id} or {from, to}" });
  });

  it("lays nodes out evenly on a circle, the first at the top", () => {
    ok(dispatch("add_node", { x: 0, y: 0 }));
    ok(dispatch("add_node", { x: 0, y: 0 }));
    const r = ok(dispatch("layout_circle", { cx: 400, cy: 300, r: 100 }));
    expect(state.nodes.map((n) => [n.x, n.y])).toEqual([[400, 200], [500, 300], [400, 400], [300, 300]]);
    for (const n of state.nodes) expect(Math.hypot(n.x - 400, n.y - 300)).toBeCloseTo(100, 1);
    expect(r.animate).toHaveLength(1);
    ok(dispatch("layout_circle", {}));
    expect(state.nodes[0]).toMatchObject({ x: 400, y: 100 });
  });

  it("clears the graph without reusing ids", () => {
    expect(ok(dispatch("clear", {})).toast).toBe("Graph cleared");
    expect(state.nodes).toEqual([]);
    expect(ok(dispatch("add_node", { x: 1, y: 2 })).result).toEqual({ id: "n6" });
    ok(dispatch("layout_circle", {}));
  });

  it("keeps unicode labels intact through Starlark", () => {
    const label = "Zoë → 🌍 \"q\"";
    const id = (ok(dispatch("add_node", { x: 5, y: 5, label })).result as { id: string }).id;
    expect(state.nodes.find((n) => n.id === id)!.label).toBe(label);
    expect(state.scene.elements[1]!.children.find((c) => c.id === `label-${id}`)).toMatchObject({ text: label });
  });

  it("turns hostile input into clean failures", () => {
    const bad = (h: string, st: unknown, params: Record<string, JsonValue>) => runHandler(globals, h, { state: st as JsonValue, params, ctx: {} }, plugin.budgets);
    expect(bad("add_node", { ...state, nodes: "oops" }, { x: 1, y: 1 })).toMatchObject({ ok: false, code: "runtime_error" });
    expect(bad("connect", { ...state, edges: null }, { from: "n6", to: "n99" })).toMatchObject({ ok: false, code: "failed", message: "node n99 does not exist" });
    expect(bad("layout_circle", state, { r: "big" })).toMatchObject({ ok: false, code: "runtime_error" });
    // A handler fed params that skipped validation may return a state the schema rejects; the room checks it.
    const r = bad("add_node", state, { x: "left", y: 1 });
    expect(r.ok && validateState(r.result.state)).toEqual([{ path: `nodes.${state.nodes.length}.x`, message: "expected number, got string" }]);
  });

  it("never modifies its arguments, so a frozen state can be passed again without converting it", () => {
    let json = structuredClone(plugin.initialState);
    let value: Value | undefined;
    const steps: [string, Record<string, JsonValue>][] = [
      ["add_node", { x: 1, y: 1 }], ["add_node", { x: 2, y: 2 }], ["add_node", { x: 3, y: 3 }], ["connect", { from: "n1", to: "n2" }],
      ["move_node", { id: "n1", x: 9, y: 9 }], ["rename_node", { id: "n2", label: "B" }], ["select", { id: "n3" }], ["connect", { from: "n3", to: "n1" }],
      ["disconnect", { id: "e1" }], ["remove_node", { id: "n3" }], ["layout_circle", {}], ["clear", {}],
    ];
    for (const [command, params] of steps) {
      const r = runHandler(globals, command, { state: json, params, ctx: {} }, plugin.budgets, value === undefined ? {} : { stateValue: value });
      if (!r.ok) throw new Error(`${command}: ${r.message}`);
      expect(r.stateValue).toBeDefined();
      json = r.result.state!;
      value = r.stateValue;
    }
    expect(json).toMatchObject({ nodes: [], edges: [], next_id: 4, next_edge_id: 3 });
  });

  it("stops a handler that runs out of budget", () => {
    const r = runHandler(globals, "layout_circle", { state: state as unknown as JsonValue, params: {}, ctx: {} }, { ...plugin.budgets, steps: 5 });
    expect(r).toMatchObject({ ok: false, code: "budget_exceeded" });
  });
});
