import { describe, expect, it } from "vitest";
import type { TokenSummary } from "../../lib/api";
import { buildCreateToken, sortTokens, toggleScope, tokenStatus } from "./tokens";
import type { TokenForm } from "./tokens";

const now = new Date("2026-03-01T00:00:00Z");
const form = (over: Partial<TokenForm> = {}): TokenForm => ({
  name: "ci",
  scopes: ["read"],
  expiresInDays: "30",
  forAi: false,
  aiName: "",
  ...over,
});
const token = (id: string, over: Partial<TokenSummary> = {}): TokenSummary => ({
  id,
  name: id,
  prefix: "fos_abc",
  scopes: ["read"],
  identity: { id: "i", name: "Admin", type: "human" },
  created_at: "2026-02-01T00:00:00Z",
  expires_at: null,
  last_used_at: null,
  revoked_at: null,
  ...over,
});

describe("tokenStatus", () => {
  it("is revoked before expired, and never expires without a date", () => {
    expect(tokenStatus(token("a", { revoked_at: "2026-02-02T00:00:00Z", expires_at: "2026-01-01T00:00:00Z" }), now)).toBe("revoked");
    expect(tokenStatus(token("b", { expires_at: "2026-02-28T00:00:00Z" }), now)).toBe("expired");
    expect(tokenStatus(token("c", { expires_at: "2026-04-01T00:00:00Z" }), now)).toBe("active");
    expect(tokenStatus(token("d"), now)).toBe("active");
  });

  it("sorts active tokens first, newest first", () => {
    const list = [
      token("old", { created_at: "2026-01-01T00:00:00Z" }),
      token("revoked", { created_at: "2026-02-20T00:00:00Z", revoked_at: "2026-02-21T00:00:00Z" }),
      token("new", { created_at: "2026-02-10T00:00:00Z" }),
    ];
    expect(sortTokens(list, now).map((t) => t.id)).toEqual(["new", "old", "revoked"]);
  });
});

describe("buildCreateToken", () => {
  it("builds the body with canonical scope order and a number of days", () => {
    expect(buildCreateToken("w1", form({ name: "  deploy ", scopes: ["admin", "read"], expiresInDays: " 7 " }))).toEqual({
      ok: true,
      body: { workspace_id: "w1", name: "deploy", scopes: ["read", "admin"], expires_in_days: 7 },
    });
  });

  it("leaves the expiry out when empty", () => {
    const built = buildCreateToken("w1", form({ expiresInDays: "" }));
    expect(built.ok && "expires_in_days" in built.body).toBe(false);
  });

  it("adds the AI identity when asked", () => {
    expect(buildCreateToken("w1", form({ forAi: true, aiName: " Bot " }))).toMatchObject({ ok: true, body: { ai_identity: { name: "Bot" } } });
    expect(buildCreateToken("w1", form({ forAi: false, aiName: "Bot" }))).not.toMatchObject({ body: { ai_identity: {} } });
  });

  it.each([
    [{ name: " " }, "name"],
    [{ scopes: [] }, "scopes"],
    [{ expiresInDays: "0" }, "expiresInDays"],
    [{ expiresInDays: "1.5" }, "expiresInDays"],
    [{ expiresInDays: "99999" }, "expiresInDays"],
    [{ forAi: true, aiName: "" }, "aiName"],
  ] as const)("rejects %o on field %s", (over, field) => {
    expect(buildCreateToken("w1", form(over as Partial<TokenForm>))).toMatchObject({ ok: false, field });
  });
});

describe("toggleScope", () => {
  it("adds and removes in canonical order", () => {
    expect(toggleScope(["admin"], "read", true)).toEqual(["read", "admin"]);
    expect(toggleScope(["read", "write"], "read", false)).toEqual(["write"]);
    expect(toggleScope(["read"], "read", true)).toEqual(["read"]);
  });
});
