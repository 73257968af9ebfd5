import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { commitMessage, fastImport, type ExportRecord } from "./fast-import";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function importIntoGit(stream: string): string {
  const dir = mkdtempSync(join(tmpdir(), "fos-fast-import-"));
  dirs.push(dir);
  execFileSync("git", ["init", "-q", "--bare", dir]);
  execFileSync("git", ["-C", dir, "fast-import", "--quiet"], { input: stream });
  return dir;
}

const author = { id: "idn_1", name: "Ada Lovelace", type: "human" };
const records: ExportRecord[] = [
  {
    seq: 1,
    at: "2026-11-21T10:00:00.000Z",
    author,
    message: commitMessage("add_node", { x: 1, y: 2, label: "ünïcode ✓" }, [["Source", "human"], ["Command", "add_node"], ["Changeset", "cs_1"]]),
    files: { "plugin.json": "{}\n", "handlers.star": "def add_node(state, params, ctx):\n    return {}\n" },
    state: { nodes: [{ id: "n1", label: "ünïcode ✓" }] },
  },
  {
    seq: 2,
    at: "2026-11-21T10:01:00.000Z",
    author: { id: "idn_2", name: "Bot <evil>\nname", type: "ai" },
    message: commitMessage("revert", { changeset: "cs_1" }, [["Source", "ai"], ["Command", "revert"], ["Changeset", "cs_2"], ["Reverts", "cs_1"]]),
    files: { "plugin.json": "{}\n", "handlers.star": "" },
    state: { nodes: [] },
  },
];

describe("git fast-import export", () => {
  it("is accepted by real git fast-import, one commit per record with the trailers", () => {
    const dir = importIntoGit([...fastImport(records)].join(""));
    const log = execFileSync("git", ["-C", dir, "log", "--reverse", "--format=%an|%ae|%(trailers:key=Source,key=Command,key=Changeset,valueonly,separator=%x2C)", "main"], { encoding: "utf8" });
    expect(log.trim().split("\n")).toEqual(["Ada Lovelace|idn_1@human.frameos|human,add_node,cs_1", "Bot evilname|idn_2@ai.frameos|ai,revert,cs_2"]);
    const state = execFileSync("git", ["-C", dir, "show", "main~1:state.json"], { encoding: "utf8" });
    expect(JSON.parse(state)).toEqual(records[0]!.state);
    const tree = execFileSync("git", ["-C", dir, "ls-tree", "--name-only", "main"], { encoding: "utf8" });
    expect(tree.trim().split("\n")).toEqual(["handlers.star", "plugin.json", "state.json"]);
  });
});
