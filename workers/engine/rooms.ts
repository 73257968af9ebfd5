import type { PluginRoom } from "../../durable-objects/plugin-room/plugin-room";
import type { RoomKey } from "../../durable-objects/plugin-room/types";
import type { Env } from "../env";

/**
 * The room's RPC methods as plain promises. Workers' RPC types recurse through our JSON value
 * type until TypeScript gives up, so the stub is viewed through this interface instead.
 */
export type RoomRpc = { [K in keyof PluginRoom as PluginRoom[K] extends (...args: never[]) => Promise<unknown> ? K : never]: PluginRoom[K] };

/** The PluginRoom stub for a workspace's plugin instance. */
export function roomStub(env: Pick<Env, "PLUGIN_ROOM">, key: RoomKey): RoomRpc {
  return env.PLUGIN_ROOM.get(env.PLUGIN_ROOM.idFromName(`${key.workspace}:${key.plugin}:${key.instance}`)) as unknown as RoomRpc;
}
