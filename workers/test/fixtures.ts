import { SELF, env } from "cloudflare:test";
import { hashPassword } from "../../lib/auth/password";
import { newId, newSecret, sha256Hex } from "../../lib/auth/secrets";
import { database } from "../db/client";
import { scopesFor } from "../db/roles";
import { apiTokens, identities, memberships, workspaces, type Role } from "../db/schema";

export interface Person {
  id: string;
  email: string;
  password: string;
  /** A bearer token for the person's workspace, with scopes matching the role. */
  token: string;
  role: Role;
}

export interface Seeded {
  workspace: { id: string; name: string };
  owner: Person;
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Writes a workspace, its owner and an owner token straight into the real local D1. */
export async function seedWorkspace(name = "Test workspace"): Promise<Seeded> {
  const workspace = { id: newId("ws"), name };
  await database(env).insert(workspaces).values({ ...workspace, createdBy: "fixture" });
  return { workspace, owner: await addPerson(workspace.id, "owner") };
}

/** Adds a human with a password, a membership and a token with matching scopes to a workspace. */
export async function addPerson(workspaceId: string, role: Role): Promise<Person> {
  const db = database(env);
  const id = newId("idn");
  const email = `p-${unique()}@example.test`;
  const password = `pw-${unique()}-long`;
  await db.insert(identities).values({ id, name: `${role} ${email}`, email, type: "human", passwordHash: await hashPassword(password) });
  await db.insert(memberships).values({ workspaceId, identityId: id, role });
  const token = newSecret("fos");
  await db.insert(apiTokens).values({
    id: newId("tok"),
    name: "fixture",
    tokenHash: await sha256Hex(token),
    prefix: token.slice(0, 10),
    identityId: id,
    workspaceId,
    scopes: scopesFor(role),
    createdBy: id,
  });
  return { id, email, password, token, role };
}

// Test answers are loosely typed JSON so assertions can reach into them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  method?: string;
  token?: string;
  cookie?: string;
  body?: unknown;
  /** Sent as-is instead of JSON-encoding `body`. */
  raw?: string;
  headers?: Record<string, string>;
}

/** Calls the Worker through its real fetch handler and decodes the JSON answer. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function call<T = any>(path: string, o: CallOptions = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.cookie) headers.cookie = o.cookie;
  let payload: string | undefined = o.raw;
  if (o.body !== undefined) payload = JSON.stringify(o.body);
  if (payload !== undefined) headers["content-type"] ??= "application/json";
  const res = await SELF.fetch(`http://frameos.test${path}`, { method: o.method ?? (payload === undefined ? "GET" : "POST"), headers, body: payload });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

/** Signs a person in and returns the session cookie to send back. */
export async function login(email: string, password: string, address = `10.0.${counter++ % 250}.1`): Promise<string> {
  const r = await call("/api/auth/login", { body: { email, password }, headers: { "cf-connecting-ip": address } });
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
  const cookie = r.headers.get("set-cookie") ?? "";
  return cookie.split(";")[0]!;
}

/** Reads until `ok` holds or 15 s pass (for work that finishes in the background); returns the last read. */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((res) => setTimeout(res, 50));
    value = await read();
  }
  return value;
}
