/**
 * How an ExecutionRoom reaches the agent-runtime program: one protocol, two transports.
 * With a container engine (a container-enabled Durable Object, `ctx.container`), requests go
 * to the container's port; otherwise to RUNTIME_URL, the same program run as a local process.
 */
import type { Env } from "../../env";

/** Sends a runtime request (`/run`, `/run/:id`, `/health`). */
export interface RuntimeTransport {
  readonly kind: "container" | "http";
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

export const DEFAULT_RUNTIME_URL = "http://127.0.0.1:8788";
/** Port the agent-runtime listens on inside the container (see containers/agent-runtime/Dockerfile). */
export const CONTAINER_PORT = 8080;

export class RuntimeUnavailableError extends Error {
  override name = "RuntimeUnavailableError";
  readonly code = "runtime_unavailable";
}

/** The local-process transport: plain HTTP to RUNTIME_URL. */
export function httpTransport(baseUrl: string): RuntimeTransport {
  const base = baseUrl.replace(/\/+$/, "");
  return {
    kind: "http",
    fetch: async (path, init) => {
      try {
        return await fetch(`${base}${path}`, init);
      } catch (err) {
        throw new RuntimeUnavailableError(`the agent runtime at ${base} is unreachable: ${(err as Error).message}`, { cause: err });
      }
    },
  };
}

/**
 * The container transport: starts the room's container (no internet) on first use and
 * sends requests to its port, retrying while it boots.
 */
export function containerTransport(container: Container, bootMs = 20_000): RuntimeTransport {
  return {
    kind: "container",
    fetch: async (path, init) => {
      if (!container.running) container.start({ enableInternet: false, env: { PORT: String(CONTAINER_PORT), HOST: "0.0.0.0" } });
      const port = container.getTcpPort(CONTAINER_PORT);
      const deadline = Date.now() + bootMs;
      for (;;) {
        try {
          return await port.fetch(`http://container${path}`, init);
        } catch (err) {
          if (Date.now() > deadline) throw new RuntimeUnavailableError(`the agent container did not answer: ${(err as Error).message}`, { cause: err });
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    },
  };
}

/** Picks the transport for a room: its container when it has one, else RUNTIME_URL. */
export function runtimeTransport(env: Pick<Env, "RUNTIME_URL">, ctx: Pick<DurableObjectState, "container">): RuntimeTransport {
  return ctx.container ? containerTransport(ctx.container) : httpTransport(env.RUNTIME_URL || DEFAULT_RUNTIME_URL);
}
