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

/** "dots": a canvas whose scene holds n circles (for the drag frame-time bench). */
export function dotsPlugin(name = "dots") {
  return {
    "plugin.json": manifest(name, "Dots", { scene: { type: "object", default: { elements: [] } } }, {
      fill: { params: { type: "object", properties: { n: { type: "integer", minimum: 0, maximum: 10000 } }, required: ["n"] }, example: { n: 3 } },
      move: { params: { type: "object", properties: { id: { type: "string" }, x: { type: "number" }, y: { type: "number" } }, required: ["id", "x", "y"] }, example: { id: "d1", x: 1, y: 2 } },
    }),
    "handlers.star": `
def fill(state, params, ctx):
    els = [{"kind": "circle", "id": "d%d" % i, "cx": (i % 100) * 8 + 4, "cy": (i // 100) * 8 + 4, "r": 3, "data": {"i": i}} for i in range(params["n"])]
    return {"state": {"scene": {"elements": [{"kind": "layer", "id": "dots", "children": els}]}}}

def move(state, params, ctx):
    return {}
`,
    "ui.json": JSON.stringify({ type: "canvas", id: "dots-canvas", props: { scene: "${state.scene}", viewBox: "0 0 800 420", height: 520 } }),
    "bindings.json": JSON.stringify({ drag: { end: { target: "circle", command: "move", params: { id: "${event.target_id}", x: "${event.x}", y: "${event.y}" } } } }),
    "styles.css": "",
  };
}
