import type { Context } from "hono";
import type { RoomKey } from "../../durable-objects/plugin-room/types";
import type { AppEnv, WorkspaceAccess } from "../context";
import { database } from "../db/client";
import type { Role } from "../db/schema";
import { requireWorkspace } from "../middleware/auth";
import { AppError, notFound } from "../middleware/errors";
import { describeInstalled, findInstalled } from "./plugins";
import { roomStub, type RoomRpc } from "./rooms";

/** The caller's access, the room key and its stub for `/api/w/:ws/p/:plugin?instance=`. */
export async function openRoom(c: Context<AppEnv>, min: Role, instance = "main"): Promise<{ access: WorkspaceAccess; key: RoomKey; room: RoomRpc }> {
  const access = await requireWorkspace(c, c.req.param("ws")!, min);
  const plugin = c.req.param("plugin")!;
  const installed = await findInstalled(database(c.env), access.id, plugin);
  if (!installed) throw notFound("plugin");
  if (describeInstalled(installed).instances === "single" && instance !== "main") {
    throw new AppError(400, "invalid_instance", `${plugin} has one instance per workspace: use "main"`);
  }
  const key = { workspace: access.id, plugin, instance };
  return { access, key, room: roomStub(c.env, key) };
}
