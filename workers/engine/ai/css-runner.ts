/**
 * CSS selectors over a browser's layout snapshot (`pe.view`). Each match is one output: the node
 * without its subtree (`child_count` in place of `children`), in document order, so results stay
 * within budgets and truncate match by match. `meta.target_rect` is the box around every match,
 * shown to the workspace's browsers as a `target_rect` event.
 */
import type { ViewNode } from "../../../lib/protocol/perception";
import type { JsonValue } from "../../../lib/protocol/events";
import { matchOutput, select, selectorProblem, unionRect, wrapSnapshot, type El } from "./css-view";
import { announceTarget } from "./perception";
import { resolveOnce, type LangRunner } from "./surface";

/** The `data-plugin` of a match or its nearest ancestor. */
function pluginOf(el: El | undefined): string | null {
  for (let p: El["parent"] | undefined = el; p && p.kind === "el"; p = p.parent) {
    const name = p.attrs.get("data-plugin");
    if (name) return name;
  }
  return null;
}

export const runCss: LangRunner = async (s, input) => {
  const problem = input.query.trim() ? selectorProblem(input.query) : "an empty selector matches nothing; try * or [data-plugin]";
  if (problem) return { ok: false, code: "invalid_query", message: problem };
  const resolved = await resolveOnce(s, input);
  if (!resolved.ok) return resolved;
  const selected = select(input.query, wrapSnapshot(resolved.value as unknown as ViewNode));
  if (!selected.ok) return { ...selected, version_hash: resolved.version_hash };
  const target_rect = unionRect(selected.matches);
  await announceTarget(input, s, target_rect, pluginOf(selected.matches[0]));
  const outputs: JsonValue[] = [];
  let bytes = 2;
  for (const m of selected.matches) {
    const out = matchOutput(m) as unknown as JsonValue;
    bytes += JSON.stringify(out).length + 1;
    outputs.push(out);
    if (input.outputBytes !== undefined && bytes > input.outputBytes) {
      return { ok: true, outputs, version_hash: resolved.version_hash, truncated: { estimated_total: selected.matches.length }, target_rect, last_updated: resolved.last_updated };
    }
  }
  return { ok: true, outputs, version_hash: resolved.version_hash, target_rect, last_updated: resolved.last_updated };
};
