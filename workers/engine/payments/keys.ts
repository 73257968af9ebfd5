import { fromBase64Url, toBase64Url } from "../../../lib/auth/encoding";
import { newId } from "../../../lib/auth/secrets";
import { canonicalJson } from "../../../lib/payments/canonical-json";
import { generateSigningKey, publicJwk, signCompact, signDetached, type Jwks, type PublicJwk, type SigningKey } from "../../../lib/payments/jws";
import type { PaymentsEnv } from "./config";

const DEV_KEK_SEED = "frameos-development-payments-kek-not-for-production";
const kekCache = new Map<string, Promise<SigningKey>>();
const privateCache = new Map<string, Promise<SigningKey>>();

/** The AES-256-GCM key that wraps signing keys: PAYMENTS_KEK, or one derived from a development constant. */
function kek(env: PaymentsEnv): Promise<SigningKey> {
  const source = env.PAYMENTS_KEK ?? "";
  let key = kekCache.get(source);
  if (!key) {
    key = (async () => {
      if (source) return crypto.subtle.importKey("raw", fromBase64Url(source), "AES-GCM", false, ["encrypt", "decrypt"]);
      const base = await crypto.subtle.importKey("raw", new TextEncoder().encode(DEV_KEK_SEED), "HKDF", false, ["deriveKey"]);
      return crypto.subtle.deriveKey(
        { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(32), info: new TextEncoder().encode("frameos payments kek v1") },
        base, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"],
      );
    })();
    kekCache.set(source, key);
  }
  return key;
}

interface KeyRow {
  kid: string;
  public_jwk: string;
  private_key_enc: string;
  iv: string;
  status: "active" | "retired";
}

/** Creates a new active signing key and retires the previous one (still published, so old signatures verify). */
export async function rotateSigningKey(env: PaymentsEnv): Promise<PublicJwk> {
  const pair = await generateSigningKey();
  const kid = newId("key");
  const jwk = await publicJwk(pair.publicKey, kid);
  const pkcs8 = new Uint8Array((await crypto.subtle.exportKey("pkcs8", pair.privateKey)) as ArrayBuffer);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: new TextEncoder().encode(kid) }, await kek(env), pkcs8));
  await env.DB.batch([
    env.DB.prepare("UPDATE signing_keys SET status = 'retired', retired_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE status = 'active'"),
    env.DB.prepare("INSERT INTO signing_keys (kid, public_jwk, private_key_enc, iv, status) VALUES (?1, ?2, ?3, ?4, 'active')").bind(kid, JSON.stringify(jwk), toBase64Url(sealed), toBase64Url(iv)),
  ]);
  privateCache.set(kid, Promise.resolve(pair.privateKey));
  activeByDb.set(env.DB, { kid, key: pair.privateKey, at: Date.now() });
  return jwk;
}

/** The active key is re-read at most once a minute per isolate (a rotation elsewhere takes effect within that minute). */
const ACTIVE_TTL_MS = 60_000;
const activeByDb = new WeakMap<object, { kid: string; key: SigningKey; at: number }>();

async function activeKey(env: PaymentsEnv): Promise<{ kid: string; key: SigningKey }> {
  const cached = activeByDb.get(env.DB);
  if (cached && Date.now() - cached.at < ACTIVE_TTL_MS) return cached;
  let row = await env.DB.prepare("SELECT * FROM signing_keys WHERE status = 'active' ORDER BY created_at DESC, rowid DESC LIMIT 1").first<KeyRow>();
  if (!row) {
    await rotateSigningKey(env);
    row = await env.DB.prepare("SELECT * FROM signing_keys WHERE status = 'active' ORDER BY created_at DESC, rowid DESC LIMIT 1").first<KeyRow>();
    if (!row) throw new Error("no signing key after creating one");
  }
  const found = row;
  let key = privateCache.get(found.kid);
  if (!key) {
    key = (async () => {
      const plain = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: fromBase64Url(found.iv), additionalData: new TextEncoder().encode(found.kid) },
        await kek(env), fromBase64Url(found.private_key_enc),
      );
      return crypto.subtle.importKey("pkcs8", plain, { name: "Ed25519" }, false, ["sign"]);
    })();
    key.catch(() => privateCache.delete(found.kid));
    privateCache.set(found.kid, key);
  }
  const fresh = { kid: found.kid, key: await key, at: Date.now() };
  activeByDb.set(env.DB, fresh);
  return fresh;
}

/** Signs the canonical JSON of a value (detached); returns the signed text, signature and kid. */
export async function signCanonical(env: PaymentsEnv, value: unknown): Promise<{ payload: string; signature: string; kid: string }> {
  const { kid, key } = await activeKey(env);
  const payload = canonicalJson(value);
  return { payload, signature: await signDetached(key, payload), kid };
}

/** Signs a payload as a compact JWS (alg EdDSA, kid of the active key). */
export async function signJws(env: PaymentsEnv, payload: unknown): Promise<{ jws: string; kid: string }> {
  const { kid, key } = await activeKey(env);
  return { jws: await signCompact(key, kid, payload), kid };
}

/** Every published key, newest first: the active one and the retired ones. */
export async function jwks(env: PaymentsEnv): Promise<Jwks> {
  const { results } = await env.DB.prepare("SELECT public_jwk FROM signing_keys ORDER BY created_at DESC, rowid DESC").all<{ public_jwk: string }>();
  if (results.length === 0) {
    await activeKey(env);
    return jwks(env);
  }
  return { keys: results.map((r) => JSON.parse(r.public_jwk) as PublicJwk) };
}
