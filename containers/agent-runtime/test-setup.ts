/**
 * Vitest globalSetup of the workers project: starts the real agent-runtime program on the
 * port chosen in vitest.config.ts (FRAMEOS_TEST_RUNTIME_PORT), which workerd reaches
 * through the RUNTIME_URL binding; stops it after the run.
 */
import { createServer } from "node:net";
import { spawnRuntime } from "./spawn.ts";

/** A TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export default async function setup(): Promise<() => Promise<void>> {
  const port = Number(process.env.FRAMEOS_TEST_RUNTIME_PORT ?? 0);
  const runtime = await spawnRuntime({ port, outputCapBytes: 64 * 1024 });
  return () => runtime.stop();
}
