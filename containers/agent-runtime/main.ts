/**
 * Entry point: `node --import tsx containers/agent-runtime/main.ts` (or the bundled
 * `dist/main.mjs` in the container). PORT (default 8788, 0 = any free port) and HOST
 * (default 127.0.0.1; 0.0.0.0 in the container). Prints `agent-runtime listening on <url>`.
 */
import { startServer } from "./server";

const runtime = await startServer({
  port: Number(process.env.PORT ?? 8788),
  host: process.env.HOST ?? "127.0.0.1",
  outputCap: process.env.OUTPUT_CAP_BYTES ? Number(process.env.OUTPUT_CAP_BYTES) : undefined,
});
console.log(`agent-runtime listening on ${runtime.url}`);
const stop = () => void runtime.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
