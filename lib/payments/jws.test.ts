import { createPublicKey, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fromBase64Url } from "../auth/encoding";
import { generateSigningKey, JwsError, publicJwk, signCompact, verifyCompact } from "./jws";

describe("compact JWS with EdDSA", () => {
  it("signs a payload that Node's own crypto verifies with the published JWK", async () => {
    const pair = await generateSigningKey();
    const jwk = await publicJwk(pair.publicKey, "k1");
    const jws = await signCompact(pair.privateKey, "k1", { receipt_id: "rcp_1", amount: 100 });
    const [h, p, s] = jws.split(".") as [string, string, string];
    const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: "jwk" });
    expect(verify(null, Buffer.from(`${h}.${p}`), key, Buffer.from(fromBase64Url(s)))).toBe(true);
    expect(JSON.parse(Buffer.from(h, "base64url").toString())).toEqual({ alg: "EdDSA", kid: "k1", typ: "JWT" });
  });

  it("verifies by kid across rotated keys and refuses tampering", async () => {
    const old = await generateSigningKey();
    const next = await generateSigningKey();
    const jwks = { keys: [await publicJwk(next.publicKey, "k2"), await publicJwk(old.publicKey, "k1")] };
    const jws = await signCompact(old.privateKey, "k1", { n: 1 });
    expect((await verifyCompact(jws, jwks)).payload).toEqual({ n: 1 });
    const [h, , s] = jws.split(".");
    const forged = `${h}.${Buffer.from('{"n":2}').toString("base64url")}.${s}`;
    await expect(verifyCompact(forged, jwks)).rejects.toMatchObject({ code: "bad_signature" });
    await expect(verifyCompact(jws, { keys: [jwks.keys[0]!] })).rejects.toBeInstanceOf(JwsError);
    await expect(verifyCompact("a.b", jwks)).rejects.toMatchObject({ code: "malformed" });
  });
});
