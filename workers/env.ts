import type { PluginRoom } from "../durable-objects/plugin-room/plugin-room";
import type { WorkspaceHub } from "../durable-objects/workspace-hub/workspace-hub";

/** Bindings and variables of the FrameOS Worker (see wrangler.toml). */
export interface Env {
  DB: D1Database;
  BLOBS: R2Bucket;
  ASSETS: Fetcher;
  PLUGIN_ROOM: DurableObjectNamespace<PluginRoom>;
  WORKSPACE_HUB: DurableObjectNamespace<WorkspaceHub>;
  EVENTS: Queue<unknown>;
  /** Largest JSON body the API accepts, in bytes. */
  MAX_BODY_BYTES?: string;
}
