import type { AgentDetail, AgentItem, CatalogPage, DayStats, DeploymentView, ExecutionView, Published, SuspensionView } from "../../../../lib/protocol/marketplace";
import { api, toApiError, ApiError } from "../../lib/api";

export type { AgentDetail, Published } from "../../../../lib/protocol/marketplace";

export interface CatalogParams {
  search?: string;
  category?: string;
  pricing_model?: string;
  sort?: string;
  page?: number;
  limit?: number;
}

const enc = encodeURIComponent;

function queryString(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** Publishing needs an Idempotency-Key header, which the shared client does not send; same error handling. */
async function publishRequest(path: string, body: unknown, key: string | null): Promise<Published> {
  const headers: Record<string, string> = { accept: "application/json", "content-type": "application/json" };
  if (key) headers["idempotency-key"] = key;
  let res: Response;
  try {
    res = await fetch(path, { method: "POST", credentials: "same-origin", headers, body: JSON.stringify(body) });
  } catch (cause) {
    throw new ApiError(0, "network_error", "Could not reach the server. Check your connection.", undefined, { cause });
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!res.ok) {
    const error = toApiError(res.status, parsed, res.statusText);
    const retry = Number(res.headers.get("retry-after"));
    if (retry > 0) error.retryAfter = retry;
    throw error;
  }
  return parsed as Published;
}

/** The marketplace API, over the shell's client. */
export const market = {
  catalog: (p: CatalogParams) => api.request<CatalogPage>("GET", `/api/agents${queryString({ ...p })}`),
  categories: () => api.request<{ categories: { category: string; count: number }[] }>("GET", "/api/agents/categories"),
  agent: (slug: string) => api.request<AgentDetail>("GET", `/api/agents/${enc(slug)}`),
  mine: () => api.request<{ agents: AgentItem[] }>("GET", "/api/agents/mine"),
  developer: () => api.request<{ developer: { id: string; name: string; email: string; company: string | null } }>("GET", "/api/developers/me"),
  registerDeveloper: (name: string, company?: string) => api.request<{ developer: { id: string } }>("POST", "/api/developers/register", company ? { name, company } : { name }),
  register: (body: { manifest: unknown; code: string; code_format: string }, key: string) => publishRequest("/api/agents/register", body, key),
  addVersion: (agentId: string, body: { manifest: unknown; code: string; code_format: string }) => publishRequest(`/api/agents/${enc(agentId)}/versions`, body, null),
  deploy: (agentId: string, ws: string, config: unknown, version?: string) =>
    api.request<{ deployment_id: string }>("POST", `/api/agents/${enc(agentId)}/deploy`, { workspace_id: ws, config, ...(version ? { version } : {}) }),
  execute: (agentId: string, deploymentId: string, inputs: unknown) =>
    api.request<{ execution_id: string; status: string }>("POST", `/api/agents/${enc(agentId)}/execute`, { deployment_id: deploymentId, inputs }),
  review: (agentId: string, version: string, decision: "approve" | "reject", reason?: string) =>
    api.request<{ status: string; current_version: string }>("POST", `/api/admin/agents/${enc(agentId)}/review`, { version, decision, ...(reason ? { reason } : {}) }),
  rate: (agentId: string, stars: number, text?: string) => api.request<unknown>("POST", `/api/agents/${enc(agentId)}/ratings`, text ? { stars, text } : { stars }),
  deployments: (ws: string) => api.request<{ deployments: DeploymentView[] }>("GET", `/api/deployments?workspace_id=${enc(ws)}`),
  execution: (id: string) => api.request<{ execution: ExecutionView }>("GET", `/api/executions/${enc(id)}`),
  cancel: (id: string) => api.request<{ ok: true; status: string }>("POST", `/api/executions/${enc(id)}/cancel`),
  logsUrl: (id: string) => `/api/executions/${enc(id)}/logs`,
  suspend: (agentId: string, reason: string) => api.request<SuspensionView>("POST", `/api/admin/agents/${enc(agentId)}/suspend`, { reason }),
  reinstate: (agentId: string, reason?: string) => api.request<SuspensionView>("POST", `/api/admin/agents/${enc(agentId)}/reinstate`, reason ? { reason } : {}),
  analytics: (days = 30) => api.request<{ days: number; rows: DayStats[] }>("GET", `/api/developers/analytics?days=${days}`),
};
