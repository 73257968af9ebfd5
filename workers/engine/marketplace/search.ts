import type { Env } from "../../env";

/** Rewrites an agent's row in the agents_fts index from agent_definitions (or drops it when the agent is gone). */
export async function syncSearch(env: Pick<Env, "DB">, agentId: string): Promise<void> {
  await env.DB.batch([
    env.DB.prepare("DELETE FROM agents_fts WHERE agent_id = ?1").bind(agentId),
    env.DB.prepare("INSERT INTO agents_fts (agent_id, name, description, category) SELECT id, name, description, category FROM agent_definitions WHERE id = ?1").bind(agentId),
  ]);
}

/**
 * A safe FTS5 query from what a person typed: words (letters and digits) become quoted prefix
 * terms that must all match, so operators, quotes and column filters in the input mean nothing.
 * Null when nothing searchable remains.
 *
 * @example ftsQuery('pdf "summary" OR x*') // '"pdf"* "summary"* "OR"* "x"*'
 */
export function ftsQuery(search: string): string | null {
  const words = search.match(/[\p{L}\p{N}]+/gu)?.slice(0, 10) ?? [];
  return words.length ? words.map((w) => `"${w}"*`).join(" ") : null;
}
