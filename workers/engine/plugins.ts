/** Installing and removing plugins in a workspace. */
import { and, eq } from "drizzle-orm";
import { validatePlugin, type PluginFiles } from "../../lib/plugin/package";
import { FIRST_PARTY } from "../../plugins";
import { database, type Db } from "../db/client";
import { installedPlugins, pluginInstances } from "../db/schema";
import type { Env } from "../env";
import { AppError, conflict, notFound } from "../middleware/errors";
import { roomStub } from "./rooms";

export interface InstalledPlugin {
  name: string;
  version: string;
  title: string;
  description: string;
  first_party: boolean;
  instances: "single" | "per_document";
  installed_at: string;
}

interface ManifestHead {
  name: string;
  version: string;
  title: string;
  description?: string;
  instances?: "single" | "per_document";
  dependencies?: string[];
}

const head = (files: Record<string, string>) => JSON.parse(files["plugin.json"]!) as ManifestHead;

export function describeInstalled(row: typeof installedPlugins.$inferSelect): InstalledPlugin {
  const m = head(row.files);
  return { name: row.name, version: row.version, title: row.title, description: m.description ?? "", first_party: row.firstParty, instances: m.instances ?? "single", installed_at: row.installedAt };
}

export function listInstalled(db: Db, workspaceId: string) {
  return db.select().from(installedPlugins).where(eq(installedPlugins.workspaceId, workspaceId)).orderBy(installedPlugins.name);
}

export async function findInstalled(db: Db, workspaceId: string, name: string) {
  const [row] = await db.select().from(installedPlugins).where(and(eq(installedPlugins.workspaceId, workspaceId), eq(installedPlugins.name, name))).limit(1);
  return row;
}

/** Validates a whole package (every problem listed) and installs it, or changes nothing. */
export async function installPlugin(env: Env, workspaceId: string, by: string, source: { name: string } | { files: PluginFiles }): Promise<InstalledPlugin> {
  const firstParty = "name" in source;
  const files = firstParty ? FIRST_PARTY[source.name] : source.files;
  if (!files) throw notFound(`first-party plugin ${"name" in source ? source.name : ""}`);
  const checked = validatePlugin(files);
  if (!checked.ok) throw new AppError(400, "invalid_plugin", `the plugin package has ${checked.problems.length} problem(s)`, checked.problems);
  const m = head({ ...files });
  const db = database(env);
  if (await findInstalled(db, workspaceId, m.name)) throw conflict(`${m.name} is already installed; uninstall it first`);
  const missing: string[] = [];
  for (const dep of m.dependencies ?? []) if (!(await findInstalled(db, workspaceId, dep))) missing.push(dep);
  if (missing.length) throw new AppError(409, "missing_dependencies", `install ${missing.join(", ")} first`, { missing });
  const row = { workspaceId, name: m.name, version: m.version, title: m.title, firstParty, files: { ...files } as Record<string, string>, installedBy: by };
  await db.insert(installedPlugins).values(row);
  return describeInstalled({ ...row, installedAt: new Date().toISOString() });
}

/** Removes a plugin and clears every room it had. */
export async function uninstallPlugin(env: Env, workspaceId: string, name: string): Promise<void> {
  const db = database(env);
  if (!(await findInstalled(db, workspaceId, name))) throw notFound("plugin");
  const rooms = await db.select().from(pluginInstances).where(and(eq(pluginInstances.workspaceId, workspaceId), eq(pluginInstances.plugin, name)));
  await Promise.all(rooms.map((r) => roomStub(env, { workspace: workspaceId, plugin: name, instance: r.instance }).destroy()));
  await db.batch([
    db.delete(installedPlugins).where(and(eq(installedPlugins.workspaceId, workspaceId), eq(installedPlugins.name, name))),
    db.delete(pluginInstances).where(and(eq(pluginInstances.workspaceId, workspaceId), eq(pluginInstances.plugin, name))),
  ]);
}
