/**
 * How an ExecutionRoom reaches the agent-runtime program: one HTTP protocol
 * (containers/agent-runtime/protocol.ts), two transports, picked by configuration:
 * - `container`: the execution's own AgentContainer (`@cloudflare/containers`, production);
 * - `url`: RUNTIME_URL, the same program run as a local process (npm start, tests, CI).
 * AGENT_RUNTIME (`container` | `url`) chooses; unset, RUNTIME_URL means `url`, else `container`.
 */
import type { Env } from "../../env";

/** Sends a runtime request (`/run`, `/run/:id`, `/health`) for one execution. */
export interface RuntimeTransport {
  readonly kind: TransportKind;
  fetch(executionId: string, path: string, init?: RequestInit): Promise<Response>;
}

export type TransportKind = "container" | "url";

/** What the container transport needs of the container namespace: a stub per name that takes HTTP. */
export interface ContainerNamespace {
  getByName(name: string): { fetch(request: Request): Promise<Response> };
}

export const DEFAULT_RUNTIME_URL = "http://127.0.0.1:8788";
/** Port the agent-runtime listens on inside the container (the Dockerfile's EXPOSE and PORT). */
export const CONTAINER_PORT = 8080;

export class RuntimeUnavailableError extends Error {
  override name = "RuntimeUnavailableError";
  readonly code = "runtime_unavailable";
}

/** The local-process transport: plain HTTP to RUNTIME_URL. */
export function urlTransport(baseUrl: string): RuntimeTransport {
  const base = baseUrl.replace(/\/+$/, "");
  return {
    kind: "url",
    fetch: async (_executionId, path, init) => {
      try {
        return await fetch(`${base}${path}`, init);
      } catch (err) {
        throw new RuntimeUnavailableError(`the agent runtime at ${base} is unreachable: ${(err as Error).message}`, { cause: err });
      }
    },
  };
}

/**
 * The container transport: each execution's requests go to the AgentContainer named by its id,
 * which starts the image (no internet) on first use and forwards to CONTAINER_PORT.
 */
export function containerTransport(containers: ContainerNamespace): RuntimeTransport {
  return {
    kind: "container",
    fetch: async (executionId, path, init) => {
      try {
        return await containers.getByName(executionId).fetch(new Request(`http://container${path}`, init));
      } catch (err) {
        throw new RuntimeUnavailableError(`the agent container did not answer: ${(err as Error).message}`, { cause: err });
      }
    },
  };
}

/** The transport configuration selects (see the module comment). */
export function transportKind(env: Pick<Env, "AGENT_RUNTIME" | "RUNTIME_URL">): TransportKind {
  if (env.AGENT_RUNTIME === "container" || env.AGENT_RUNTIME === "url") return env.AGENT_RUNTIME;
  return env.RUNTIME_URL ? "url" : "container";
}

/** The transport for this Worker's configuration. */
export function runtimeTransport(env: Pick<Env, "AGENT_RUNTIME" | "RUNTIME_URL" | "AGENT_CONTAINER">): RuntimeTransport {
  if (transportKind(env) === "url") return urlTransport(env.RUNTIME_URL || DEFAULT_RUNTIME_URL);
  const missing: ContainerNamespace = {
    getByName: () => {
      throw new Error("the AGENT_CONTAINER binding is missing (set RUNTIME_URL or AGENT_RUNTIME=url to use a local runtime)");
    },
  };
  return containerTransport(env.AGENT_CONTAINER ?? missing);
}
