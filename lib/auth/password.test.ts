import { describe, expect, it } from "vitest";
import { PBKDF2_ITERATIONS, hashPassword, verifyPassword } from "./password";
import { newId, newSecret, sha256Hex } from "./secrets";

describe("passwords", () => {
  it("uses exactly 100,000 PBKDF2 iterations, the deployed Workers limit", async () => {
    expect(PBKDF2_ITERATIONS).toBe(100_000);
    const stored = await hashPassword("correct horse");
    expect(stored.split("$")[1]).toBe("100000");
  });

  it("verifies the right password and rejects a wrong one", async () => {
    const stored = await hashPassword("correct horse");
    expect(await verifyPassword("correct horse", stored)).toBe(true);
    expect(await verifyPassword("correct horsE", stored)).toBe(false);
  });

  it("salts each hash so equal passwords hash differently", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("rejects malformed or over-iterated stored hashes without throwing", async () => {
    expect(await verifyPassword("x", "garbage")).toBe(false);
    expect(await verifyPassword("x", "pbkdf2-sha256$200000$AAAA$AAAA")).toBe(false);
  });
});

describe("secrets", () => {
  it("makes prefixed unique ids and secrets and hashes them to 64 hex chars", async () => {
    expect(newId("ws")).toMatch(/^ws_[0-9a-z]{16}$/);
    expect(newId("ws")).not.toBe(newId("ws"));
    expect(newSecret("fos")).toMatch(/^fos_[A-Za-z0-9_-]{43}$/);
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
