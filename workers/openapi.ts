import type { ValidationTargets } from "hono";
import { describeRoute, resolver, validator } from "hono-openapi";
import type { ZodType } from "zod";
import { ErrorBody } from "../lib/protocol/errors";
import { AppError, type Problem } from "./middleware/errors";

type Issue = { message: string; path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> };

const problemsOf = (issues: readonly Issue[]): Problem[] =>
  issues.map((i) => ({
    path: (i.path ?? []).map((p) => String(typeof p === "object" ? p.key : p)).join("."),
    message: i.message,
  }));

function validate<T extends ZodType, K extends keyof ValidationTargets>(target: K, schema: T) {
  return validator(target, schema, (result) => {
    if (!result.success) {
      const problems = problemsOf(result.error as readonly Issue[]);
      throw new AppError(400, "invalid_request", `invalid ${target}: ${problems.map((p) => `${p.path || "(root)"}: ${p.message}`).join("; ")}`, problems);
    }
  });
}

/** Validates the JSON body with a zod schema (400 with field paths) and documents it in OpenAPI. */
export const body = <T extends ZodType>(schema: T) => validate("json", schema);
/** Validates the query string with a zod schema and documents it in OpenAPI. */
export const query = <T extends ZodType>(schema: T) => validate("query", schema);

interface DocOptions {
  summary: string;
  tags: string[];
  response?: ZodType;
  status?: number;
  security?: boolean;
}

/** OpenAPI description of an operation, built from the same zod schema the handler returns. */
export function doc({ summary, tags, response, status = 200, security = true }: DocOptions) {
  return describeRoute({
    summary,
    tags,
    ...(security ? { security: [{ bearer: [] }, { session: [] }] } : { security: [] }),
    responses: {
      [status]: response
        ? { description: summary, content: { "application/json": { schema: resolver(response) } } }
        : { description: summary },
      default: { description: "an error", content: { "application/json": { schema: resolver(ErrorBody) } } },
    },
  });
}
