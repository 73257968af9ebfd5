import { drizzle } from "drizzle-orm/d1";
import type { Env } from "../env";
import * as schema from "./schema";

export type Db = ReturnType<typeof database>;

/** A drizzle handle over the D1 binding. */
export function database(env: Pick<Env, "DB">) {
  return drizzle(env.DB, { schema });
}

/** Current time as the ISO string the schema stores. */
export const isoNow = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString();
