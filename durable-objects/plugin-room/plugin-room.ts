import { DurableObject } from "cloudflare:workers";
import type { Env } from "../../workers/env";

/** One per (workspace, plugin, instance): dispatch, state, changelog, history, fanout. */
export class PluginRoom extends DurableObject<Env> {}
