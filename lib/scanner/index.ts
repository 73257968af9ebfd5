import { checkDependencies } from "./dependencies";
import { type Finding, type ScanReport, report } from "./findings";
import { scanSource } from "./scan-js";
import { BundleError, DEFAULT_TAR_LIMITS, gunzip, untar } from "./tar";

export type { Finding, RuleId, ScanReport, Severity } from "./findings";
export { BundleError } from "./tar";
export { scanSource } from "./scan-js";

const JS = /\.(?:js|mjs|cjs)$/;
const MAX_SKIPPED_LISTED = 50;

/** A bundle to scan: one JavaScript file, or the bytes of a .tar.gz. */
export type Bundle = { format: "js"; entry: string; bytes: Uint8Array } | { format: "tar.gz"; bytes: Uint8Array };

/** The files of a bundle (a single .js is one file named after the entry). Throws BundleError for bad archives. */
export async function bundleFiles(bundle: Bundle): Promise<{ path: string; bytes: Uint8Array }[]> {
  if (bundle.format === "js") return [{ path: bundle.entry, bytes: bundle.bytes }];
  return untar(await gunzip(bundle.bytes, DEFAULT_TAR_LIMITS.maxBytes), DEFAULT_TAR_LIMITS);
}

/**
 * Scans every JavaScript file (.js, .mjs, .cjs) of a bundle and the declared dependencies.
 *
 * @example const r = await scanBundle({ format: "js", entry: "index.js", bytes }, {});
 * // r.rejected is true when a critical rule fired (eval, child_process, ...)
 */
export async function scanBundle(bundle: Bundle, dependencies: Readonly<Record<string, string>> = {}): Promise<ScanReport> {
  try {
    return scanFiles(await bundleFiles(bundle), dependencies);
  } catch (err) {
    if (!(err instanceof BundleError)) throw err;
    const finding: Finding = { rule: "bundle-unreadable", severity: "critical", message: err.message, file: "bundle", line: 1, col: 0 };
    return report([finding], [], []);
  }
}

/** Scans files already unpacked (see {@link bundleFiles}) and the declared dependencies. */
export function scanFiles(files: readonly { path: string; bytes: Uint8Array }[], dependencies: Readonly<Record<string, string>> = {}): ScanReport {
  const findings: Finding[] = [];
  const imports: string[] = [];
  const scanned: string[] = [];
  const skipped: string[] = [];
  const bundled = new Set<string>();
  const decoder = new TextDecoder();
  for (const f of files) {
    const nm = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f.path);
    if (nm) bundled.add(nm[1]!);
    if (!JS.test(f.path)) {
      if (skipped.length < MAX_SKIPPED_LISTED) skipped.push(f.path);
      continue;
    }
    scanned.push(f.path);
    const result = scanSource(decoder.decode(f.bytes), f.path);
    findings.push(...result.findings);
    if (!nm) imports.push(...result.imports);
  }
  findings.push(...checkDependencies(dependencies, imports, bundled));
  return report(findings, scanned, skipped);
}
