/** Builds small plugin packages for tests, installed through the real API. */
import { call, type Seeded } from "./fixtures";

export interface TestCommand {
  handler?: string;
  params?: Record<string, unknown>;
  example?: Record<string, unknown>;
}

export const COUNTER_STATE = {
  type: "object",
  properties: {
    count: { type: "integer", default: 0, maximum: 1000 },
    text: { type: "string", default: "" },
    items: { type: "array", items: { type: "integer" } },
  },
  additionalProperties: false,
};

export function testPackage(handlers: string, commands: Record<string, TestCommand>, name = "counter", state: object = COUNTER_STATE) {
  const manifest = {
    name,
    version: "1.0.0",
    title: "Counter",
    description: "A test plugin",
    language: "starlark",
    dependencies: [],
    instances: "per_document",
    state: { schema: state },
    commands: Object.fromEntries(
      Object.entries(commands).map(([cmd, spec]) => [
        cmd,
        { handler: spec.handler ?? cmd, description: `${cmd} for tests`, params: spec.params ?? { type: "object" }, example: spec.example ?? {} },
      ]),
    ),
  };
  return {
    "plugin.json": JSON.stringify(manifest),
    "handlers.star": handlers,
    "ui.json": JSON.stringify({ type: "column", children: [{ type: "text", props: { text: "${state.count}" } }] }),
    "bindings.json": "{}",
    "styles.css": ".count { font-weight: 600; }",
  };
}

/** A counter whose handlers cover the engine's paths, including hostile ones. */
export const COUNTER_HANDLERS = `
def inc(state, params, ctx):
    s = dict(state)
    s["count"] = state["count"] + params.get("by", 1)
    return {"state": s, "result": {"count": s["count"], "source": ctx["source"], "dispatch_id": ctx["dispatch_id"]}}

def spin(state, params, ctx):
    n = 0
    for i in range(1000000000):
        n += 1
    return {}

def bomb(state, params, ctx):
    x = [1]
    for i in range(100):
        x = x + x
    return {}

def bad_shape(state, params, ctx):
    return {"state": state, "surprise": 1}

def break_schema(state, params, ctx):
    return {"state": {"count": "many"}}

def fanout(state, params, ctx):
    return {"sub_commands": [{"command": "inc", "params": {"by": 10}}, {"command": "inc", "params": {"by": 100}}]}

def fanout_fail(state, params, ctx):
    return {"sub_commands": [{"command": "inc", "params": {"by": 1}}, {"command": "break_schema"}, {"command": "inc", "params": {"by": 1}}]}

def big(state, params, ctx):
    s = dict(state)
    s["text"] = "x" * params["size"]
    return {"state": s}

def later(state, params, ctx):
    return {"effects": [{"type": "schedule", "delay_ms": 0, "key": "tick", "then": {"command": "record", "params": {"tag": "later"}}}]}

def fetch_it(state, params, ctx):
    return {"effects": [{"type": "http.fetch", "url": "https://example.com/x", "then": {"command": "record", "params": {}}}]}

def record(state, params, ctx):
    s = dict(state)
    s["text"] = json.encode(params)
    return {"state": s}

def strange_effect(state, params, ctx):
    return {"effects": [{"type": "teleport", "then": {"command": "inc"}}]}

def mutate(state, params, ctx):
    state["count"] = 99
    return {"state": state}

def themed(state, params, ctx):
    return {"tokens_changed": {"--color-accent": "#0a7"}}

def noisy(state, params, ctx):
    return {"toast": "hello", "animate": {"target": "count", "animation": {"emphasis": "pulse"}}, "result": 42}
`;

const INC_PARAMS = { type: "object", properties: { by: { type: "integer", minimum: 1, maximum: 500 } }, additionalProperties: false };

export const COUNTER_COMMANDS: Record<string, TestCommand> = {
  inc: { params: INC_PARAMS, example: { by: 1 } },
  spin: {},
  bomb: {},
  bad_shape: {},
  break_schema: {},
  fanout: {},
  fanout_fail: {},
  big: { params: { type: "object", properties: { size: { type: "integer" } }, required: ["size"] }, example: { size: 1 } },
  later: {},
  fetch_it: {},
  record: { params: { type: "object" } },
  strange_effect: {},
  noisy: {},
  mutate: {},
  themed: {},
};

export async function installCounter(s: Seeded) {
  const r = await call(`/api/w/${s.workspace.id}/plugins`, { token: s.owner.token, body: { files: testPackage(COUNTER_HANDLERS, COUNTER_COMMANDS) } });
  if (r.status !== 201) throw new Error(`install failed: ${JSON.stringify(r.body)}`);
}
