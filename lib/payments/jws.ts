/** Compact JWS with Ed25519 (alg EdDSA) on WebCrypto, and the JWKS that publishes the keys. Runtime-agnostic. */
import { fromBase64Url, toBase64Url } from "../auth/encoding";
import { canonicalJson } from "./canonical-json";

/** A public Ed25519 key as published in a JWKS. */
export interface PublicJwk {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
  kid: string;
  alg: "EdDSA";
  use: "sig";
}

export interface Jwks {
  keys: PublicJwk[];
}

export class JwsError extends Error {
  override name = "JwsError";
  constructor(
    readonly code: "malformed" | "unknown_kid" | "bad_alg" | "bad_signature",
    message: string,
  ) {
    super(message);
  }
}

const ED25519 = { name: "Ed25519" } as const;

/** WebCrypto's key type, named the same way in workerd and Node typings. */
export type SigningKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;
export interface SigningKeyPair {
  publicKey: SigningKey;
  privateKey: SigningKey;
}
const utf8 = new TextEncoder();
const b64json = (value: unknown) => toBase64Url(utf8.encode(canonicalJson(value)));

/** A new extractable Ed25519 key pair. */
export async function generateSigningKey(): Promise<SigningKeyPair> {
  return (await crypto.subtle.generateKey(ED25519, true, ["sign", "verify"])) as SigningKeyPair;
}

/** The public half as a JWK with its kid. */
export async function publicJwk(key: SigningKey, kid: string): Promise<PublicJwk> {
  const jwk = (await crypto.subtle.exportKey("jwk", key)) as { x?: string };
  if (!jwk.x) throw new Error("not an Ed25519 public key");
  return { kty: "OKP", crv: "Ed25519", x: jwk.x, kid, alg: "EdDSA", use: "sig" };
}

/** Raw Ed25519 signature of bytes, base64url. */
export async function signDetached(privateKey: SigningKey, data: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.sign(ED25519, privateKey, utf8.encode(data))));
}

export async function verifyDetached(jwk: PublicJwk, data: string, signature: string): Promise<boolean> {
  const key = await crypto.subtle.importKey("jwk", jwk, ED25519, false, ["verify"]);
  return crypto.subtle.verify(ED25519, key, fromBase64Url(signature), utf8.encode(data));
}

/**
 * Signs a JSON payload as a compact JWS: base64url(header).base64url(payload).base64url(sig),
 * header `{"alg":"EdDSA","kid","typ"}`; the payload is canonical JSON.
 *
 * @example const jws = await signCompact(pair.privateKey, "k1", { receipt_id: "rcp_1" });
 */
export async function signCompact(privateKey: SigningKey, kid: string, payload: unknown, typ = "JWT"): Promise<string> {
  const input = `${b64json({ alg: "EdDSA", kid, typ })}.${b64json(payload)}`;
  return `${input}.${await signDetached(privateKey, input)}`;
}

/** Verifies a compact JWS against a JWKS (by kid) and returns its header and payload; throws JwsError. */
export async function verifyCompact(jws: string, jwks: Jwks): Promise<{ header: Record<string, unknown>; payload: unknown }> {
  const parts = jws.split(".");
  if (parts.length !== 3) throw new JwsError("malformed", "a compact JWS has three parts");
  const [h, p, s] = parts as [string, string, string];
  let header: Record<string, unknown>;
  let payload: unknown;
  try {
    header = JSON.parse(new TextDecoder().decode(fromBase64Url(h))) as Record<string, unknown>;
    payload = JSON.parse(new TextDecoder().decode(fromBase64Url(p)));
  } catch {
    throw new JwsError("malformed", "the header or payload is not base64url JSON");
  }
  if (header.alg !== "EdDSA") throw new JwsError("bad_alg", `alg must be EdDSA, got ${String(header.alg)}`);
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  if (!jwk) throw new JwsError("unknown_kid", `no key ${String(header.kid)} in the JWKS`);
  if (!(await verifyDetached(jwk, `${h}.${p}`, s))) throw new JwsError("bad_signature", "the signature does not verify");
  return { header, payload };
}
