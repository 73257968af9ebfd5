import type { ScanReport } from "../../../lib/scanner";

/** A version's review: pending until an admin decides; a critical scan finding rejects it at once. */
export interface VersionReview {
  state: "pending" | "approved" | "rejected";
  reason?: string;
  by?: string;
  at?: string;
}

/** What agent_versions.scan_report holds: the scanner's report plus the version's review. */
export type StoredReport = ScanReport & { review: VersionReview };

export function storedReport(scan: ScanReport): StoredReport {
  return { ...scan, review: scan.rejected ? { state: "rejected", reason: "critical scan findings", by: "scanner", at: new Date().toISOString() } : { state: "pending" } };
}

export function reviewOf(report: Record<string, unknown>): VersionReview {
  const r = report.review as VersionReview | undefined;
  return r && typeof r.state === "string" ? r : { state: "pending" };
}
