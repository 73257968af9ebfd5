import { describe, expect, it } from "vitest";
import type { Member, Role } from "../../lib/api";
import { assignableRoles, canEditMember, inviteOutcome, sortMembers, validateInvite } from "./members";

const member = (name: string, role: Role): Member => ({
  identity: { id: name.toLowerCase(), name, type: "human", email: `${name.toLowerCase()}@example.com` },
  role,
  joined_at: "2026-01-01T00:00:00Z",
});

describe("members logic", () => {
  it("sorts owners first, then by name", () => {
    const sorted = sortMembers([member("zed", "viewer"), member("bob", "owner"), member("Amy", "member"), member("al", "owner")]);
    expect(sorted.map((m) => m.identity.name)).toEqual(["al", "bob", "Amy", "zed"]);
  });

  it("lets owners assign every role and admins all but owner", () => {
    expect(assignableRoles("owner")).toEqual(["owner", "admin", "member", "viewer"]);
    expect(assignableRoles("admin")).toEqual(["admin", "member", "viewer"]);
    expect(assignableRoles("member")).toEqual([]);
    expect(assignableRoles(null)).toEqual([]);
  });

  it("keeps admins' controls off owners", () => {
    expect(canEditMember("admin", member("o", "owner"))).toBe(false);
    expect(canEditMember("admin", member("m", "member"))).toBe(true);
    expect(canEditMember("owner", member("o", "owner"))).toBe(true);
    expect(canEditMember("viewer", member("m", "member"))).toBe(false);
  });

  it("validates and normalises the invite form", () => {
    expect(validateInvite("  Ada@Example.COM ", "admin")).toEqual({ ok: true, email: "ada@example.com", role: "admin" });
    expect(validateInvite("not-an-email", "member")).toMatchObject({ ok: false });
    expect(validateInvite("a@b.co", "superuser")).toMatchObject({ ok: false, message: "Choose a role." });
  });

  it("tells an added member from an invitation link", () => {
    expect(inviteOutcome({ member: member("Ada", "member") })).toMatchObject({ kind: "member" });
    const invitation = { id: "i1", email: "x@y.z", role: "viewer" as const, expires_at: "2026-02-01T00:00:00Z", accept_url: "/invite/tok" };
    expect(inviteOutcome({ invitation })).toEqual({ kind: "invitation", invitation, acceptPath: "/invite/tok" });
    const { accept_url: _, ...withoutUrl } = invitation;
    expect(inviteOutcome({ invitation: withoutUrl })).toMatchObject({ acceptPath: null });
  });
});
