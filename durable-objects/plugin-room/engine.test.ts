import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { addPerson, call, seedWorkspace, type Seeded } from "../../workers/test/fixtures";
import { installCounter } from "../../workers/test/plugin-package";
import type { PluginRoom } from "./plugin-room";

const run = (s: Seeded, commands: unknown[], extra: Record<string, unknown> = {}, token = s.owner.token) =>
  call(`/api/w/${s.workspace.id}/dispatch`, { token, body: { commands, ...extra } });
const inc = (by = 1, more: Record<string, unknown> = {}) => ({ plugin: "counter", command: "inc", params: { by }, ...more });
const state = (s: Seeded, q = "") => call(`/api/w/${s.workspace.id}/p/counter/state${q}`, { token: s.owner.token });
const history = (s: Seeded, q = "") => call(`/api/w/${s.workspace.id}/p/counter/history${q}`, { token: s.owner.token });

async function counter(): Promise<Seeded> {
  const s = await seedWorkspace();
  await installCounter(s);
  return s;
}

/** State, version and history length, to prove a failure changed nothing. */
async function fingerprint(s: Seeded) {
  const st = await state(s);
  const h = await history(s);
  return JSON.stringify([st.body, h.body.records.length]);
}

describe("handlers and results", () => {
  it("gives the handler ctx with source, dispatch id and identity, and returns its result", async () => {
    const s = await counter();
    const r = await run(s, [inc(2)]);
    expect(r.body.results[0]).toMatchObject({ ok: true, version: 1, result: { count: 2, source: "human" } });
    expect(r.body.results[0].patch).toEqual([{ op: "replace", path: "/count", value: 2 }]);
  });

  it("rejects params that break the command's JSON Schema with 400 and changes nothing", async () => {
    const s = await counter();
    const before = await fingerprint(s);
    const r = await run(s, [{ plugin: "counter", command: "inc", params: { by: "lots" } }]);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("invalid_params");
    expect(r.body.error.details[0].path).toBe("by");
    expect(await fingerprint(s)).toBe(before);
  });

  it("answers 409 on an expect_version mismatch and changes nothing", async () => {
    const s = await counter();
    await run(s, [inc()]);
    const before = await fingerprint(s);
    const r = await run(s, [inc(1, { expect_version: 0 })]);
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: "version_mismatch", details: { expected: 0, actual: 1 } });
    expect(await fingerprint(s)).toBe(before);
    expect((await run(s, [inc(1, { expect_version: 1 })])).status).toBe(200);
  });

  it.each([
    ["spin", "budget_exceeded"],
    ["bomb", "budget_exceeded"],
    ["bad_shape", "bad_result"],
    ["break_schema", "invalid_state"],
    ["strange_effect", "bad_effect"],
    ["mutate", "handler_error"],
  ])("fails only its own command when a handler is hostile (%s → %s)", async (command, code) => {
    const s = await counter();
    await run(s, [inc()]);
    const before = await fingerprint(s);
    const r = await run(s, [{ plugin: "counter", command, params: {} }]);
    expect(r.status).toBe(422);
    expect(r.body.results[0].error.code).toBe(code);
    expect(await fingerprint(s)).toBe(before);
    expect((await run(s, [inc()])).body.results[0]).toMatchObject({ ok: true, version: 2 });
    const errors = await runInDurableObject(env.PLUGIN_ROOM.get(env.PLUGIN_ROOM.idFromName(`${s.workspace.id}:counter:main`)), (room: PluginRoom) =>
      room.errors({ workspace: s.workspace.id, plugin: "counter", instance: "main" }),
    );
    expect(errors[0]).toMatchObject({ command, code });
  });

  it("accepts design tokens, toasts and animations from a handler", async () => {
    const s = await counter();
    expect((await run(s, [{ plugin: "counter", command: "themed", params: {} }])).status).toBe(200);
    const noisy = await run(s, [{ plugin: "counter", command: "noisy", params: {} }]);
    expect(noisy.body.results[0]).toMatchObject({ ok: true, result: 42 });
  });

  it("answers 404 for an unknown command or a plugin that is not installed", async () => {
    const s = await counter();
    expect((await run(s, [{ plugin: "counter", command: "nope", params: {} }])).body.error.code).toBe("unknown_command");
    expect((await run(s, [{ plugin: "graphist", command: "add_node", params: {} }])).body.error.code).toBe("not_installed");
  });
});

