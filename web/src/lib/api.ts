/**
 * Typed client for the FrameOS HTTP API used by the shell.
 *
 * Every request is JSON with `credentials: "same-origin"` (the session cookie); every
 * non-2xx answer becomes an {@link ApiError} built from the shared error shape
 * `{"error": {"code", "message", "details"?}}`.
 *
 * @example
 * const api = createApi();
 * const { workspaces } = await api.listWorkspaces();
 */

export type Role = "owner" | "admin" | "member" | "viewer";
export type IdentityType = "human" | "ai" | "system";
export type Scope = "read" | "write" | "admin";

export interface Identity {
  id: string;
  name: string;
  type: IdentityType;
  email?: string | null;
}

export interface WorkspaceRef {
  id: string;
  name: string;
}

export interface Session {
  identity: Identity;
  workspace: WorkspaceRef | null;
  role: Role | null;
}

export interface WorkspaceSummary extends WorkspaceRef {
  role: Role;
  created_at: string;
}

export interface Member {
  identity: Identity;
  role: Role;
  joined_at: string;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  created_at?: string;
  expires_at: string;
  accept_url?: string;
}

export interface MembersList {
  members: Member[];
  invitations: Invitation[];
}

export type InviteResult = { member: Member } | { invitation: Invitation };

export interface TokenSummary {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  identity: Pick<Identity, "id" | "name" | "type">;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CreateTokenBody {
  workspace_id: string;
  name: string;
  scopes?: Scope[];
  expires_in_days?: number;
  ai_identity?: { name: string };
}

export interface CreatedToken {
  id: string;
  token: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  workspace_id: string;
  identity_id: string;
  expires_at: string | null;
}

export interface InvitationInfo {
  email: string;
  role: Role;
  workspace: WorkspaceRef;
}

export interface Ok {
  ok: true;
}

/** An error answer from the API (or a network failure, with status 0). */
export class ApiError extends Error {
  override name = "ApiError";
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** Seconds from a `Retry-After` header (429), else null. */
  retryAfter: number | null = null;

  constructor(status: number, code: string, message: string, details?: unknown, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Builds an ApiError from a status and a parsed (or unparsable) body. */
export function toApiError(status: number, body: unknown, statusText = ""): ApiError {
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === "string") {
    const message = typeof error.message === "string" && error.message ? error.message : error.code;
    return new ApiError(status, error.code, message, error.details);
  }
  const fallback = statusText || `Request failed with status ${status}`;
  return new ApiError(status, `http_${status}`, fallback);
}

/** Paths whose 401 means "wrong credentials or token", not "your session ended". */
const SIGN_IN_PATHS = ["/api/auth/login", "/api/auth/invitations/", "/api/auth/whoami"];

export interface ApiOptions {
  fetch?: FetchLike;
  /** Prefix for every path; empty for the same origin. */
  base?: string;
}

/** Creates the client; pass `fetch` to test it without a network. */
export function createApi(options: ApiOptions = {}) {
  const base = options.base ?? "";
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const unauthorized = new Set<(error: ApiError) => void>();

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit = {
      method,
      credentials: "same-origin",
      headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
    };
    if (body !== undefined) init.body = JSON.stringify(body);
    let response: Response;
    try {
      response = await doFetch(base + path, init);
    } catch (cause) {
      throw new ApiError(0, "network_error", "Could not reach the server. Check your connection.", undefined, { cause });
    }
    const text = await response.text();
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    if (!response.ok) {
      const error = toApiError(response.status, parsed, response.statusText);
      const retryAfter = Number(response.headers.get("retry-after"));
      if (retryAfter > 0) error.retryAfter = retryAfter;
      if (response.status === 401 && !SIGN_IN_PATHS.some((p) => path.startsWith(p))) {
        for (const listener of unauthorized) listener(error);
      }
      throw error;
    }
    return parsed as T;
  }

  const enc = encodeURIComponent;

  return {
    request,
    /** Calls `listener` when a request is refused for lack of a session; returns an unsubscribe. */
    onUnauthorized(listener: (error: ApiError) => void): () => void {
      unauthorized.add(listener);
      return () => unauthorized.delete(listener);
    },
    login: (email: string, password: string) => request<Session>("POST", "/api/auth/login", { email, password }),
    logout: () => request<Ok>("POST", "/api/auth/logout", {}),
    whoami: (workspaceId?: string) =>
      request<Session>("GET", workspaceId ? `/api/auth/whoami?workspace=${enc(workspaceId)}` : "/api/auth/whoami"),

    listWorkspaces: () => request<{ workspaces: WorkspaceSummary[] }>("GET", "/api/workspaces"),
    createWorkspace: (name: string) =>
      request<{ workspace: WorkspaceRef; role: Role }>("POST", "/api/workspaces", { name }),

    listMembers: (ws: string) => request<MembersList>("GET", `/api/workspaces/${enc(ws)}/members`),
    inviteMember: (ws: string, email: string, role: Role) =>
      request<InviteResult>("POST", `/api/workspaces/${enc(ws)}/members`, { email, role }),
    changeRole: (ws: string, identityId: string, role: Role) =>
      request<{ member: Member }>("PATCH", `/api/workspaces/${enc(ws)}/members/${enc(identityId)}`, { role }),
    removeMember: (ws: string, identityId: string) =>
      request<Ok>("DELETE", `/api/workspaces/${enc(ws)}/members/${enc(identityId)}`),

    listTokens: (ws: string) => request<{ tokens: TokenSummary[] }>("GET", `/api/auth/tokens?workspace_id=${enc(ws)}`),
    createToken: (body: CreateTokenBody) => request<CreatedToken>("POST", "/api/auth/token", body),
    revokeToken: (id: string) => request<Ok>("DELETE", `/api/auth/token/${enc(id)}`),

    invitation: (token: string) => request<InvitationInfo>("GET", `/api/auth/invitations/${enc(token)}`),
    acceptInvitation: (token: string, name: string, password: string) =>
      request<Session>("POST", `/api/auth/invitations/${enc(token)}/accept`, { name, password }),
  };
}

export type Api = ReturnType<typeof createApi>;

/** The client the app uses (same origin). */
export const api: Api = createApi();

/** A message fit to show a person, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === "rate_limited") {
      const wait = error.retryAfter ? `in ${error.retryAfter} s` : "in a moment";
      return `${error.message} Try again ${wait}.`;
    }
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
