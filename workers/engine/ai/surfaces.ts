/** The surfaces of a workspace: the framework's (`pe.*`) and those its plugins declare. */
import type { JsonValue } from "../../../lib/protocol/events";
import { database } from "../../db/client";
import type { Env } from "../../env";
import type { WorkspaceAccess } from "../../context";
import { listInstalled } from "../plugins";
import { roomStub } from "../rooms";
import { BROWSER_SURFACES } from "./browser-surfaces";
import { pluginSqlSurface, SQL_SURFACES } from "./sql-surfaces";
import { surface, versionHash, type Resolved, type Resolver, type Surface, type SurfaceDecl } from "./surface";

export interface ManifestSurface {
  name: string;
  lang: "jq" | "sql";
  description: string;
  path?: string;
  soft_budget_bytes?: number;
  hard_budget_bytes?: number;
  recipes?: { description: string; query: string }[];
}

/** pe.state: every installed plugin's main room at once. */
async function peState(env: Env, access: WorkspaceAccess): Promise<Resolved> {
  const installed = await listInstalled(database(env), access.id);
  const out: Record<string, Record<string, JsonValue>> = { commands: {}, state: {}, ui: {}, bindings: {}, styles: {}, scene: {}, tokens: {}, errors: {}, snapshots: {}, version: {} };
  const versions: Record<string, number> = {};
  await Promise.all(
    installed.map(async (p) => {
      const key = { workspace: access.id, plugin: p.name, instance: "main" };
      const room = roomStub(env, key);
      const [state, files, errors, snapshots] = await Promise.all([room.getState(key), room.files(key), room.errors(key), room.snapshots(key)]);
      if ("error" in state || !files) return;
      const manifest = JSON.parse(files["plugin.json"] ?? "{}") as { commands?: Record<string, unknown> };
      versions[`${p.name}:main`] = state.version;
      out.version![p.name] = state.version;
      out.state![p.name] = state.state;
      out.commands![p.name] = Object.keys(manifest.commands ?? {});
      out.ui![p.name] = JSON.parse(files["ui.json"] ?? "null") as JsonValue;
      out.bindings![p.name] = JSON.parse(files["bindings.json"] ?? "{}") as JsonValue;
      out.styles![p.name] = files["styles.css"] ?? "";
      const st = state.state as Record<string, JsonValue> | null;
      if (st && typeof st === "object" && "scene" in st) out.scene![p.name] = st.scene!;
      out.errors![p.name] = errors as unknown as JsonValue;
      out.snapshots![p.name] = snapshots as unknown as JsonValue;
    }),
  );
  const plugins = installed.map((p) => ({ name: p.name, version: p.version, title: p.title }));
  return { ok: true, value: { plugins, ...out } as JsonValue, version_hash: await versionHash(versions) };
}

const FRAMEWORK: Surface[] = [
  surface(
    {
      plugin: "pe",
      name: "state",
      lang: "jq",
      freshness: { kind: "every_dispatch" },
      description: "Every installed plugin's main room: {plugins, commands, state, ui, bindings, styles, scene, tokens, errors, snapshots, version}, each keyed by plugin name.",
      recipes: [
        { description: "installed plugins and their versions", query: ".plugins | map({name, version})" },
        { description: "commands per plugin", query: ".commands" },
        { description: "recent errors of every plugin", query: ".errors | map_values(.[:5])" },
      ],
    },
    ({ env, access }) => peState(env, access),
  ),
  ...BROWSER_SURFACES,
  ...SQL_SURFACES,
];

function fromManifest(plugin: string, s: ManifestSurface, stateSchema?: unknown): Surface {
  /** The value at the surface's `path` in an instance's state (a SQL surface makes it a table). */
  const atPath: Resolver = async ({ env, access, instance }) => {
    const key = { workspace: access.id, plugin, instance };
    const got = await roomStub(env, key).getState(key);
    if ("error" in got) return { ok: false, code: got.error.code, message: got.error.message };
    let value: JsonValue = got.state;
    for (const part of (s.path ?? "").split(".").filter(Boolean)) value = value && typeof value === "object" && !Array.isArray(value) ? (value[part] ?? null) : null;
    return { ok: true, value, version_hash: await versionHash({ [`${plugin}:${instance}`]: got.version }) };
  };
  if (s.lang === "sql") return pluginSqlSurface(plugin, s, stateSchema, atPath);
  return surface(
    { plugin, name: s.name, lang: s.lang, freshness: { kind: "every_dispatch" }, description: s.description, soft_budget_bytes: s.soft_budget_bytes, hard_budget_bytes: s.hard_budget_bytes, recipes: s.recipes ?? [] },
    atPath,
  );
}

/** Every surface an agent can query in this workspace, framework surfaces first. */
export async function workspaceSurfaces(env: Env, access: WorkspaceAccess): Promise<{ surfaces: Surface[]; plugins: { name: string; version: string; title: string; description: string; files: Record<string, string> }[] }> {
  const installed = await listInstalled(database(env), access.id);
  const surfaces = [...FRAMEWORK];
  const plugins = installed.map((p) => {
    const manifest = JSON.parse(p.files["plugin.json"] ?? "{}") as { description?: string; surfaces?: ManifestSurface[]; state?: { schema?: unknown } };
    for (const s of manifest.surfaces ?? []) surfaces.push(fromManifest(p.name, s, manifest.state?.schema));
    return { name: p.name, version: p.version, title: p.title, description: manifest.description ?? "", files: p.files };
  });
  return { surfaces, plugins };
}

export function findSurface(surfaces: Surface[], plugin: string, name: string): Surface | undefined {
  return surfaces.find((s) => s.decl.plugin === plugin && s.decl.name === name);
}

export type { SurfaceDecl };
