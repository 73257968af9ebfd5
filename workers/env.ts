import type { AgentContainer } from "../durable-objects/execution-room/agent-container";
import type { ExecutionRoom } from "../durable-objects/execution-room/execution-room";
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
  EXECUTION_ROOM: DurableObjectNamespace<ExecutionRoom>;
  EXECUTIONS_PAID: Queue<unknown>;
  EXECUTIONS_FREE: Queue<unknown>;
  /** The agent-runtime program run as a local process, for the `url` transport (see AGENT_RUNTIME). */
  RUNTIME_URL?: string;
  /** Where ExecutionRoom runs agents: `container` (AGENT_CONTAINER) or `url` (RUNTIME_URL); unset: `url` when RUNTIME_URL is set. */
  AGENT_RUNTIME?: string;
  /** The container-enabled Durable Object running the agent-runtime image, one per execution. */
  AGENT_CONTAINER?: DurableObjectNamespace<AgentContainer>;
  /** Agent runs allowed at once; default 10. */
  EXECUTION_CONCURRENCY?: string;
  /** Largest whole /ai/query reply, in bytes; past it the reply is 413. */
  AI_QUERY_GLOBAL_HARD_BYTES?: string;
  /** The workspace whose owners and admins are platform admins (marketplace review); default: the oldest. */
  PLATFORM_WORKSPACE?: string;
  /** Largest JSON body the API accepts, in bytes. */
  MAX_BODY_BYTES?: string;
  /** How long a browser surface query waits for a connected browser's answer, in ms; default 3000. */
  PERCEPTION_TIMEOUT_MS?: string;
}
