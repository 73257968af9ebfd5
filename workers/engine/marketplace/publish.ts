import type { Published as MarketplacePublished } from "../../../lib/protocol/marketplace";
import { and, eq } from "drizzle-orm";
import { newId } from "../../../lib/auth/secrets";
import { AgentManifest, compareSemver } from "../../../lib/protocol/agent";
import { BundleError, bundleFiles, scanFiles, type ScanReport } from "../../../lib/scanner";
import { database } from "../../db/client";
import { agentDefinitions, agentVersions } from "../../db/schema";
import type { Env } from "../../env";
import { conflict, invalid, type Problem } from "../../middleware/errors";
import { codeKey, decodeCode, sha256Bytes, storeCode } from "./code";
import { problemsAgainst, schemaFaults } from "./schemas";
import { syncSearch } from "./search";
import { type StoredReport, storedReport } from "./versions";

export type AgentRow = typeof agentDefinitions.$inferSelect;

export interface PublishInput {
  manifest: unknown;
  code: string;
  code_format: "js" | "tar.gz";
}

/** The publish answer (lib/protocol/marketplace.ts), with the agent's status as stored. */
export type Published = MarketplacePublished & { status: AgentRow["status"] };

function parseManifest(raw: unknown): AgentManifest {
  const parsed = AgentManifest.safeParse(raw);
  if (!parsed.success) {
    const problems: Problem[] = parsed.error.issues.map((i) => ({ path: ["manifest", ...i.path.map(String)].join("."), message: i.message }));
    throw invalid(`invalid manifest: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems);
  }
  const m = parsed.data;
  const faults = (["inputs", "outputs", "config"] as const).flatMap((k) => schemaFaults(m[k], `manifest.${k}`));
  if (faults.length) throw invalid(`the manifest's schemas have faults: ${faults.map((p) => `${p.path}: ${p.message}`).join("; ")}`, faults);
  const problems = m.examples.flatMap((ex, i) => problemsAgainst(m.inputs, ex.inputs, `manifest.examples.${i}.inputs`));
  if (problems.length) throw invalid("the manifest's examples do not match its input schema", problems);
  return m;
}

/** Decodes, unpacks and scans the code; a bundle without the manifest's entry file is a 400. */
async function prepare(input: PublishInput, manifest: AgentManifest) {
  const bytes = decodeCode(input.code);
  let files: { path: string; bytes: Uint8Array }[];
  try {
    files = await bundleFiles(input.code_format === "js" ? { format: "js", entry: manifest.runtime.entry, bytes } : { format: "tar.gz", bytes });
  } catch (err) {
    if (err instanceof BundleError) throw invalid(`code is not a readable ${input.code_format} bundle: ${err.message}`, [{ path: "code", message: err.message }]);
    throw err;
  }
  const entry = manifest.runtime.entry.replace(/^\.\//, "");
  if (!files.some((f) => f.path === entry)) {
    throw invalid(`the bundle has no ${entry}`, [{ path: "manifest.runtime.entry", message: `not found in the bundle (${files.length} files)` }]);
  }
  const scan = scanFiles(files, manifest.dependencies ?? {});
  return { bytes, scan, sha256: await sha256Bytes(bytes) };
}

function versionRow(agentId: string, manifest: AgentManifest, format: "js" | "tar.gz", sha256: string, report: StoredReport) {
  return {
    id: newId("agv"),
    agentId,
    version: manifest.version,
    manifest: manifest as unknown as Record<string, unknown>,
    r2Key: codeKey(agentId, manifest.version, format),
    sha256,
    codeFormat: format,
    runtimeLanguage: manifest.runtime.language,
    timeoutMs: manifest.runtime.timeout_ms,
    memoryMb: manifest.runtime.memory_mb,
    scanPassed: report.passed,
    scanReport: report as unknown as Record<string, unknown>,
  };
}

/** The catalog fields a version brings when it becomes the agent's current one. */
export const listingOf = (m: AgentManifest) => ({
  name: m.name,
  description: m.description,
  category: m.category,
  pricingModel: m.pricing.model,
  priceAmount: m.pricing.amount,
  currency: m.pricing.currency,
  currentVersion: m.version,
});

/** Publishes a new agent: scan, store the code in R2, write the agent and its first version. */
export async function registerAgent(env: Env, developerId: string, input: PublishInput): Promise<Published> {
  const manifest = parseManifest(input.manifest);
  const db = database(env);
  const [taken] = await db.select({ id: agentDefinitions.id }).from(agentDefinitions).where(eq(agentDefinitions.slug, manifest.slug)).limit(1);
  if (taken) throw conflict(`the slug '${manifest.slug}' is taken`, { slug: manifest.slug });
  const { bytes, scan, sha256 } = await prepare(input, manifest);
  const agentId = newId("agt");
  const report = storedReport(scan);
  const row = versionRow(agentId, manifest, input.code_format, sha256, report);
  await storeCode(env, row.r2Key, bytes, sha256);
  const status = scan.rejected ? "rejected" : "pending_review";
  try {
    await db.batch([
      db.insert(agentDefinitions).values({ id: agentId, developerId, slug: manifest.slug, status, ...listingOf(manifest) }),
      db.insert(agentVersions).values(row),
    ]);
  } catch (err) {
    await env.BLOBS.delete(row.r2Key);
    if (/UNIQUE/i.test(String(err))) throw conflict(`the slug '${manifest.slug}' is taken`, { slug: manifest.slug });
    throw err;
  }
  await syncSearch(env, agentId);
  return { agent_id: agentId, slug: manifest.slug, version: manifest.version, status, sha256, scan };
}

/**
 * Adds a version to an agent (higher semver than every existing one, 409 otherwise). An agent
 * never approved takes the new version as current at once; an approved agent keeps serving its
 * current version until the new one is approved.
 */
export async function addVersion(env: Env, agent: AgentRow, input: PublishInput): Promise<Published> {
  const manifest = parseManifest(input.manifest);
  if (manifest.slug !== agent.slug) throw invalid("the manifest's slug must stay the agent's", [{ path: "manifest.slug", message: `must be '${agent.slug}'` }]);
  const db = database(env);
  const versions = await db.select({ version: agentVersions.version }).from(agentVersions).where(eq(agentVersions.agentId, agent.id));
  const highest = versions.map((v) => v.version).sort(compareSemver).pop();
  if (highest && compareSemver(manifest.version, highest) <= 0) {
    throw conflict(`version ${manifest.version} must be higher than ${highest}`, { highest });
  }
  const { bytes, scan, sha256 } = await prepare(input, manifest);
  const report = storedReport(scan);
  const row = versionRow(agent.id, manifest, input.code_format, sha256, report);
  await storeCode(env, row.r2Key, bytes, sha256);
  const takesOver = agent.status !== "approved" && agent.status !== "suspended";
  const status = takesOver ? (scan.rejected ? "rejected" : "pending_review") : agent.status;
  try {
    await db.batch([
      db.insert(agentVersions).values(row),
      db
        .update(agentDefinitions)
        .set(takesOver ? { status, ...listingOf(manifest), updatedAt: new Date().toISOString() } : { updatedAt: new Date().toISOString() })
        .where(and(eq(agentDefinitions.id, agent.id))),
    ]);
  } catch (err) {
    if (/UNIQUE/i.test(String(err))) throw conflict(`version ${manifest.version} exists`, { version: manifest.version });
    throw err;
  }
  if (takesOver) await syncSearch(env, agent.id);
  return { agent_id: agent.id, slug: agent.slug, version: manifest.version, status, sha256, scan };
}
