import { type MarketplacePage, marketplaceTitle, matchMarketplace } from "../routes/marketplace/routes";

/** The SPA's pages, matched from a pathname without a DOM. */
export type Route =
  | { name: "home" }
  | { name: "login" }
  | { name: "invite"; token: string }
  | { name: "workspace"; ws: string }
  | { name: "members"; ws: string }
  | { name: "tokens"; ws: string }
  | { name: "marketplace"; ws: string; page: MarketplacePage }
  | { name: "payments"; ws: string }
  | { name: "not-found"; path: string };

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * Matches a pathname to a page.
 *
 * @example
 * matchRoute("/w/ws_1/members") // { name: "members", ws: "ws_1" }
 */
export function matchRoute(pathname: string): Route {
  const trimmed = pathname.replace(/\/+$/, "");
  const parts = trimmed.split("/").slice(1);
  if (trimmed === "") return { name: "home" };
  const notFound: Route = { name: "not-found", path: pathname };
  const decoded = parts.map(decode);
  if (decoded.some((p) => p === null || p === "")) return notFound;
  const [first, second, third] = decoded as string[];
  if (first === "login" && parts.length === 1) return { name: "login" };
  if (first === "invite" && parts.length === 2 && second) return { name: "invite", token: second };
  if (first === "w" && second) {
    if (parts.length === 2) return { name: "workspace", ws: second };
    if (parts.length === 3 && third === "members") return { name: "members", ws: second };
    if (parts.length === 3 && third === "tokens") return { name: "tokens", ws: second };
    if (parts.length === 3 && third === "payments") return { name: "payments", ws: second };
    const page = third === "marketplace" ? matchMarketplace(decoded.slice(3) as string[]) : null;
    if (page) return { name: "marketplace", ws: second, page };
  }
  return notFound;
}

/** Routes that need a signed-in identity. */
export function requiresSession(route: Route): boolean {
  return route.name === "home" || route.name === "workspace" || route.name === "members" || route.name === "tokens" || route.name === "marketplace" || route.name === "payments";
}

/** The workspace id a route is about, if any. */
export function routeWorkspace(route: Route): string | null {
  return route.name === "workspace" || route.name === "members" || route.name === "tokens" || route.name === "marketplace" || route.name === "payments" ? route.ws : null;
}

/** Path helpers, so links and redirects agree with {@link matchRoute}. */
export const paths = {
  home: () => "/",
  login: (next?: string) => (next && next !== "/" ? `/login?next=${encodeURIComponent(next)}` : "/login"),
  workspace: (ws: string) => `/w/${encodeURIComponent(ws)}`,
  members: (ws: string) => `/w/${encodeURIComponent(ws)}/members`,
  tokens: (ws: string) => `/w/${encodeURIComponent(ws)}/tokens`,
};

/** The same page in another workspace (members stay members), else its plugin area. */
export function switchWorkspacePath(route: Route, ws: string): string {
  if (route.name === "members") return paths.members(ws);
  if (route.name === "tokens") return paths.tokens(ws);
  if (route.name === "marketplace") return `/w/${encodeURIComponent(ws)}/marketplace`;
  return paths.workspace(ws);
}

const TITLES: Record<Route["name"], string> = {
  home: "Home",
  login: "Sign in",
  invite: "Invitation",
  workspace: "Plugins",
  members: "Members",
  tokens: "API tokens",
  marketplace: "Marketplace",
  payments: "Payments",
  "not-found": "Not found",
};

/** The document title for a page: "Members · Team · FrameOS". */
export function pageTitle(route: Route, workspaceName?: string | null): string {
  return [route.name === "marketplace" ? marketplaceTitle(route.page) : TITLES[route.name], workspaceName, "FrameOS"].filter(Boolean).join(" · ");
}

/**
 * Where to go after signing in: a same-origin path from `?next=`, else the workspace
 * (or home when there is none). Refuses absolute and protocol-relative URLs.
 */
export function afterLogin(search: string, workspaceId: string | null | undefined): string {
  const next = new URLSearchParams(search).get("next");
  if (next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")) {
    const route = matchRoute(next.split(/[?#]/)[0] ?? "/");
    if (route.name !== "login" && route.name !== "not-found") return next;
  }
  return workspaceId ? paths.workspace(workspaceId) : paths.home();
}
