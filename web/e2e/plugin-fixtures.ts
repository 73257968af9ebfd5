/** Test plugins installed through the real API by the browser tests and the UI bench. */

const manifest = (name: string, title: string, state: object, commands: Record<string, { params: object; example: object }>) =>
  JSON.stringify({
    name,
    version: "1.0.0",
    title,
    description: `${title} (test plugin)`,
    language: "starlark",
    dependencies: [],
    instances: "single",
    state: { schema: { type: "object", properties: state, additionalProperties: true } },
    commands: Object.fromEntries(Object.entries(commands).map(([cmd, c]) => [cmd, { handler: cmd, description: `${cmd} for tests`, ...c }])),
  });

/** "rows": a table over state.rows (fill n rows, rename one), plus a few display components. */
export function rowsPlugin(name = "rows") {
  return {
    "plugin.json": manifest(name, "Rows", { rows: { type: "array", default: [] } }, {
      fill: { params: { type: "object", properties: { n: { type: "integer", minimum: 0, maximum: 20000 } }, required: ["n"] }, example: { n: 3 } },
      set_row: { params: { type: "object", properties: { i: { type: "integer" }, name: { type: "string" } }, required: ["i", "name"] }, example: { i: 0, name: "x" } },
      hello: { params: { type: "object", properties: { message: { type: "string" } }, required: ["message"] }, example: { message: "hi" } },
    }),
    "handlers.star": `
def fill(state, params, ctx):
    rows = [{"id": "r%d" % (i + 1), "name": "row %d" % (i + 1), "value": (i * 7919) % 10007} for i in range(params["n"])]
    return {"state": {"rows": rows}}

def set_row(state, params, ctx):
    rows = list(state["rows"])
    row = dict(rows[params["i"]])
    row["name"] = params["name"]
    rows[params["i"]] = row
    return {"state": {"rows": rows}}

def hello(state, params, ctx):
    return {"toast": {"message": params["message"], "level": "success"}, "animate": [{"target": "notes", "animation": {"emphasis": "pulse"}}]}
`,
    "ui.json": JSON.stringify({
      type: "column",
      id: "rows-root",
      props: { gap: "sm" },
      children: [
        { type: "row", props: { gap: "sm", align: "center" }, children: [
          { type: "heading", props: { text: "${len(state.rows)} rows", level: 3 } },
          { type: "badge", props: { text: "test plugin", tone: "accent" } },
          { type: "progress-bar", props: { value: "${len(state.rows)}", max: 10000 } },
        ] },
        { type: "markdown", id: "notes", props: { text: "**Rows** from `state.rows`. <script>alert(1)</script> [docs](https://example.com) [bad](javascript:alert(1))" } },
        { type: "table", id: "rows-table", role: "rows-table", props: {
          items: "${state.rows}", key: "${item.id}", striped: true,
          columns: [{ header: "Id", field: "id", sortable: true, width: 100 }, { header: "Name", field: "name", sortable: true }, { header: "Value", field: "value", sortable: true, align: "end" }],
        } },
      ],
    }),
    "bindings.json": "{}",
    "styles.css": "[data-role=rows-table] .sd-td { font-variant-numeric: tabular-nums; }",
  };
}

