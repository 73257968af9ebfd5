import type { Role, Scope } from "./db/schema";
import type { Env } from "./env";

export type IdentityType = "human" | "ai" | "system";

export interface Identity {
  id: string;
  name: string;
  type: IdentityType;
  email: string | null;
}

/** Who is calling and how: a browser session or a workspace-bound API token. */
export type Caller =
  | { kind: "anonymous" }
  | { kind: "session"; identity: Identity; sessionId: string }
  | { kind: "token"; identity: Identity; tokenId: string; workspaceId: string; scopes: Scope[] };

/** The workspace a request acts in, with the caller's effective role there. */
export interface WorkspaceAccess {
  id: string;
  name: string;
  role: Role;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    caller: Caller;
  };
}
