import type { CreateTokenBody, Scope, TokenSummary } from "../../lib/api";

export const SCOPES: readonly { scope: Scope; label: string; hint: string }[] = [
  { scope: "read", label: "Read", hint: "See workspace data" },
  { scope: "write", label: "Write", hint: "Dispatch commands and change data" },
  { scope: "admin", label: "Admin", hint: "Manage members, tokens and plugins" },
];

export type TokenStatus = "active" | "expired" | "revoked";

/** Revoked wins over expired; a token without an expiry never expires. */
export function tokenStatus(token: Pick<TokenSummary, "revoked_at" | "expires_at">, now: Date = new Date()): TokenStatus {
  if (token.revoked_at) return "revoked";
  if (token.expires_at && Date.parse(token.expires_at) <= now.getTime()) return "expired";
  return "active";
}

/** Active tokens first, then newest first. */
export function sortTokens(list: readonly TokenSummary[], now: Date = new Date()): TokenSummary[] {
  const rank = (t: TokenSummary) => (tokenStatus(t, now) === "active" ? 0 : 1);
  return [...list].sort((a, b) => rank(a) - rank(b) || Date.parse(b.created_at) - Date.parse(a.created_at));
}

export interface TokenForm {
  name: string;
  scopes: readonly Scope[];
  /** Text from the number field; empty for the server's default. */
  expiresInDays: string;
  forAi: boolean;
  aiName: string;
}

export const MAX_EXPIRY_DAYS = 3650;

/** Turns the create form into the request body, or says what to fix. */
export function buildCreateToken(
  workspaceId: string,
  form: TokenForm,
): { ok: true; body: CreateTokenBody } | { ok: false; field: keyof TokenForm; message: string } {
  const name = form.name.trim();
  if (!name) return { ok: false, field: "name", message: "Give the token a name." };
  const scopes = SCOPES.map((s) => s.scope).filter((s) => form.scopes.includes(s));
  if (scopes.length === 0) return { ok: false, field: "scopes", message: "Choose at least one scope." };
  const body: CreateTokenBody = { workspace_id: workspaceId, name, scopes };
  const days = form.expiresInDays.trim();
  if (days) {
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > MAX_EXPIRY_DAYS) {
      return { ok: false, field: "expiresInDays", message: `Expiry must be a whole number of days from 1 to ${MAX_EXPIRY_DAYS}.` };
    }
    body.expires_in_days = n;
  }
  if (form.forAi) {
    const aiName = form.aiName.trim();
    if (!aiName) return { ok: false, field: "aiName", message: "Name the new AI identity." };
    body.ai_identity = { name: aiName };
  }
  return { ok: true, body };
}

/** Toggles one scope in a list, keeping the canonical order. */
export function toggleScope(list: readonly Scope[], scope: Scope, on: boolean): Scope[] {
  const set = new Set(list);
  if (on) set.add(scope);
  else set.delete(scope);
  return SCOPES.map((s) => s.scope).filter((s) => set.has(s));
}
