import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { addPerson, call, seedWorkspace, type Seeded } from "../../workers/test/fixtures";

async function withGraphist(): Promise<Seeded> {
  const seeded = await seedWorkspace();
  const r = await call(`/api/w/${seeded.workspace.id}/plugins`, { token: seeded.owner.token, body: { name: "graphist" } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return seeded;
}

const dispatch = (s: Seeded, commands: unknown[], extra: Record<string, unknown> = {}, token = s.owner.token) =>
  call(`/api/w/${s.workspace.id}/dispatch`, { token, body: { commands, ...extra } });

describe("dispatch", () => {
  it("runs a Graphist command, bumps the version and returns results", async () => {
    const s = await withGraphist();
    const r = await dispatch(s, [{ plugin: "graphist", command: "add_node", params: { x: 10, y: 20, label: "A" } }]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.commands_executed).toBe(1);
    expect(r.body.versions).toEqual({ "graphist:main": 1 });
    expect(r.body.results[0]).toMatchObject({ ok: true, version: 1 });
    const state = await call(`/api/w/${s.workspace.id}/p/graphist/state`, { token: s.owner.token });
    expect(state.body.version).toBe(1);
    expect(state.body.state.nodes).toEqual([expect.objectContaining({ label: "A", x: 10, y: 20 })]);
  });
});
