import { describe, expect, it } from "vitest";
import { call, seedWorkspace, type Seeded } from "../../workers/test/fixtures";
import { installCounter } from "../../workers/test/plugin-package";

const run = (s: Seeded, commands: unknown[], extra: Record<string, unknown> = {}) =>
  call(`/api/w/${s.workspace.id}/dispatch`, { token: s.owner.token, body: { commands, ...extra } });
const inc = (by = 1) => ({ plugin: "counter", command: "inc", params: { by } });
const room = (s: Seeded, path: string, o: Parameters<typeof call>[1] = {}) => call(`/api/w/${s.workspace.id}/p/counter${path}`, { token: s.owner.token, ...o });

async function counter(): Promise<Seeded> {
  const s = await seedWorkspace();
  await installCounter(s);
  return s;
}

describe("history", () => {
  it("records author, source, command, params, changeset, message and trailers, filterable", async () => {
    const s = await counter();
    await run(s, [inc(2)], { changeset: "cs-one" });
    await run(s, [inc(3)]);
    const all = await room(s, "/history");
    expect(all.body.records).toHaveLength(2);
    const first = all.body.records[1];
    expect(first).toMatchObject({ seq: 1, command: "inc", params: { by: 2 }, changeset: "cs-one", source: "human", author: { id: s.owner.id, type: "human" } });
    expect(first.message).toBe('cmd: inc {"by":2}\n\nSource: human\nCommand: inc\nChangeset: cs-one\n');
    expect(first.patch).toEqual([{ op: "replace", path: "/count", value: 2 }]);
    expect(first.inverse).toEqual([{ op: "replace", path: "/count", value: 0 }]);
    expect((await room(s, "/history?changeset=cs-one")).body.records).toHaveLength(1);
    expect((await room(s, "/history?command=nope")).body.records).toHaveLength(0);
    expect((await room(s, `/history?author=${s.owner.id}&source=human`)).body.records).toHaveLength(2);
    expect((await room(s, "/history?source=ai")).body.records).toHaveLength(0);
    expect((await room(s, "/history?since=2000-01-01T00:00:00Z&until=2999-01-01T00:00:00Z")).body.records).toHaveLength(2);
    expect((await room(s, "/history?limit=abc")).status).toBe(400);
  });

  it("reverts a changeset as one new changeset with a Reverts trailer", async () => {
    const s = await counter();
    await run(s, [inc(1)]);
    await run(s, [inc(2), inc(3)], { changeset: "cs-pair" });
    const r = await room(s, "/revert", { body: { changeset: "cs-pair" } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await room(s, "/state")).body.state.count).toBe(1);
    const last = (await room(s, "/history?limit=1")).body.records[0];
    expect(last.command).toBe("revert");
    expect(last.trailers).toContainEqual(["Reverts", "cs-pair"]);
  });

  it("answers 409 listing later changes to the same paths, and reverts anyway with force", async () => {
    const s = await counter();
    await run(s, [inc(1)], { changeset: "cs-a" });
    await run(s, [inc(5)], { changeset: "cs-b" });
    const conflict = await room(s, "/revert", { body: { changeset: "cs-a" } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe("revert_conflict");
    expect(conflict.body.error.details[0]).toMatchObject({ changeset: "cs-b", paths: ["/count"] });
    expect((await room(s, "/state")).body.state.count).toBe(6);
    const forced = await room(s, "/revert", { body: { changeset: "cs-a", force: true } });
    expect(forced.status).toBe(200);
    expect((await room(s, "/state")).body.state.count).toBe(0);
    expect((await room(s, "/revert", { body: { changeset: "cs-missing" } })).status).toBe(404);
  });

  it("exports the history as a git fast-import stream with the trailers on every commit", async () => {
    const s = await counter();
    await run(s, [inc(1)], { changeset: "cs-x" });
    await run(s, [{ plugin: "counter", command: "set_styles", params: { css: ".count{color:red}" } }]);
    const r = await room(s, "/history/export");
    expect(r.status).toBe(200);
    const text = r.body as string;
    expect(text.match(/^commit refs\/heads\/main$/gm)).toHaveLength(2);
    expect(text).toContain("Source: human\nCommand: inc\nChangeset: cs-x\n");
    expect(text).toContain("Command: set_styles");
    expect(text).toContain("M 100644 inline state.json");
    expect(text).toContain(".count{color:red}");
    expect(text.trimEnd().endsWith("done")).toBe(true);
  });
});

describe("snapshots", () => {
  it("saves, lists and restores a snapshot as a recorded command", async () => {
    const s = await counter();
    await run(s, [inc(4)]);
    expect((await room(s, "/snapshots", { body: { name: "four" } })).status).toBe(201);
    await run(s, [inc(6)]);
    expect((await room(s, "/snapshots")).body.snapshots).toEqual([expect.objectContaining({ name: "four", version: 1 })]);
    const restored = await room(s, "/snapshots/four/restore", { method: "POST" });
    expect(restored.status).toBe(200);
    expect((await room(s, "/state")).body).toMatchObject({ version: 3, state: { count: 4 } });
    expect((await room(s, "/history?limit=1")).body.records[0].command).toBe("restore_snapshot");
    expect((await room(s, "/snapshots/none/restore", { method: "POST" })).status).toBe(404);
    expect((await room(s, "/snapshots", { body: { name: "../bad name" } })).status).toBe(400);
  });
});
