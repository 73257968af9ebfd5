/** Random identifiers and bearer secrets; only SHA-256 digests of secrets are stored. */
import { toBase64Url, toHex } from "./encoding";

const ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/** A random id such as `ws_8k2m…` (Crockford-style base32, 16 characters = 80 bits). */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let s = "";
  for (const b of bytes) s += ID_ALPHABET[b & 31];
  return `${prefix}_${s}`;
}

/** A bearer secret with a recognisable prefix, e.g. `fos_…` for API tokens. */
export function newSecret(prefix: string): string {
  return `${prefix}_${toBase64Url(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/** Hex SHA-256 of a secret, as stored at rest. */
export async function sha256Hex(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));
}

/** A readable random password for a generated account. */
export function newPassword(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(15)));
}
