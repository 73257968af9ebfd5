/**
 * `GET /ai/manual`: markdown an agent reads to learn the workspace — one H1 per plugin, one H2 per
 * surface and per command, each with a runnable example (```ai-query / ```ai-dispatch blocks that
 * the test suite executes; ```ai-query-browser for surfaces a connected browser computes).
 */
import { describeFreshness, type Surface } from "./surface";

interface PluginDoc {
  name: string;
  version: string;
  title: string;
  description: string;
  files: Record<string, string>;
}

interface CommandDoc {
  handler: string;
  description: string;
  params: unknown;
  example?: Record<string, unknown>;
  example_setup?: { command: string; params?: Record<string, unknown> }[];
  meta?: boolean;
}

const json = (v: unknown) => JSON.stringify(v);
const block = (lang: string, body: string) => `\`\`\`${lang}\n${body}\n\`\`\``;

const INTRO = `FrameOS manual for AI agents. Send your API token as \`Authorization: Bearer <token>\`; the
workspace is the token's. Three calls do everything:

- \`GET /ai/manual\` — this text (ETag; send \`If-None-Match\` to get 304 when nothing changed).
- \`POST /ai/query\` — a JSON array of \`{plugin, surface, query, instance?}\`. Each entry answers
  \`{result, meta:{complete, truncated_at, total_estimate, last_updated, version_hash, target_rect}}\`
  where \`result\` is the array of the query's outputs. Over a surface's soft budget the result is
  truncated (\`complete: false\`); over its hard budget the entry is
  \`{result: null, error: {code: "payload_too_large", suggested_narrowings}}\`. Errors are in-band;
  \`Accept: application/x-ndjson\` streams entries without byte budgets.
- \`POST /ai/dispatch\` — \`{commands: [{plugin, instance?, command, params, expect_version?}],
  changeset?, rendering?, ack_timeout_ms?}\`. Runs the commands like a click would, recorded with
  \`Source: ai\`, and answers \`{results, state, batch_id, commands_executed, versions, ack}\`;
  \`ack.rendered_by\` counts the browsers that rendered the new version within the timeout.

Surfaces computed by a connected browser (\`pe.view\`, \`pe.a11y\`, \`pe.anomalies\`, \`pe.components\`,
\`pe.screenshot\`) answer \`no_browser\` when nobody has the workspace open; their recipes are
\`ai-query-browser\` blocks. \`GET /api/state/stream\` (SSE) carries state events and the
perception events \`perception_query\`, \`perception_invalidate\`, \`target_rect\`, \`perception_active\`.

The same operations are tools (\`manual\`, \`query\`, \`dispatch\`) of the MCP server at \`/mcp\`.`;

function surfaceSection(s: Surface): string {
  const d = s.decl;
  const lines = [
    `## Surface \`${d.plugin}.${d.name}\``,
    "",
    d.description,
    "",
    `Language: ${d.lang}. Freshness: ${describeFreshness(d.freshness)}. Soft budget: ${d.soft_budget_bytes} bytes; hard budget: ${d.hard_budget_bytes} bytes.${d.browser ? " Computed by a connected browser." : ""}`,
  ];
  // Browser surfaces' recipes need a connected browser: their own block kind, run by tests that act as one.
  for (const r of d.recipes) lines.push("", `Recipe — ${r.description}:`, "", block(d.browser ? "ai-query-browser" : "ai-query", json([{ plugin: d.plugin, surface: d.name, query: r.query }])));
  return lines.join("\n");
}

function commandSection(plugin: string, name: string, c: CommandDoc): string {
  const commands = [...(c.example_setup ?? []).map((s) => ({ plugin, command: s.command, params: s.params ?? {} })), { plugin, command: name, params: c.example ?? {} }];
  return [
    `## Command \`${plugin}.${name}\``,
    "",
    c.description,
    "",
    "Params (JSON Schema):",
    "",
    block("json", JSON.stringify(c.params, null, 2)),
    "",
    c.example_setup?.length ? "Example (on a fresh instance, with the commands it needs first):" : "Example:",
    "",
    block("ai-dispatch", json({ commands })),
  ].join("\n");
}

/** The whole manual for a workspace's installed plugins and surfaces. */
export function composeManual(plugins: PluginDoc[], surfaces: Surface[]): string {
  const parts = [INTRO];
  const names = ["pe", ...plugins.map((p) => p.name).filter((n) => n !== "pe")];
  for (const name of names) {
    const p = plugins.find((x) => x.name === name);
    const manifest = p ? (JSON.parse(p.files["plugin.json"] ?? "{}") as { commands?: Record<string, CommandDoc> }) : {};
    const title = p ? `${p.title} (\`${p.name}\` ${p.version})` : "Platform engine (`pe`)";
    const section = [`# ${title}`, "", p?.description ?? "Framework surfaces for every workspace."];
    for (const s of surfaces.filter((x) => x.decl.plugin === name)) section.push("", surfaceSection(s));
    for (const [cmd, spec] of Object.entries(manifest.commands ?? {})) section.push("", commandSection(name, cmd, spec));
    parts.push(section.join("\n"));
  }
  return `${parts.join("\n\n")}\n`;
}

/** ETag over the installed plugins and their versions (and the manual's own shape). */
export async function manualEtag(plugins: { name: string; version: string; files: Record<string, string> }[]): Promise<string> {
  const text = plugins.map((p) => `${p.name}@${p.version}:${p.files["plugin.json"]?.length ?? 0}`).sort().join("|");
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`v2|${text}`)));
  return `"${[...digest.slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("")}"`;
}
