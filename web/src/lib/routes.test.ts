import { describe, expect, it } from "vitest";
import { afterLogin, matchRoute, pageTitle, paths, requiresSession, routeWorkspace, switchWorkspacePath } from "./routes";

describe("matchRoute", () => {
  it.each([
    ["/", { name: "home" }],
    ["/login", { name: "login" }],
    ["/login/", { name: "login" }],
    ["/invite/abc123", { name: "invite", token: "abc123" }],
    ["/w/ws_1", { name: "workspace", ws: "ws_1" }],
    ["/w/ws_1/members", { name: "members", ws: "ws_1" }],
    ["/w/ws_1/tokens", { name: "tokens", ws: "ws_1" }],
    ["/w/a%20b", { name: "workspace", ws: "a b" }],
  ])("matches %s", (path, route) => {
    expect(matchRoute(path)).toEqual(route);
  });

  it.each(["/nope", "/w", "/w/x/unknown", "/invite", "/login/extra", "/w//members", "/w/%E0%A4%A"])("sends %s to not-found", (path) => {
    expect(matchRoute(path)).toEqual({ name: "not-found", path });
  });
});

describe("route helpers", () => {
  it("knows which pages need a session", () => {
    expect(requiresSession(matchRoute("/w/x/tokens"))).toBe(true);
    expect(requiresSession(matchRoute("/"))).toBe(true);
    expect(requiresSession(matchRoute("/login"))).toBe(false);
    expect(requiresSession(matchRoute("/invite/t"))).toBe(false);
    expect(requiresSession(matchRoute("/zzz"))).toBe(false);
  });

  it("finds the workspace of a page", () => {
    expect(routeWorkspace(matchRoute("/w/x/members"))).toBe("x");
    expect(routeWorkspace(matchRoute("/login"))).toBeNull();
  });

  it("builds paths that match back", () => {
    expect(matchRoute(paths.members("a/b"))).toEqual({ name: "members", ws: "a/b" });
    expect(paths.login("/w/x/tokens")).toBe("/login?next=%2Fw%2Fx%2Ftokens");
    expect(paths.login("/")).toBe("/login");
  });
});

describe("switchWorkspacePath", () => {
  it("keeps the page when switching workspaces", () => {
    expect(switchWorkspacePath(matchRoute("/w/a/members"), "b")).toBe("/w/b/members");
    expect(switchWorkspacePath(matchRoute("/w/a/tokens"), "b")).toBe("/w/b/tokens");
    expect(switchWorkspacePath(matchRoute("/w/a"), "b")).toBe("/w/b");
    expect(switchWorkspacePath(matchRoute("/"), "b")).toBe("/w/b");
  });
});

describe("pageTitle", () => {
  it("names the page, the workspace and the product", () => {
    expect(pageTitle(matchRoute("/w/a/members"), "Team")).toBe("Members · Team · FrameOS");
    expect(pageTitle(matchRoute("/login"))).toBe("Sign in · FrameOS");
  });
});

describe("afterLogin", () => {
  it("follows a same-origin next path", () => {
    expect(afterLogin("?next=%2Fw%2Fx%2Ftokens", "w1")).toBe("/w/x/tokens");
  });
  it("refuses protocol-relative, absolute and login targets", () => {
    expect(afterLogin("?next=%2F%2Fevil.example", "w1")).toBe("/w/w1");
    expect(afterLogin("?next=https%3A%2F%2Fevil.example", "w1")).toBe("/w/w1");
    expect(afterLogin("?next=%2Flogin", "w1")).toBe("/w/w1");
  });
  it("goes home without a workspace", () => {
    expect(afterLogin("", null)).toBe("/");
  });
});
