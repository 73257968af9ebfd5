import type { VersionReview } from "../../../lib/protocol/marketplace";
import type { ScanReport } from "../../../lib/scanner";

/** What agent_versions.scan_report holds: the scanner's report plus the version's review. */
export type StoredReport = ScanReport & { review: VersionReview };

export function storedReport(scan: ScanReport): StoredReport {
  return { ...scan, review: scan.rejected ? { state: "rejected", reason: "critical scan findings", by: "scanner", at: new Date().toISOString() } : { state: "pending" } };
}

export function reviewOf(report: Record<string, unknown>): VersionReview {
  const r = report.review as VersionReview | undefined;
  return r && typeof r.state === "string" ? r : { state: "pending" };
}
