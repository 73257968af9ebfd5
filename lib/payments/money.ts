/** Currencies, minor units and the revenue split of one captured amount. Pure; integer math only. */

/** Supported currencies and their minor-unit exponent (INR paise, USD cents). */
export const CURRENCIES = { INR: 2, USD: 2 } as const;
export type Currency = keyof typeof CURRENCIES;
export const DEFAULT_CURRENCY: Currency = "INR";

/** Largest amount in minor units the platform accepts in one operation (10^12, far below 2^53 / 100). */
export const MAX_AMOUNT = 1_000_000_000_000;

export function isCurrency(value: string): value is Currency {
  return Object.hasOwn(CURRENCIES, value);
}

/** True for a whole, non-negative number of minor units within MAX_AMOUNT. */
export function isAmount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0 && value <= MAX_AMOUNT;
}

/** Shares in basis points (1/100 of a percent). */
export const DEVELOPER_BPS = 7000;
export const PLATFORM_BPS = 2000;
export const ORCHESTRATOR_BPS = 1000;

export interface Split {
  /** The amount paid; always developer + platform + orchestrator. */
  amount: number;
  developer: number;
  /** The platform's whole share, the rail fee included. */
  platform: number;
  orchestrator: number;
  /** The payment rail's fee, part of the platform's share. */
  fee: number;
  /** What the platform keeps after the rail's fee: platform - fee. */
  platformNet: number;
}

/**
 * Splits a captured amount: developer 70 %, orchestrator 10 % (0 without an orchestrator),
 * platform the rest (20 %, or 30 % without an orchestrator, plus every rounding remainder).
 * The rail fee (`feeBps` of the amount, rounded down) is taken from the platform's share.
 *
 * @example splitAmount(100, { orchestrator: true, feeBps: 500 })
 *   // { amount: 100, developer: 70, platform: 20, orchestrator: 10, fee: 5, platformNet: 15 }
 */
export function splitAmount(amount: number, o: { orchestrator: boolean; feeBps: number }): Split {
  if (!isAmount(amount)) throw new RangeError(`amount must be whole minor units in [0, ${MAX_AMOUNT}], got ${amount}`);
  if (!Number.isInteger(o.feeBps) || o.feeBps < 0 || o.feeBps > PLATFORM_BPS) throw new RangeError(`feeBps must be an integer in [0, ${PLATFORM_BPS}]`);
  const developer = Math.floor((amount * DEVELOPER_BPS) / 10_000);
  const orchestrator = o.orchestrator ? Math.floor((amount * ORCHESTRATOR_BPS) / 10_000) : 0;
  const platform = amount - developer - orchestrator;
  const fee = Math.min(platform, Math.floor((amount * o.feeBps) / 10_000));
  return { amount, developer, platform, orchestrator, fee, platformNet: platform - fee };
}

/** Formats minor units for people, e.g. `formatMoney(105, "INR")` → `₹1.05`. */
export function formatMoney(amount: number, currency: string): string {
  const symbol = currency === "INR" ? "₹" : currency === "USD" ? "$" : `${currency} `;
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount);
  return `${sign}${symbol}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