/** "dots": a canvas whose scene holds n circles (drag frame times; with tween_ms, circles tween their position when shifted). */
export function dotsPlugin(name = "dots") {
  return {
    "plugin.json": manifest(name, "Dots", { scene: { type: "object", default: { elements: [] } } }, {
      fill: { params: { type: "object", properties: { n: { type: "integer", minimum: 0, maximum: 10000 }, tween_ms: { type: "integer", minimum: 0, maximum: 10000 } }, required: ["n"] }, example: { n: 3 } },
      move: { params: { type: "object", properties: { id: { type: "string" }, x: { type: "number" }, y: { type: "number" } }, required: ["id", "x", "y"] }, example: { id: "d1", x: 1, y: 2 } },
      shift: { params: { type: "object", properties: { dx: { type: "number" } }, required: ["dx"] }, example: { dx: 8 } },
    }),
    "handlers.star": `
def fill(state, params, ctx):
    els = [{"kind": "circle", "id": "d%d" % i, "cx": (i % 100) * 8 + 4, "cy": (i // 100) * 8 + 4, "r": 3, "data": {"i": i}} for i in range(params["n"])]
    if params.get("tween_ms", 0) > 0:
        for e in els:
            e["animate"] = {"transition": ["position"], "duration_ms": params["tween_ms"], "easing": "linear"}
    return {"state": {"scene": {"elements": [{"kind": "layer", "id": "dots", "children": els}]}}}

def shift(state, params, ctx):
    layer = state["scene"]["elements"][0]
    els = []
    for e in layer["children"]:
        e = dict(e)
        e["cx"] = e["cx"] + params["dx"]
        els.append(e)
    return {"state": {"scene": {"elements": [{"kind": "layer", "id": "dots", "children": els}]}}}

def move(state, params, ctx):
    return {}
`,
    "ui.json": JSON.stringify({ type: "canvas", id: "dots-canvas", props: { scene: "${state.scene}", viewBox: "0 0 800 420", height: 520 } }),
    "bindings.json": JSON.stringify({ drag: { end: { target: "circle", command: "move", params: { id: "${event.target_id}", x: "${event.x}", y: "${event.y}" } } } }),
    "styles.css": "",
  };
}

const anyParams = (required: string[], example: object) => ({ params: { type: "object", properties: Object.fromEntries(required.map((k) => [k, {}])), required, additionalProperties: true }, example });

/** The starting state of "motion" (also what its reset command restores). */
export const MOTION_STATE = {
  counter: 0,
  progress: 10,
  show: true,
  items: [{ id: "a", label: "Alpha" }, { id: "b", label: "Beta" }, { id: "c", label: "Gamma" }],
  scene: {
    elements: [
      { kind: "circle", id: "mover", cx: 100, cy: 100, r: 20, fill: "#3b82f6", animate: { transition: ["cx", "fill"], easing: "linear", duration_ms: 4000 } },
      { kind: "rect", id: "leaver", x: 250, y: 60, width: 80, height: 80, fill: "#f97316", animate: { exit: "shrink", duration_ms: 1200 } },
      { kind: "circle", id: "plain", cx: 360, cy: 160, r: 10 },
    ],
  },
};

/**
 * "motion": exit animations (a list item, a table row, a hidden alert, a canvas element), transitions (a
 * progress bar by its type's default, a circle's cx and fill) and a counter for rendering modes.
 */
export function motionPlugin(name = "motion") {
  return {
    "plugin.json": manifest(name, "Motion", { counter: { type: "integer", default: 0 } }, {
      reset: anyParams([], {}),
      put: anyParams(["key", "value"], { key: "show", value: false }),
      bump: anyParams([], {}),
      remove_item: anyParams(["id"], { id: "a" }),
      move: anyParams(["id", "cx"], { id: "mover", cx: 300 }),
      recolor: anyParams(["id", "fill"], { id: "mover", fill: "#ef4444" }),
      remove_el: anyParams(["id"], { id: "leaver" }),
    }),
    "handlers.star": `
INITIAL = json.decode(${JSON.stringify(JSON.stringify(MOTION_STATE))})

def reset(state, params, ctx):
    return {"state": INITIAL}

def put(state, params, ctx):
    s = dict(state)
    s[params["key"]] = params["value"]
    return {"state": s}

def bump(state, params, ctx):
    s = dict(state)
    s["counter"] = state.get("counter", 0) + 1
    return {"state": s}

def remove_item(state, params, ctx):
    s = dict(state)
    s["items"] = [i for i in state["items"] if i["id"] != params["id"]]
    return {"state": s}

def _with_elements(state, elements):
    s = dict(state)
    s["scene"] = {"elements": elements}
    return s

def _changed(state, id, key, value):
    out = []
    for e in state["scene"]["elements"]:
        e = dict(e)
        if e["id"] == id:
            e[key] = value
        out.append(e)
    return out

def move(state, params, ctx):
    return {"state": _with_elements(state, _changed(state, params["id"], "cx", params["cx"]))}

def recolor(state, params, ctx):
    return {"state": _with_elements(state, _changed(state, params["id"], "fill", params["fill"]))}

def remove_el(state, params, ctx):
    return {"state": _with_elements(state, [e for e in state["scene"]["elements"] if e["id"] != params["id"]])}
`,
    "ui.json": JSON.stringify({
      type: "column",
      id: "motion-root",
      props: { gap: "sm" },
      children: [
        { type: "heading", id: "counter", props: { text: "count ${state.counter}", level: 3 } },
        { type: "progress-bar", id: "progress", props: { value: "${state.progress}", max: 100 }, animate: { duration_ms: 4000, easing: "linear" } },
        { type: "alert", id: "notice", props: { visible: "${state.show}", text: "A notice that fades out", tone: "info" }, animate: { exit: "fade_out", duration_ms: 1200 } },
        { type: "list", id: "items", props: { items: "${state.items}", key: "${item.id}" }, children: [
          { type: "text", id: "item-${item.id}", props: { text: "${item.label}" }, animate: { exit: "slide_out", to: "left", duration_ms: 1200 } },
        ] },
        { type: "table", id: "motion-table", props: { items: "${state.items}", key: "${item.id}", columns: [{ header: "Label", field: "label" }], row_animate: { exit: "fade_out", duration_ms: 1200 } } },
        { type: "canvas", id: "motion-canvas", props: { scene: "${state.scene}", viewBox: "0 0 400 200", height: 220 } },
      ],
    }),
    "bindings.json": "{}",
    "styles.css": "",
  };
}

