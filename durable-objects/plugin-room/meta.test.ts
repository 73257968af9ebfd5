import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { performFetch } from "../../workers/queues/events";
import { call, eventually, seedWorkspace, type Seeded } from "../../workers/test/fixtures";
import { COUNTER_COMMANDS, COUNTER_HANDLERS, installCounter, testPackage } from "../../workers/test/plugin-package";

const run = (s: Seeded, commands: unknown[]) => call(`/api/w/${s.workspace.id}/dispatch`, { token: s.owner.token, body: { commands } });
const files = (s: Seeded) => call(`/api/w/${s.workspace.id}/p/counter`, { token: s.owner.token });
const state = (s: Seeded) => call(`/api/w/${s.workspace.id}/p/counter/state`, { token: s.owner.token });

async function counter(): Promise<Seeded> {
  const s = await seedWorkspace();
  await installCounter(s);
  return s;
}

/** Polls a condition a bounded number of times (the queue delivers asynchronously). */
describe("installing plugins", () => {
  it("rejects a broken package listing every problem with its path, and installs nothing", async () => {
    const s = await seedWorkspace();
    const broken = testPackage("def inc(state, params):\n  return {}\n", { inc: {} });
    const manifest = JSON.parse(broken["plugin.json"]);
    manifest.language = "python";
    manifest.state.schema.properties.count.type = "bigint";
    broken["plugin.json"] = JSON.stringify(manifest);
    broken["ui.json"] = JSON.stringify({ type: "hologram" });
    broken["bindings.json"] = "{not json";
    const r = await call(`/api/w/${s.workspace.id}/plugins`, { token: s.owner.token, body: { files: broken } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid_plugin");
    const where = r.body.error.details.map((p: { path: string }) => p.path).join("\n");
    expect(where).toMatch(/plugin\.json.*language/);
    expect(where).toMatch(/plugin\.json.*count/);
    expect(where).toMatch(/ui\.json/);
    expect(where).toMatch(/bindings\.json/);
    expect(where).toMatch(/handlers\.star/);
    expect((await call(`/api/w/${s.workspace.id}/plugins`, { token: s.owner.token })).body.installed).toEqual([]);
  });

  it("installs first-party plugins by name, lists them, refuses a second install, uninstalls with its rooms", async () => {
    const s = await seedWorkspace();
    expect((await call(`/api/w/${s.workspace.id}/plugins`, { token: s.owner.token, body: { name: "graphist" } })).status).toBe(201);
    expect((await call(`/api/w/${s.workspace.id}/plugins`, { token: s.owner.token, body: { name: "graphist" } })).status).toBe(409);
    expect((await call(`/api/w/${s.workspace.id}/plugins`, { token: s.owner.token, body: { name: "nothing-like-it" } })).status).toBe(404);
    const list = await call(`/api/w/${s.workspace.id}/plugins`, { token: s.owner.token });
    expect(list.body.installed.map((p: { name: string }) => p.name)).toEqual(["graphist"]);
    expect(list.body.available.map((p: { name: string }) => p.name)).toContain("pe");
    await call(`/api/w/${s.workspace.id}/dispatch`, { token: s.owner.token, body: { commands: [{ plugin: "graphist", command: "add_node", params: { x: 1, y: 1 } }] } });
    expect((await call(`/api/w/${s.workspace.id}/plugins/graphist`, { token: s.owner.token, method: "DELETE" })).status).toBe(200);
    expect((await call(`/api/w/${s.workspace.id}/p/graphist/state`, { token: s.owner.token })).status).toBe(404);
    await call(`/api/w/${s.workspace.id}/plugins`, { token: s.owner.token, body: { name: "graphist" } });
    expect((await call(`/api/w/${s.workspace.id}/p/graphist/state`, { token: s.owner.token })).body).toMatchObject({ version: 0, state: { nodes: [] } });
  });
});

describe("meta-commands", () => {
  it("rejects an invalid UI tree with the path of the fault and keeps the old one", async () => {
    const s = await counter();
    const before = (await files(s)).body.files["ui.json"];
    const r = await run(s, [{ plugin: "counter", command: "set_ui", params: { tree: { type: "column", children: [{ type: "button", props: { label: 7 } }] } } }]);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("invalid_ui");
    expect(r.body.error.details[0].path).toMatch(/children\.0/);
    expect((await files(s)).body.files["ui.json"]).toBe(before);
  });

  it("changes ui, styles and bindings through dispatch, recorded and versioned", async () => {
    const s = await counter();
    const tree = { type: "column", children: [{ type: "heading", props: { text: "Count: ${state.count}", level: 2 } }] };
    expect((await run(s, [{ plugin: "counter", command: "set_ui", params: { tree } }])).status).toBe(200);
    expect((await run(s, [{ plugin: "pe", command: "set_styles", params: { plugin: "counter", css: "h2 { color: teal; }" } }])).status).toBe(200);
    const bad = await run(s, [{ plugin: "counter", command: "set_styles", params: { css: "@import url(https://evil)" } }]);
    expect(bad.body.error.code).toBe("invalid_styles");
    const f = (await files(s)).body.files;
    expect(JSON.parse(f["ui.json"])).toEqual(tree);
    expect(f["styles.css"]).toBe("h2 { color: teal; }");
    expect((await state(s)).body.version).toBe(2);
  });

  it("registers a command from Starlark in the payload, checks it first, then makes it callable; unregisters it", async () => {
    const s = await counter();
    const broken = await run(s, [{ plugin: "counter", command: "register_command", params: { name: "double", source: "def double(state, params, ctx)\n  return {}" } }]);
    expect(broken.status).toBe(422);
    expect(broken.body.error.code).toBe("invalid_handler");
    const source = 'def double(state, params, ctx):\n    return {"state": {"count": state["count"] * 2, "text": state["text"], "items": state.get("items", [])}}\n';
    const ok = await run(s, [{ plugin: "counter", command: "register_command", params: { name: "double", source } }]);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    await run(s, [{ plugin: "counter", command: "inc", params: { by: 3 } }, { plugin: "counter", command: "double", params: {} }]);
    expect((await state(s)).body.state.count).toBe(6);
    expect((await run(s, [{ plugin: "counter", command: "unregister_command", params: { name: "double" } }])).status).toBe(200);
    expect((await run(s, [{ plugin: "counter", command: "double", params: {} }])).body.error.code).toBe("unknown_command");
  });

  it("broadcasts pe.animate without changing any state", async () => {
    const s = await counter();
    const r = await run(s, [{ plugin: "pe", command: "animate", params: { target: "count", room: "counter:main", animation: { emphasis: "shake" } } }]);
    expect(r.status).toBe(200);
    expect(r.body.results[0].result.broadcast).toMatchObject({ type: "animate", target: "count" });
    expect((await state(s)).body.version).toBe(0);
  });
});

describe("effects", () => {
  it("runs a schedule effect's then-command later as a system command in the same changeset", async () => {
    const s = await counter();
    const r = await call(`/api/w/${s.workspace.id}/dispatch`, { token: s.owner.token, body: { commands: [{ plugin: "counter", command: "later", params: {} }], changeset: "cs-later" } });
    expect(r.status).toBe(200);
    const after = await eventually(() => state(s), (x) => x.body.state.text !== "");
    expect(JSON.parse(after.body.state.text)).toEqual({ tag: "later", ok: true, value: null });
    const last = (await call(`/api/w/${s.workspace.id}/p/counter/history?limit=1`, { token: s.owner.token })).body.records[0];
    expect(last).toMatchObject({ command: "record", source: "system", changeset: "cs-later", author: { type: "system" } });
  });

  it("deduplicates schedules by key: a re-scheduled key runs its then-command once", async () => {
    const s = await counter();
    await run(s, [{ plugin: "counter", command: "later", params: {} }, { plugin: "counter", command: "later", params: {} }]);
    const after = await eventually(() => call(`/api/w/${s.workspace.id}/p/counter/history?command=record`, { token: s.owner.token }), (x) => x.body.records.length > 0);
    // Give a stale duplicate the same chance to arrive, then count.
    await eventually(() => state(s), () => false, 1_000);
    const records = (await call(`/api/w/${s.workspace.id}/p/counter/history?command=record`, { token: s.owner.token })).body.records;
    expect(after.body.records.length).toBe(1);
    expect(records).toHaveLength(1);
  });

  it("answers http.fetch with {ok:false} when the host is not on the workspace allowlist (off by default)", async () => {
    const s = await counter();
    await run(s, [{ plugin: "counter", command: "fetch_it", params: {} }]);
    const after = await eventually(() => state(s), (x) => x.body.state.text !== "");
    expect(JSON.parse(after.body.state.text)).toMatchObject({ ok: false, error: { code: "host_not_allowed" } });
  });

  it("performs http.fetch for an allowed host within size limits (against a local stand-in)", async () => {
    const s = await seedWorkspace();
    const put = await call(`/api/w/${s.workspace.id}/settings/http-allowlist`, { token: s.owner.token, method: "PUT", body: { hosts: ["api.example.test"] } });
    expect(put.status).toBe(200);
    const effect = { type: "http.fetch" as const, url: "https://api.example.test/v1", method: "GET" as const, headers: {}, then: { command: "record", params: {} } };
    const standIn = (async () => new Response('{"hello":"world"}', { status: 200, headers: { "content-type": "application/json" } })) as unknown as typeof fetch;
    expect(await performFetch(env, s.workspace.id, effect, standIn)).toMatchObject({ ok: true, value: { status: 200, body: '{"hello":"world"}' } });
    const huge = (async () => new Response("x".repeat(300_000))) as unknown as typeof fetch;
    expect(await performFetch(env, s.workspace.id, effect, huge)).toMatchObject({ ok: false, error: { code: "response_too_large" } });
    const other = { ...effect, url: "https://elsewhere.test/" };
    expect(await performFetch(env, s.workspace.id, other, standIn)).toMatchObject({ ok: false, error: { code: "host_not_allowed" } });
  });
});
