/** Every API route, with a valid body, for tests that walk the whole surface. */
export interface RouteCase {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  body?: Record<string, unknown>;
}

export interface Ids {
  ws: string;
  identity: string;
  tokenId: string;
}

export function routes({ ws, identity, tokenId }: Ids): RouteCase[] {
  return [
    { method: "GET", path: `/api/auth/tokens?workspace_id=${ws}` },
    { method: "POST", path: "/api/auth/token", body: { name: "x", workspace_id: ws } },
    { method: "DELETE", path: `/api/auth/token/${tokenId}` },
    { method: "DELETE", path: `/api/workspaces/${ws}` },
    { method: "GET", path: `/api/workspaces/${ws}/members` },
    { method: "POST", path: `/api/workspaces/${ws}/members`, body: { email: "someone@example.test", role: "member" } },
    { method: "PATCH", path: `/api/workspaces/${ws}/members/${identity}`, body: { role: "viewer" } },
    { method: "DELETE", path: `/api/workspaces/${ws}/members/${identity}` },
  ];
}

/** Routes with a JSON body that any signed-in caller may reach, to try bad bodies on. */
export function mutatingRoutes(ids: Ids): RouteCase[] {
  return [
    { method: "POST", path: "/api/auth/login", body: { email: "a@example.test", password: "secret-pass" } },
    { method: "POST", path: "/api/workspaces", body: { name: "Another" } },
    { method: "POST", path: "/api/auth/invitations/inv_unknown/accept", body: { name: "N", password: "long-enough" } },
    ...routes(ids).filter((r) => r.body),
  ];
}