/**
 * "gestures": a canvas with a rect and a circle; every gesture is bound to `log`, which appends
 * its params to state.log (pinch_zoom to `pinch`, which also keeps the last scale in state.zoom).
 */
export function gesturesPlugin(name = "gestures") {
  const log = (g: string, extra: Record<string, string> = {}) => ({ command: "log", params: { g, id: "${event.target_id}", ...extra } });
  return {
    "plugin.json": manifest(name, "Gestures", { log: { type: "array", default: [] } }, {
      reset: anyParams([], {}),
      log: anyParams(["g"], { g: "click" }),
      pinch: anyParams(["phase", "scale"], { phase: "move", scale: 1.5 }),
    }),
    "handlers.star": `
SCENE = {"elements": [
    {"kind": "rect", "id": "box", "x": 40, "y": 40, "width": 120, "height": 100, "fill": "#60a5fa"},
    {"kind": "circle", "id": "dot", "cx": 300, "cy": 100, "r": 40, "fill": "#f59e0b"},
]}

def reset(state, params, ctx):
    return {"state": {"log": [], "zoom": 1, "scene": SCENE}}

def log(state, params, ctx):
    s = dict(state)
    s["log"] = list(state.get("log", [])) + [params]
    return {"state": s}

def pinch(state, params, ctx):
    s = dict(state)
    s["log"] = list(state.get("log", [])) + [{"g": "pinch_zoom", "phase": params["phase"], "scale": params["scale"]}]
    if params["phase"] == "end":
        s["zoom"] = params["scale"]
    return {"state": s}
`,
    "ui.json": JSON.stringify({
      type: "column",
      id: "gestures-root",
      children: [
        { type: "text", id: "log-count", props: { text: "${len(state.log)} gestures, zoom ${state.zoom}" } },
        { type: "canvas", id: "gestures-canvas", props: { scene: "${state.scene}", viewBox: "0 0 400 200", height: 300 } },
      ],
    }),
    "bindings.json": JSON.stringify({
      double_click: { target: "rect", ...log("double_click") },
      right_click: { target: "circle", ...log("right_click", { button: "${event.button}" }) },
      long_press: { target: "circle", ...log("long_press", { ms: "${event.duration_ms}" }) },
      hover_enter: { target: "rect", ...log("hover_enter") },
      hover_leave: { target: "rect", ...log("hover_leave") },
      scroll: log("scroll", { dy: "${event.delta_y}" }),
      select: log("select", { ids: "${event.selected_ids}" }),
      deselect: log("deselect"),
      key_combo: { combo: "ctrl+k", command: "log", params: { g: "key_combo", combo: "${event.combo}" } },
      pinch_zoom: { command: "pinch", params: { phase: "${event.phase}", scale: "${event.scale}" } },
    }),
    "styles.css": "",
  };
}
