/**
 * Response types of the marketplace API (/api/agents, /api/deployments, /api/executions,
 * /api/developers/analytics, /api/admin/agents), shared by the Worker, which builds them, and the
 * web client, which reads them. Types only: nothing here runs.
 */
import type { Finding, ScanReport } from "../scanner/findings";

export type { Finding, ScanReport };

export type PricingModel = "free" | "per_execution";

export interface Pricing {
  model: PricingModel;
  /** Minor units (paise, cents). */
  amount: number;
  currency: string;
}

export type AgentStatus = "pending_review" | "approved" | "rejected" | "suspended";

/** One agent as the catalog lists it. */
export interface AgentItem {
  id: string;
  slug: string;
  name: string;
  description: string;
  category: string;
  pricing: Pricing;
  current_version: string;
  status: AgentStatus;
  stats: { total_executions: number; success_rate: number; rating: number; rating_count: number };
  developer: { id: string; name: string };
  created_at: string;
}

/** `GET /api/agents`. */
export interface CatalogPage {
  agents: AgentItem[];
  total: number;
  page: number;
  limit: number;
}

/** A version's review: pending until an admin decides; a critical scan finding rejects it at once. */
export interface VersionReview {
  state: "pending" | "approved" | "rejected";
  reason?: string;
  by?: string;
  at?: string;
}

export interface VersionView {
  version: string;
  sha256: string;
  code_format: string;
  timeout_ms: number;
  memory_mb: number;
  scan_passed: boolean;
  review: VersionReview;
  created_at: string;
  /** For the agent's developer and platform admins only. */
  scan_report?: ScanReport & { review?: VersionReview };
}

export interface RatingView {
  stars: number;
  text: string | null;
  created_at: string;
  author: string;
}

/** `GET /api/agents/:slug`. */
export interface AgentDetail {
  agent: AgentItem;
  manifest: (Record<string, unknown> & { inputs?: unknown; config?: unknown; examples?: { inputs: unknown }[] }) | null;
  versions: VersionView[];
  ratings: RatingView[];
  /** Whether the caller is the agent's developer or a platform admin. */
  viewer: { developer: boolean; admin: boolean };
}

/** `POST /api/agents/register` and `POST /api/agents/:id/versions`. */
export interface Published {
  agent_id: string;
  slug: string;
  version: string;
  status: string;
  sha256: string;
  scan: ScanReport;
}

/** One of `GET /api/deployments`. */
export interface DeploymentView {
  id: string;
  agent: { id: string; slug: string; name: string };
  version: string;
  config: unknown;
  status: string;
  created_at: string;
  executions: number;
  last_execution: { id: string; status: string } | null;
}

export type ExecutionStatus = "authorizing" | "queued" | "running" | "success" | "failed" | "timeout" | "cancelled";

/** `GET /api/executions/:id` → `{execution}`. */
export interface ExecutionView {
  id: string;
  deployment_id: string;
  agent: { id: string; slug: string; name: string };
  version: string;
  identity_id: string;
  workspace_id: string;
  status: ExecutionStatus;
  queue: string;
  /** 1 = next, while queued. */
  queue_position: number | null;
  inputs: unknown;
  outputs: unknown;
  created_at: string;
  queued_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
  stdout_tail: string | null;
  stderr_tail: string | null;
  error_message: string | null;
  exit_code: number | null;
  attempt: number;
  purchase_intent_id: string | null;
  mandate_id: string | null;
  payment_id: string | null;
  receipt_id: string | null;
}

/** One agent and UTC day of `GET /api/developers/analytics`. */
export interface DayStats {
  agent_id: string;
  slug: string;
  day: string;
  executions: number;
  finished: number;
  successful: number;
  /** successful / finished, or null before any run finished. */
  success_rate: number | null;
  avg_duration_ms: number | null;
  /** Nearest-rank 95th percentile of the day's durations. */
  p95_duration_ms: number | null;
}

/** `POST /api/admin/agents/:id/suspend` and `/reinstate`. */
export interface SuspensionView {
  agent_id: string;
  slug: string;
  status: string;
  previous_status: string;
  reason: string | null;
}
