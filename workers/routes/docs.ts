import { Hono } from "hono";
import { openAPIRouteHandler } from "hono-openapi";
import type { AppEnv } from "../context";

/** Serves the OpenAPI 3.1 document generated from the routes' zod schemas, and a reference page. */
export function docsFor(api: Hono<AppEnv>) {
  return new Hono<AppEnv>()
    .get(
      "/openapi.json",
      openAPIRouteHandler(api, {
        documentation: {
          openapi: "3.1.0",
          info: { title: "FrameOS API", version: "0.1.0", description: "Plugins, commands, state and agents at the edge." },
          components: {
            securitySchemes: {
              bearer: { type: "http", scheme: "bearer", description: "An API token from POST /api/auth/token" },
              session: { type: "apiKey", in: "cookie", name: "fos_session" },
            },
          },
        },
        exclude: ["/api/openapi.json", "/api/docs"],
      }),
    )
    .get("/docs", (c) => c.html(REFERENCE_PAGE));
}

/** A dependency-free reference page that renders the OpenAPI document. */
const REFERENCE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>FrameOS API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:24px;color:#1d232b}
h1{margin:0 0 4px}section{border-top:1px solid #e3e7ec;padding:12px 0}
.m{display:inline-block;min-width:64px;font:600 12px ui-monospace,monospace;padding:2px 6px;border-radius:4px;background:#eef2f7;text-align:center}
.GET{background:#e3f4ea}.POST{background:#e5eefc}.DELETE{background:#fde8e8}.PATCH{background:#fff4dc}
code{font:13px ui-monospace,monospace}details pre{background:#f6f8fa;padding:8px;overflow:auto;font-size:12px}
@media (prefers-color-scheme:dark){body{background:#12161b;color:#e6e9ee}.m{background:#263040}details pre{background:#1b2129}section{border-color:#2a323d}}
</style></head><body><h1>FrameOS API</h1><p>Generated from <a href="/api/openapi.json">/api/openapi.json</a>. Errors always have the shape <code>{"error":{"code","message","details"?}}</code>.</p><main id="ops">Loading…</main>
<script>
fetch('/api/openapi.json').then(r=>r.json()).then(doc=>{
  const main=document.getElementById('ops');main.textContent='';
  for(const [path,ops] of Object.entries(doc.paths||{}))for(const [method,op] of Object.entries(ops)){
    const s=document.createElement('section');const h=document.createElement('div');
    const m=document.createElement('span');m.className='m '+method.toUpperCase();m.textContent=method.toUpperCase();
    const p=document.createElement('code');p.textContent=' '+path;h.append(m,p);
    const d=document.createElement('div');d.textContent=op.summary||'';
    const det=document.createElement('details');const sum=document.createElement('summary');sum.textContent='schemas';
    const pre=document.createElement('pre');pre.textContent=JSON.stringify({requestBody:op.requestBody,parameters:op.parameters,responses:op.responses},null,2);
    det.append(sum,pre);s.append(h,d,det);main.append(s);
  }
});
</script></body></html>`;
