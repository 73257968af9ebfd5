/** Pages of the marketplace, under `/w/:ws/marketplace`. */
export type MarketplacePage =
  | { page: "catalog" }
  | { page: "agent"; slug: string }
  | { page: "publish" }
  | { page: "deployments" }
  | { page: "execution"; id: string }
  | { page: "analytics" };

/**
 * Matches the segments after `/w/:ws/marketplace`.
 *
 * @example matchMarketplace(["agents", "echo"]) // { page: "agent", slug: "echo" }
 */
export function matchMarketplace(rest: readonly string[]): MarketplacePage | null {
  const [first, second] = rest;
  if (rest.length === 0) return { page: "catalog" };
  if (rest.length === 1 && (first === "publish" || first === "deployments" || first === "analytics")) return { page: first };
  if (rest.length === 2 && first === "agents" && second) return { page: "agent", slug: second };
  if (rest.length === 2 && first === "executions" && second) return { page: "execution", id: second };
  return null;
}

const base = (ws: string) => `/w/${encodeURIComponent(ws)}/marketplace`;

/** Links that agree with {@link matchMarketplace}. */
export const marketplacePaths = {
  catalog: (ws: string) => base(ws),
  agent: (ws: string, slug: string) => `${base(ws)}/agents/${encodeURIComponent(slug)}`,
  publish: (ws: string) => `${base(ws)}/publish`,
  deployments: (ws: string) => `${base(ws)}/deployments`,
  execution: (ws: string, id: string) => `${base(ws)}/executions/${encodeURIComponent(id)}`,
  analytics: (ws: string) => `${base(ws)}/analytics`,
};

const TITLES: Record<MarketplacePage["page"], string> = {
  catalog: "Marketplace",
  agent: "Agent",
  publish: "Publish an agent",
  deployments: "My deployments",
  execution: "Execution",
  analytics: "Developer analytics",
};

export const marketplaceTitle = (p: MarketplacePage) => TITLES[p.page];
