import { DurableObject } from "cloudflare:workers";
import type { Env } from "../../workers/env";

/** One agent execution: lifecycle, limits, live logs, runtime port. */
export class ExecutionRoom extends DurableObject<Env> {}
