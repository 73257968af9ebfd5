/** How bad a finding is: `critical` rejects the agent; anything else sends it to manual review. */
export type Severity = "critical" | "high" | "medium" | "low";

export const SEVERITY_ORDER: readonly Severity[] = ["critical", "high", "medium", "low"];

/** One thing the scanner flagged, at a 1-based line and 0-based column of a file. */
export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  col: number;
}

export type RuleId =
  | "parse-error"
  | "child-process"
  | "code-eval"
  | "function-constructor"
  | "dynamic-require"
  | "dynamic-import"
  | "fs-access"
  | "network-module"
  | "network-global"
  | "crypto-address-eth"
  | "crypto-address-btc"
  | "dependency-unpinned"
  | "dependency-unknown"
  | "dependency-invalid"
  | "dependency-undeclared"
  | "bundle-unreadable";

/** The scanner's verdict over a whole bundle. */
export interface ScanReport {
  /** True when nothing of medium severity or worse was found. */
  passed: boolean;
  /** True when a critical finding means the agent is rejected outright. */
  rejected: boolean;
  findings: Finding[];
  /** The files that were scanned. */
  files: string[];
  /** Files in the bundle that were not scanned (not JavaScript), capped. */
  skipped: string[];
}

/** Builds the report from findings: sorted by severity, then file and position. */
export function report(findings: Finding[], files: string[], skipped: string[]): ScanReport {
  const rank = (s: Severity) => SEVERITY_ORDER.indexOf(s);
  const sorted = [...findings].sort(
    (a, b) => rank(a.severity) - rank(b.severity) || a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col,
  );
  return {
    passed: !sorted.some((f) => rank(f.severity) <= rank("medium")),
    rejected: sorted.some((f) => f.severity === "critical"),
    findings: sorted,
    files,
    skipped,
  };
}
