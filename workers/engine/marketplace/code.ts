import { toHex } from "../../../lib/auth/encoding";
import { MAX_CODE_BYTES } from "../../../lib/protocol/agent";
import type { Env } from "../../env";
import { AppError, invalid } from "../../middleware/errors";

/** Decodes the base64 `code` of a publish request; 413 past `MAX_CODE_BYTES` decoded, 400 for bad base64. */
export function decodeCode(base64: string, maxBytes = MAX_CODE_BYTES): Uint8Array {
  const clean = base64.replace(/\s+/g, "");
  const approx = Math.floor((clean.length * 3) / 4) - (clean.endsWith("==") ? 2 : clean.endsWith("=") ? 1 : 0);
  if (approx > maxBytes) {
    throw new AppError(413, "payload_too_large", `the code is ${approx} bytes; the limit is ${maxBytes}`, { limit: maxBytes, size: approx });
  }
  let binary: string;
  try {
    binary = atob(clean);
  } catch {
    throw invalid("code is not valid base64", [{ path: "code", message: "must be base64" }]);
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  if (bytes.length === 0) throw invalid("code is empty", [{ path: "code", message: "must not be empty" }]);
  return bytes;
}

export async function sha256Bytes(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)));
}

/** Where a version's code lives in R2. */
export const codeKey = (agentId: string, version: string, format: "js" | "tar.gz") => `agents/${agentId}/${version}.${format}`;

/** Stores a version's code in R2 with its sha256 (R2 checks it on upload too). */
export async function storeCode(env: Pick<Env, "BLOBS">, key: string, bytes: Uint8Array, sha256: string): Promise<void> {
  await env.BLOBS.put(key, bytes, { sha256, customMetadata: { sha256 }, httpMetadata: { contentType: key.endsWith(".js") ? "text/javascript" : "application/gzip" } });
}
