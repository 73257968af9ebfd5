/** CSS selectors over a browser's layout snapshot (`pe.view`) and `pe.screenshot` passthrough. */
import { resolveOnce, type LangRunner } from "./surface";

export const runCss: LangRunner = async (s, input) => {
  const resolved = await resolveOnce(s, input);
  if (!resolved.ok) return resolved;
  return { ok: false, code: "unsupported_surface", message: "css queries are not available in this build" };
};
