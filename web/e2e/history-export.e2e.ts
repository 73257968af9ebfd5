// Against the live platform: the history export of a real room goes into real `git fast-import`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { e2eEnv } from "./browser";

const env = e2eEnv();
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function api(path: string, body?: unknown) {
  const res = await fetch(`${env.url}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${env.token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res;
}

describe("history export", () => {
  it("imports into git with the Source, Command and Changeset trailers on every commit", async () => {
    const ws = ((await (await api("/api/auth/whoami")).json()) as { workspace: { id: string } }).workspace.id;
    const instance = `export-${Date.now()}`;
    const commands = [
      { plugin: "graphist", instance, command: "add_node", params: { x: 10, y: 10, label: "A" } },
      { plugin: "graphist", instance, command: "add_node", params: { x: 90, y: 10, label: "B" } },
      { plugin: "graphist", instance, command: "connect", params: { from: "n1", to: "n2" } },
    ];
    expect((await api(`/api/w/${ws}/dispatch`, { commands, changeset: "e2e-export" })).status).toBe(200);
    const stream = await (await api(`/api/w/${ws}/p/graphist/history/export?instance=${instance}`)).text();

    const dir = mkdtempSync(join(tmpdir(), "fos-export-"));
    dirs.push(dir);
    execFileSync("git", ["init", "-q", "--bare", dir]);
    execFileSync("git", ["-C", dir, "fast-import", "--quiet"], { input: stream });
    const log = execFileSync("git", ["-C", dir, "log", "--format=%(trailers)%x00", "main"], { encoding: "utf8" });
    const commits = log.split("\0").map((t) => t.trim()).filter(Boolean);
    expect(commits).toHaveLength(3);
    for (const trailers of commits) {
      expect(trailers).toMatch(/^Source: human$/m);
      expect(trailers).toMatch(/^Command: (add_node|connect)$/m);
      expect(trailers).toMatch(/^Changeset: e2e-export$/m);
    }
    const state = JSON.parse(execFileSync("git", ["-C", dir, "show", "main:state.json"], { encoding: "utf8" })) as { edges: unknown[] };
    expect(state.edges).toHaveLength(1);
  });
});
