/**
 * SQL surfaces: the framework's (`pe.console`, `pe.mutations` fed by browsers; `pe.log`,
 * `pe.network`, `pe.changelog` from the server) and those plugins declare over their own tables.
 */
import type { ManifestSurface } from "./surfaces";
import { surface, type Resolved, type Surface } from "./surface";

const notYet = (what: string): Resolved => ({ ok: false, code: "unsupported_surface", message: `${what}: SQL surfaces are not available in this build` });

export const SQL_SURFACES: Surface[] = (
  [
    ["console", "The browser console (table console: at, level, message, source)."],
    ["mutations", "DOM mutations the browser observed (table mutations: at, target, kind, detail)."],
  ] as const
).map(([name, description]) => surface({ plugin: "pe", name, lang: "sql", freshness: { kind: "lazy" }, description }, async () => notYet(`pe.${name}`)));

/** A plugin's manifest SQL surface over a table it owns. */
export function pluginSqlSurface(plugin: string, s: ManifestSurface): Surface {
  return surface(
    { plugin, name: s.name, lang: "sql", freshness: { kind: "every_dispatch" }, description: s.description, soft_budget_bytes: s.soft_budget_bytes, hard_budget_bytes: s.hard_budget_bytes, recipes: s.recipes ?? [] },
    async () => notYet(`${plugin}.${s.name}`),
  );
}
