import { DurableObject } from "cloudflare:workers";
import type { Env } from "../../workers/env";

/** One per workspace: fans room events out to the workspace's browsers and agents. */
export class WorkspaceHub extends DurableObject<Env> {}
