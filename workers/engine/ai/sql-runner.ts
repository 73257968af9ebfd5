/** Read-only SQL over one surface's table. */
import { resolveOnce, type LangRunner } from "./surface";

export const runSql: LangRunner = async (s, input) => {
  const resolved = await resolveOnce(s, input);
  if (!resolved.ok) return resolved;
  return { ok: false, code: "unsupported_surface", message: "sql queries are not available in this build" };
};
