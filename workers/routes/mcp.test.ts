import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, seedWorkspace } from "../test/fixtures";

async function connect(token: string) {
  const transport = new StreamableHTTPClientTransport(new URL("http://frameos.test/mcp"), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
    fetch: (input, init) => SELF.fetch(input as string, init),
  });
  const client = new Client({ name: "frameos-test", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

const textOf = (r: unknown) => (r as { content: { text: string }[] }).content[0]!.text;

describe("MCP server at /mcp (driven by the official MCP TypeScript SDK client)", () => {
  it("lists the manual, query and dispatch tools with JSON Schemas and one resource per plugin", async () => {
    const s = await seedWorkspace();
    await call(`/api/w/${s.workspace.id}/plugins`, { token: s.owner.token, body: { name: "graphist" } });
    const client = await connect(s.owner.token);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(["dispatch", "manual", "query"]);
    for (const t of tools) expect(t.inputSchema.type).toBe("object");
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(["frameos://plugins/pe", "frameos://plugins/graphist"]);
    const read = await client.readResource({ uri: "frameos://plugins/graphist" });
    expect((read.contents[0] as { text: string }).text).toContain("## Command `graphist.add_node`");
    await client.close();
  });

  it("dispatches as the AI and queries the result through tools", async () => {
    const s = await seedWorkspace();
    await call(`/api/w/${s.workspace.id}/plugins`, { token: s.owner.token, body: { name: "graphist" } });
    const client = await connect(s.owner.token);
    expect(textOf(await client.callTool({ name: "manual", arguments: {} }))).toContain("# Graphist");
    const d = await client.callTool({ name: "dispatch", arguments: { commands: [{ plugin: "graphist", command: "add_node", params: { x: 3, y: 4, label: "mcp" } }], ack_timeout_ms: 0 } });
    expect(d.isError).toBeFalsy();
    expect(JSON.parse(textOf(d)).versions).toEqual({ "graphist:main": 1 });
    const q = await client.callTool({ name: "query", arguments: { entries: [{ plugin: "graphist", surface: "nodes", query: "[.[].label]" }] } });
    expect(JSON.parse(textOf(q))[0].result).toEqual([["mcp"]]);
    const bad = await client.callTool({ name: "query", arguments: { entries: "nope" } });
    expect(bad.isError).toBe(true);
    const h = await call(`/api/w/${s.workspace.id}/p/graphist/history`, { token: s.owner.token });
    expect(h.body.records[0].source).toBe("ai");
    await client.close();
  });

  it("refuses a request without a token", async () => {
    const res = await SELF.fetch("http://frameos.test/mcp", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }) });
    expect(res.status).toBe(401);
  });
});
