import type { Finding } from "./findings";
import { isBuiltin, moduleRule, packageName } from "./rules";

/** npm package names (the registry's rules: lowercase, url-safe, at most 214 characters). */
const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
/** An exact version: `1.2.3` or `1.2.3-beta.1` (no ranges, tags, URLs or paths). */
const EXACT = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * Well-known, widely used packages that do no I/O of their own. A dependency outside this
 * list is not refused, only flagged for the reviewer.
 */
export const KNOWN_PACKAGES: ReadonlySet<string> = new Set([
  "ajv", "big.js", "chalk", "change-case", "cheerio", "csv-parse", "csv-stringify", "date-fns", "dayjs", "decimal.js",
  "diff", "fast-xml-parser", "handlebars", "he", "htmlparser2", "iconv-lite", "js-yaml", "json5", "jsonpath-plus",
  "lodash", "lodash-es", "luxon", "marked", "mathjs", "mustache", "nanoid", "papaparse", "pluralize", "qs", "ramda",
  "semver", "slugify", "sanitize-html", "turndown", "uuid", "validator", "xml2js", "yaml", "zod",
]);

const MANIFEST = "manifest.json";

/**
 * Checks the manifest's declared dependencies (exact versions, known names) and the bundle's
 * bare imports against them: an import that is neither a built-in, declared, nor shipped in
 * the bundle's node_modules is flagged.
 */
export function checkDependencies(declared: Readonly<Record<string, string>>, imports: readonly string[], bundled: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  const at = { file: MANIFEST, line: 1, col: 0 };
  for (const [name, version] of Object.entries(declared)) {
    if (!PACKAGE_NAME.test(name) || name.length > 214) {
      out.push({ rule: "dependency-invalid", severity: "high", message: `'${name}' is not a valid npm package name`, ...at });
      continue;
    }
    const risky = moduleRule(name);
    if (risky) out.push({ rule: risky.rule, severity: risky.severity, message: `depends on '${name}', which ${risky.what}`, ...at });
    else if (!KNOWN_PACKAGES.has(name)) out.push({ rule: "dependency-unknown", severity: "medium", message: `'${name}' is not a known package; a reviewer must check it`, ...at });
    if (!EXACT.test(version)) out.push({ rule: "dependency-unpinned", severity: "medium", message: `'${name}@${version}' is not pinned to an exact version`, ...at });
  }
  const seen = new Set<string>();
  for (const spec of imports) {
    if (isBuiltin(spec)) continue;
    const pkg = packageName(spec);
    if (!pkg || seen.has(pkg) || Object.hasOwn(declared, pkg) || bundled.has(pkg)) continue;
    seen.add(pkg);
    out.push({ rule: "dependency-undeclared", severity: "medium", message: `imports '${pkg}', which the manifest does not declare and the bundle does not ship`, ...at });
  }
  return out;
}
