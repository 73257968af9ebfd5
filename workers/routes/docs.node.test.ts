// Runs in Node: the OpenAPI validator compiles JSON Schemas to code, which Workers forbid.
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { app } from "../app";

const env = { DB: {}, BLOBS: {}, ASSETS: {} };

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document covering every API route", async () => {
    const res = await app.request("/api/openapi.json", {}, env);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/auth/login", "/api/auth/whoami", "/api/auth/token", "/api/auth/token/{id}", "/api/workspaces/{ws}/members/{identity}"]),
    );
  });

  it("documents request bodies from the same zod schemas the routes validate with", async () => {
    const doc = (await (await app.request("/api/openapi.json", {}, env)).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown>; required?: string[] } }> } }>>;
    };
    const schema = doc.paths["/api/workspaces/{ws}/members"]!.post!.requestBody!.content["application/json"]!.schema;
    expect(Object.keys(schema.properties)).toEqual(["email", "role"]);
    expect(schema.required).toEqual(["email", "role"]);
  });

  it("serves a reference page at /api/docs", async () => {
    const res = await app.request("/api/docs", {}, env);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(await res.text()).toContain("/api/openapi.json");
  });
});
