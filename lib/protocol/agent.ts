import { z } from "zod";

/** Semantic version `MAJOR.MINOR.PATCH[-prerelease][+build]` (semver.org's grammar, without leading zeros). */
export const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/;

export const MAX_TIMEOUT_MS = 300_000;
export const MAX_MEMORY_MB = 512;
export const AGENT_CATEGORIES_HINT = ["productivity", "data", "writing", "developer", "finance", "other"] as const;

const JsonSchemaObject = z
  .record(z.string(), z.unknown())
  .refine((s) => s.type === undefined || s.type === "object" || (Array.isArray(s.type) && s.type.includes("object")), "must describe an object (type \"object\")");

export const Pricing = z
  .object({
    model: z.enum(["free", "per_execution"]),
    amount: z.number().int("must be an integer in minor units (paise, cents)").min(0).max(100_000_000),
    currency: z.enum(["INR", "USD"]),
  })
  .refine((p) => p.model === "free" ? p.amount === 0 : p.amount > 0, { message: "a free agent costs 0; a per_execution agent costs more than 0", path: ["amount"] });

export const AgentRuntime = z.object({
  language: z.literal("nodejs"),
  entry: z.string().min(1).max(200).regex(/^(?!\/)(?!.*\.\.)[\w./-]+\.(?:js|mjs|cjs)$/, "must be a relative path to a .js, .mjs or .cjs file"),
  timeout_ms: z.number().int().min(100).max(MAX_TIMEOUT_MS),
  memory_mb: z.number().int().min(16).max(MAX_MEMORY_MB),
});

/** A declared dependency must name an exact version (`1.2.3`); ranges are flagged by the scanner. */
export const Dependencies = z.record(z.string().min(1).max(214), z.string().max(100));

export const AgentExample = z.object({
  name: z.string().max(100).optional(),
  inputs: z.unknown(),
  outputs: z.unknown().optional(),
});

/** The manifest a developer publishes with an agent's code. */
export const AgentManifest = z.object({
  name: z.string().trim().min(1).max(100),
  slug: z.string().min(3).max(64).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lowercase letters, digits and single hyphens"),
  version: z.string().max(64).regex(SEMVER, "must be a semantic version such as 1.0.0"),
  description: z.string().trim().min(1).max(2000),
  category: z.string().trim().toLowerCase().min(1).max(40).regex(/^[a-z0-9][a-z0-9 _-]*$/, "letters, digits, spaces, - and _"),
  pricing: Pricing,
  runtime: AgentRuntime,
  inputs: JsonSchemaObject,
  outputs: JsonSchemaObject,
  config: JsonSchemaObject.default({ type: "object" }),
  examples: z.array(AgentExample).max(20).default([]),
  dependencies: Dependencies.optional(),
});
export type AgentManifest = z.infer<typeof AgentManifest>;

// -- API bodies ---------------------------------------------------------------------------------

export const MAX_CODE_BYTES = 5 * 1024 * 1024;

export const RegisterDeveloper = z.object({ name: z.string().trim().min(1).max(100), company: z.string().trim().min(1).max(100).optional() });
export const DeveloperView = z.object({ id: z.string(), name: z.string(), email: z.string(), company: z.string().nullable(), status: z.string(), created_at: z.string() });

export const CodeFormat = z.enum(["js", "tar.gz"]);
export const RegisterAgent = z.object({
  manifest: z.unknown(),
  code: z.string().min(1).regex(/^[A-Za-z0-9+/\s]*={0,2}\s*$/, "must be base64"),
  code_format: CodeFormat.default("js"),
});
export const AddVersion = RegisterAgent;

export const Finding = z.object({
  rule: z.string(),
  severity: z.enum(["critical", "high", "medium", "low"]),
  message: z.string(),
  file: z.string().optional(),
  line: z.number(),
  col: z.number(),
});
export const ScanReport = z.object({ passed: z.boolean(), findings: z.array(Finding), files: z.array(z.string()), skipped: z.array(z.string()) });

export const Registered = z.object({
  agent_id: z.string(),
  slug: z.string(),
  version: z.string(),
  status: z.enum(["pending_review", "approved", "rejected", "suspended"]),
  sha256: z.string(),
  scan: ScanReport,
});

export const CatalogQuery = z.object({
  category: z.string().max(40).optional(),
  search: z.string().max(200).optional(),
  pricing_model: z.enum(["free", "per_execution"]).optional(),
  sort: z.enum(["popular", "new", "rating", "price"]).default("popular"),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  status: z.enum(["pending_review", "approved", "rejected", "suspended"]).optional(),
});

export const Review = z.object({ decision: z.enum(["approve", "reject"]), reason: z.string().trim().max(1000).optional() });
/** `POST /api/admin/agents/:id/suspend`: why (shown to the developer and in runs refused because of it). */
export const Suspend = z.object({ reason: z.string().trim().min(1, "say why the agent is suspended").max(1000) });
/** `POST /api/admin/agents/:id/reinstate`. */
export const Reinstate = z.object({ reason: z.string().trim().max(1000).optional() });
export const Rate = z.object({ stars: z.number().int().min(1).max(5), text: z.string().trim().max(2000).optional() });
export const Deploy = z.object({
  workspace_id: z.string().max(64).optional(),
  version: z.string().max(64).optional(),
  config: z.record(z.string(), z.unknown()).default({}),
});
export const Execute = z.object({ deployment_id: z.string().min(1).max(64), inputs: z.unknown() });
export const Accepted = z.object({ execution_id: z.string(), status: z.literal("queued") });

/** Compares two semantic versions by precedence (build metadata ignored): negative, zero or positive. */
export function compareSemver(a: string, b: string): number {
  const parse = (v: string) => {
    const [core, pre] = v.split("+")[0]!.split(/-(.*)/s, 2) as [string, string | undefined];
    return { nums: core.split(".").map(Number), pre: pre ? pre.split(".") : [] };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if (x.nums[i] !== y.nums[i]) return x.nums[i]! - y.nums[i]!;
  if (!x.pre.length || !y.pre.length) return y.pre.length - x.pre.length;
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (p === q) continue;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn) return Number(p) - Number(q);
    if (pn !== qn) return pn ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return 0;
}
