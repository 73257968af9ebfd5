import type { Env } from "../../env";

/**
 * Bindings and optional vars the payments engine reads:
 * - `PAYMENTS_KEK`: base64url of 32 random bytes; encrypts the signing keys at rest (set it as a secret).
 *   Without it a key derived (HKDF-SHA256) from a built-in development constant is used — fine
 *   for local runs and tests, never for production.
 * - `PAYMENTS_FEE_BPS`: rail fees per provider in basis points, e.g. `ledger=0,stripe=500,x402=0`.
 * - `PAYMENTS_MANDATE_TTL_SECONDS` (default 3600), `PAYMENTS_PAYOUT_THRESHOLD` (minor units, default 100000).
 */
export type PaymentsEnv = Pick<Env, "DB"> & {
  PAYMENTS_KEK?: string;
  PAYMENTS_FEE_BPS?: string;
  PAYMENTS_MANDATE_TTL_SECONDS?: string;
  PAYMENTS_PAYOUT_THRESHOLD?: string;
};

export type Provider = "ledger" | "stripe" | "x402";

/** Card rails charge 5 % in the design's example; the prepaid ledger and x402 charge nothing by default. */
export const DEFAULT_FEE_BPS: Record<Provider, number> = { ledger: 0, stripe: 500, x402: 0 };

export function feeBps(env: PaymentsEnv, provider: Provider): number {
  const configured = (env.PAYMENTS_FEE_BPS ?? "").split(",").map((p) => p.trim().split("="));
  for (const [name, value] of configured) {
    const n = Number(value);
    if (name === provider && Number.isInteger(n) && n >= 0 && n <= 2000) return n;
  }
  return DEFAULT_FEE_BPS[provider];
}

export function mandateTtlSeconds(env: PaymentsEnv): number {
  const n = Number(env.PAYMENTS_MANDATE_TTL_SECONDS);
  return Number.isInteger(n) && n > 0 ? n : 3600;
}

export function payoutThreshold(env: PaymentsEnv): number {
  const n = Number(env.PAYMENTS_PAYOUT_THRESHOLD);
  return Number.isInteger(n) && n > 0 ? n : 100_000;
}

export const isoNow = (at = Date.now()) => new Date(at).toISOString();
