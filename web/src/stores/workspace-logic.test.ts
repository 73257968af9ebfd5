import { describe, expect, it } from "vitest";
import { canManage, sortWorkspaces, validateWorkspaceName } from "./workspace-logic";
import { pickWorkspace } from "../routes/home/home";
import { validateAccept } from "../routes/invite/invite";

const ws = (id: string, name: string) => ({ id, name, role: "owner" as const, created_at: "2026-01-01T00:00:00Z" });

describe("workspace logic", () => {
  it("sorts by name without case", () => {
    expect(sortWorkspaces([ws("2", "beta"), ws("1", "Alpha"), ws("3", "alpha")]).map((w) => w.id)).toEqual(["1", "3", "2"]);
  });

  it("validates a workspace name", () => {
    expect(validateWorkspaceName("  Team  ")).toEqual({ ok: true, name: "Team" });
    expect(validateWorkspaceName(" ")).toMatchObject({ ok: false });
    expect(validateWorkspaceName("x".repeat(81))).toMatchObject({ ok: false });
  });

  it("lets owners and admins manage", () => {
    expect([canManage("owner"), canManage("admin"), canManage("member"), canManage(null)]).toEqual([true, true, false, false]);
  });

  it("opens the session's workspace if listed, else the first", () => {
    const list = [ws("a", "A"), ws("b", "B")];
    expect(pickWorkspace("b", list)).toBe("b");
    expect(pickWorkspace("gone", list)).toBe("a");
    expect(pickWorkspace(null, [])).toBeNull();
  });

  it("checks the invitation accept form", () => {
    expect(validateAccept(" Ada ", "secret")).toEqual({ ok: true, name: "Ada" });
    expect(validateAccept("", "secret")).toMatchObject({ ok: false });
    expect(validateAccept("Ada", "")).toMatchObject({ ok: false });
  });
});