describe("permissions and isolation", () => {
  it("stops viewers from dispatching and members from meta-commands", async () => {
    const s = await counter();
    const viewer = await addPerson(s.workspace.id, "viewer");
    const member = await addPerson(s.workspace.id, "member");
    expect((await run(s, [inc()], {}, viewer.token)).status).toBe(403);
    expect((await run(s, [inc()], {}, member.token)).status).toBe(200);
    const meta = await run(s, [{ plugin: "counter", command: "set_styles", params: { css: "a{}" } }], {}, member.token);
    expect(meta.status).toBe(403);
    expect((await state(s)).body.version).toBe(1);
  });

  it("lets another workspace neither dispatch to nor read a room", async () => {
    const s = await counter();
    const other = await seedWorkspace();
    await run(s, [inc()]);
    const paths = ["state", "history", "snapshots", "history/export", ""];
    for (const p of paths) expect((await call(`/api/w/${s.workspace.id}/p/counter/${p}`, { token: other.owner.token })).status, p).toBe(404);
    expect((await call(`/api/w/${s.workspace.id}/dispatch`, { token: other.owner.token, body: { commands: [inc()] } })).status).toBe(404);
    // Its own workspace has no such plugin: the same 404 shape, nothing leaks.
    expect((await call(`/api/w/${other.workspace.id}/p/counter/state`, { token: other.owner.token })).status).toBe(404);
    expect((await state(s)).body.state.count).toBe(1);
  });
});

describe("versions and concurrency", () => {
  it("gives two clients dispatching concurrently a serial, gap-free version sequence", async () => {
    const s = await counter();
    const second = await addPerson(s.workspace.id, "member");
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => run(s, [inc()], {}, i % 2 ? second.token : s.owner.token)));
    const versions = replies.map((r) => r.body.results[0].version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await state(s)).body).toMatchObject({ version: 20, state: { count: 20 } });
  });

  it("answers ?since=N with exactly the missed patches, and the full state when N is older than the ring", async () => {
    const s = await counter();
    for (let i = 0; i < 5; i++) await run(s, [inc()]);
    const since = await state(s, "?since=2");
    expect(since.body.patches.map((p: { version: number }) => p.version)).toEqual([3, 4, 5]);
    expect(since.body.patches[0].patch).toEqual([{ op: "replace", path: "/count", value: 3 }]);
    await runInDurableObject(env.PLUGIN_ROOM.get(env.PLUGIN_ROOM.idFromName(`${s.workspace.id}:counter:main`)), (_room, ctx) => {
      ctx.storage.sql.exec("DELETE FROM _sys_changelog WHERE version <= 3");
    });
    const old = await state(s, "?since=1");
    expect(old.body).toMatchObject({ version: 5, reason: "too_old", state: { count: 5 } });
    expect((await state(s, "?since=3")).body.patches.map((p: { version: number }) => p.version)).toEqual([4, 5]);
  });

  it("round-trips a state larger than the 2 MB storage value limit", async () => {
    const s = await counter();
    const r = await run(s, [{ plugin: "counter", command: "big", params: { size: 5_000_000 } }]);
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
    const back = await state(s);
    expect(back.body.state.text.length).toBe(5_000_000);
  });
});

describe("sub-commands", () => {
  it("runs sub-commands after the command through the same pipeline, collecting steps", async () => {
    const s = await counter();
    const r = await run(s, [{ plugin: "counter", command: "fanout", params: {} }]);
    expect(r.body.results[0].steps.map((x: { version: number }) => x.version)).toEqual([2, 3]);
    expect((await state(s)).body.state.count).toBe(110);
  });

  it("stops at the first failing sub-command and returns the partial steps with the error", async () => {
    const s = await counter();
    const r = await run(s, [{ plugin: "counter", command: "fanout_fail", params: {} }]);
    const steps = r.body.results[0].steps;
    expect(steps).toHaveLength(2);
    expect(steps[0]).toMatchObject({ ok: true, command: "inc" });
    expect(steps[1]).toMatchObject({ ok: false, command: "break_schema", error: { code: "invalid_state" } });
    expect((await state(s)).body.state.count).toBe(1);
  });
});
