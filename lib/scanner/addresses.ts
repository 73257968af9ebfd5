import type { Finding } from "./findings";

const PATTERNS = [
  { rule: "crypto-address-eth", name: "an Ethereum address", re: /(?<![0-9A-Za-z_$])0x[0-9a-fA-F]{40}(?![0-9a-zA-Z_$])/g },
  { rule: "crypto-address-btc", name: "a bech32 Bitcoin address", re: /(?<![0-9A-Za-z_$])bc1[ac-hj-np-z02-9]{11,71}(?![0-9a-zA-Z_$])/g },
] as const;

/** Line (1-based) and column (0-based) of an offset in a text. */
export function position(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start };
}

/**
 * Crypto-wallet addresses (40-hex Ethereum, bech32 Bitcoin) in a text — the raw source, or a
 * string literal's value at `at` (escapes such as `\x30x...` only show in the value).
 */
export function findAddresses(text: string, file: string, at?: { line: number; col: number }): Finding[] {
  const out: Finding[] = [];
  for (const { rule, name, re } of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const where = at ?? position(text, m.index);
      out.push({ rule, severity: "high", message: `${name} (${m[0].slice(0, 12)}…) in the code`, file, ...where });
    }
  }
  return out;
}
