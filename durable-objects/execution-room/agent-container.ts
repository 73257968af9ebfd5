/**
 * The container-enabled Durable Object that runs the agent-runtime image
 * (containers/agent-runtime/Dockerfile, `[[containers]]` in wrangler.toml): one instance per
 * execution, named by the execution id, with no internet. `@cloudflare/containers` starts it on
 * the first request, waits for the port and forwards the request; ExecutionRoom reaches it
 * through the container transport (workers/engine/marketplace/run-transport.ts).
 */
import { Container } from "@cloudflare/containers";
import { CONTAINER_PORT } from "../../workers/engine/marketplace/run-transport";
import type { Env } from "../../workers/env";

export class AgentContainer extends Container<Env> {
  override defaultPort = CONTAINER_PORT;
  override requiredPorts = [CONTAINER_PORT];
  /** No network for agents; the platform reaches the port through the Durable Object. */
  override enableInternet = false;
  /** A run lasts at most 5 minutes; the instance stops soon after its run. */
  override sleepAfter = "2m";
  override envVars = { PORT: String(CONTAINER_PORT), HOST: "0.0.0.0", NODE_ENV: "production" };
}
