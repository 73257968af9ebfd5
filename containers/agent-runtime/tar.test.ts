import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { readTar, safePath } from "./tar";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function tarOf(files: Record<string, string>, extra: (dir: string) => void = () => {}, flags: string[] = []): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), "tar-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  extra(dir);
  return gunzipSync(execFileSync("tar", ["-czf", "-", "-C", dir, ...flags, "."]));
}

describe("bundle tar reader", () => {
  it("reads regular files and directories with normalized paths", () => {
    const entries = readTar(tarOf({ "main.js": "console.log(1)" }));
    expect(entries.filter((e) => e.type === "file").map((e) => [e.path, new TextDecoder().decode(e.data)])).toEqual([["main.js", "console.log(1)"]]);
  });

  it("reads long names (GNU and pax headers)", () => {
    const long = `${"d".repeat(120)}.js`;
    for (const format of ["gnu", "pax"]) {
      const entries = readTar(tarOf({ [long]: "x" }, () => {}, [`--format=${format}`]));
      expect(entries.map((e) => e.path)).toContain(long);
    }
  });

  it("refuses symbolic links", () => {
    expect(() => readTar(tarOf({ "a.js": "" }, (d) => symlinkSync("/etc/passwd", join(d, "link"))))).toThrow(/not a regular file or directory/);
  });

  it("refuses absolute paths and paths that leave the bundle", () => {
    expect(() => safePath("/etc/passwd")).toThrow(/absolute/);
    expect(() => safePath("a/../../b")).toThrow(/leaves the bundle/);
    expect(() => safePath("C:/x")).toThrow(/absolute/);
    expect(safePath("./lib//x.js")).toBe("lib/x.js");
  });

  it("refuses an archive cut short", () => {
    const tar = tarOf({ "a.js": "x".repeat(2000) });
    expect(() => readTar(tar.subarray(0, 1024))).toThrow(/cut short/);
  });
});
