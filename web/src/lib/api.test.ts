import { describe, expect, it } from "vitest";
import { ApiError, createApi, errorMessage, toApiError } from "./api";

interface Call {
  url: string;
  init: RequestInit | undefined;
}

function fakeFetch(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: Call[] = [];
  const fetch = async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    const text = typeof body === "string" ? body : JSON.stringify(body);
    return new Response(status === 204 ? null : text, { status, headers });
  };
  return { calls, fetch };
}

describe("api client", () => {
  it("sends JSON with same-origin credentials and returns the parsed body", async () => {
    const { calls, fetch } = fakeFetch(200, { identity: { id: "i1", name: "Ada", type: "human" }, workspace: null, role: null });
    const api = createApi({ fetch });
    const session = await api.login("ada@example.com", "pw");
    expect(session.identity.name).toBe("Ada");
    expect(calls[0]?.url).toBe("/api/auth/login");
    expect(calls[0]?.init?.method).toBe("POST");
    expect(calls[0]?.init?.credentials).toBe("same-origin");
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ email: "ada@example.com", password: "pw" });
    expect(new Headers(calls[0]?.init?.headers).get("content-type")).toBe("application/json");
  });

  it("encodes path and query parameters", async () => {
    const { calls, fetch } = fakeFetch(200, { tokens: [] });
    const api = createApi({ fetch, base: "http://x" });
    await api.listTokens("ws 1/2");
    await api.changeRole("ws", "id/x", "admin");
    expect(calls[0]?.url).toBe("http://x/api/auth/tokens?workspace_id=ws%201%2F2");
    expect(calls[1]?.url).toBe("http://x/api/workspaces/ws/members/id%2Fx");
    expect(calls[1]?.init?.method).toBe("PATCH");
  });

  it("sends no body on GET and DELETE", async () => {
    const { calls, fetch } = fakeFetch(200, { ok: true });
    const api = createApi({ fetch });
    await api.revokeToken("t1");
    expect(calls[0]?.init?.method).toBe("DELETE");
    expect(calls[0]?.init?.body).toBeUndefined();
  });

  it("throws an ApiError carrying status, code, message and details", async () => {
    const { fetch } = fakeFetch(409, { error: { code: "last_owner", message: "A workspace needs an owner", details: { n: 1 } } });
    const api = createApi({ fetch });
    const error = await api.removeMember("ws", "me").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: "last_owner", message: "A workspace needs an owner", details: { n: 1 } });
  });

  it("reads Retry-After on a 429", async () => {
    const { fetch } = fakeFetch(429, { error: { code: "rate_limited", message: "Too many attempts." } }, { "retry-after": "30" });
    const error = await createApi({ fetch })
      .login("a@b.c", "x")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, retryAfter: 30 });
    expect(errorMessage(error)).toBe("Too many attempts. Try again in 30 s.");
  });

  it("turns a non-JSON error into an http_<status> ApiError", async () => {
    const { fetch } = fakeFetch(502, "<html>bad gateway</html>");
    const error = await createApi({ fetch })
      .whoami()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: "http_502" });
  });

  it("turns a network failure into a status-0 ApiError", async () => {
    const api = createApi({
      fetch: async () => {
        throw new TypeError("fetch failed");
      },
    });
    const error = await api.whoami().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: "network_error" });
    expect((error as ApiError).cause).toBeInstanceOf(TypeError);
  });

  it("adds the workspace to whoami only when given", async () => {
    const { calls, fetch } = fakeFetch(200, {});
    const api = createApi({ fetch });
    await api.whoami();
    await api.whoami("w1");
    expect(calls.map((c) => c.url)).toEqual(["/api/auth/whoami", "/api/auth/whoami?workspace=w1"]);
  });
});

describe("onUnauthorized", () => {
  it("reports a 401 from a session-bound call, not from a sign-in", async () => {
    const { fetch } = fakeFetch(401, { error: { code: "unauthorized", message: "Sign in first" } });
    const api = createApi({ fetch });
    const seen: string[] = [];
    const off = api.onUnauthorized((error) => seen.push(error.code));
    await api.listWorkspaces().catch(() => undefined);
    await api.login("a@b.c", "x").catch(() => undefined);
    await api.whoami().catch(() => undefined);
    await api.acceptInvitation("t", "n", "p").catch(() => undefined);
    expect(seen).toEqual(["unauthorized"]);
    off();
    await api.listWorkspaces().catch(() => undefined);
    expect(seen).toHaveLength(1);
  });
});

describe("toApiError", () => {
  it("uses the code as message when the message is missing", () => {
    expect(toApiError(400, { error: { code: "bad" } }).message).toBe("bad");
  });
  it("falls back to the status text", () => {
    expect(toApiError(500, null, "Internal Server Error")).toMatchObject({ code: "http_500", message: "Internal Server Error" });
  });
});
