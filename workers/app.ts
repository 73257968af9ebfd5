import { Hono } from "hono";
import { newId } from "../lib/auth/secrets";
import type { AppEnv } from "./context";
import { resolveCaller } from "./middleware/auth";
import { limitBody } from "./middleware/body-limit";
import { onError, onNotFound } from "./middleware/errors";
import { requestLog } from "./middleware/request-log";
import { developerRevenueApi, paymentsApi } from "./routes/payments";
import { wellKnown } from "./routes/well-known";
import { adminApi } from "./routes/admin";
import { agentsApi } from "./routes/agents";
import { ai } from "./routes/ai";
import { auth } from "./routes/auth";
import { deploymentsApi } from "./routes/deployments";
import { developersApi } from "./routes/developers";
import { executionsApi } from "./routes/executions";
import { dispatchApi } from "./routes/dispatch";
import { events } from "./routes/events";
import { mcp } from "./routes/mcp";
import { pluginsApi } from "./routes/plugins";
import { perceptionAnswers } from "./routes/perception";
import { renderAcks } from "./routes/render-acks";
import { perceptionIngest } from "./routes/perception-ingest";
import { roomsApi } from "./routes/rooms";
import { settingsApi } from "./routes/settings";
import { stateStream } from "./routes/state-stream";
import { docsFor } from "./routes/docs";
import { workspacesApi } from "./routes/workspaces";

/** The API routes, described in OpenAPI. */
const api = new Hono<AppEnv>()
  .route("/api/auth", auth)
  .route("/api/workspaces", workspacesApi)
  .route("/api/w/:ws/plugins", pluginsApi)
  .route("/api/w/:ws/p/:plugin", roomsApi)
  .route("/api/w/:ws/dispatch", dispatchApi)
  .route("/api/w/:ws/settings", settingsApi)
  .route("/api/w/:ws", events)
  .route("/api/payments", paymentsApi)
  .route("/api/developers/revenue", developerRevenueApi)
  .route("/api/w/:ws", renderAcks)
  .route("/api/w/:ws", perceptionAnswers)
  .route("/api/w/:ws", perceptionIngest)
  .route("/ai", ai)
  .route("/mcp", mcp)
  .route("/api/state", stateStream)
  .route("/api/developers", developersApi)
  .route("/api/agents", agentsApi)
  .route("/api/deployments", deploymentsApi)
  .route("/api/executions", executionsApi)
  .route("/api/admin", adminApi);

/** The whole HTTP app: request id, body limit, caller resolution, routes, one error handler. */
export const app = new Hono<AppEnv>()
  .use(async (c, next) => {
    const requestId = c.req.header("cf-ray") ?? newId("req");
    c.set("requestId", requestId);
    await next();
    c.header("X-Request-Id", requestId);
  })
  .use(requestLog)
  .use(limitBody)
  .use(resolveCaller)
  .route("/", api)
  .route("/.well-known", wellKnown)
  .route("/api", docsFor(api));

app.onError(onError);
app.notFound(onNotFound);
