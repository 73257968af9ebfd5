import { Hono, type Context } from "hono";
import { FIRST_PARTY } from "../../plugins";
import { InstallPlugin } from "../../lib/protocol/dispatch";
import type { AppEnv } from "../context";
import { audit } from "../db/audit";
import { database } from "../db/client";
import { describeInstalled, installPlugin, listInstalled, uninstallPlugin } from "../engine/plugins";
import { requireIdentity, requireWorkspace } from "../middleware/auth";
import { body, doc } from "../openapi";

const ws = (c: Context<AppEnv>) => c.req.param("ws")!;

export const pluginsApi = new Hono<AppEnv>()
  .get("/", doc({ summary: "Installed plugins, and first-party plugins available to install", tags: ["plugins"] }), async (c) => {
    const access = await requireWorkspace(c, ws(c), "viewer");
    const installed = (await listInstalled(database(c.env), access.id)).map(describeInstalled);
    const names = new Set(installed.map((p) => p.name));
    const available = Object.entries(FIRST_PARTY)
      .filter(([name]) => !names.has(name))
      .map(([name, files]) => {
        const m = JSON.parse(files["plugin.json"]) as { version: string; title: string; description?: string };
        return { name, version: m.version, title: m.title, description: m.description ?? "" };
      });
    return c.json({ installed, available });
  })
  .post("/", doc({ summary: "Install a first-party plugin by name, or a package of files (admin)", tags: ["plugins"], status: 201 }), body(InstallPlugin), async (c) => {
    const access = await requireWorkspace(c, ws(c), "admin");
    const plugin = await installPlugin(c.env, access.id, requireIdentity(c).id, c.req.valid("json"));
    await audit(c, { action: "plugin.install", workspaceId: access.id, target: plugin.name, details: { version: plugin.version } });
    return c.json({ plugin }, 201);
  })
  .delete("/:plugin", doc({ summary: "Uninstall a plugin and clear its rooms (admin)", tags: ["plugins"] }), async (c) => {
    const access = await requireWorkspace(c, ws(c), "admin");
    await uninstallPlugin(c.env, access.id, c.req.param("plugin"));
    await audit(c, { action: "plugin.uninstall", workspaceId: access.id, target: c.req.param("plugin") });
    return c.json({ ok: true as const });
  });
